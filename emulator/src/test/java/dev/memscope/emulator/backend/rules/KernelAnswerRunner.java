package dev.memscope.emulator.backend.rules;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;
import java.util.Optional;

/**
 * Runs the rows of {@link MemslotRules} and {@link PreFaultRules} against any {@link VmBackend}, so the same table
 * checks the real kernel and the model. The caller supplies a fresh backend per row and closes it.
 */
public final class KernelAnswerRunner {
    /** Anonymous memory mapped for each row; {@link Hva#base} offsets point into it. */
    public static final long HOST_BYTES = 8L << 20;

    /** What a row returned, and with what arguments, for the failure message. */
    public record Answer(int result, String call) {
        public String describe() {
            return call + " = " + Errno.describeResult(result);
        }
    }

    private KernelAnswerRunner() {
    }

    /** Why the row cannot run on this backend, or empty. */
    public static Optional<String> unmet(VmBackend backend, Requirement requirement) {
        return requirement.unmet(backend);
    }

    public static Answer run(VmBackend backend, MemslotRule rule) throws BackendException {
        long base = backend.mmap(HOST_BYTES, MemoryBacking.ANONYMOUS);
        for (MemslotRegion step : rule.setup()) {
            int r = set(backend, step, base);
            if (r != 0) {
                throw new IllegalStateException("setup step " + step + " of \"" + rule.name() + "\" returned "
                        + Errno.describeResult(r));
            }
        }
        return new Answer(set(backend, rule.op(), base), "KVM_SET_USER_MEMORY_REGION " + rule.op());
    }

    public static PreFaultAnswer run(VmBackend backend, PreFaultRule rule) throws BackendException {
        long base = backend.mmap(HOST_BYTES, MemoryBacking.ANONYMOUS);
        for (MemslotRegion step : rule.setup()) {
            int r = set(backend, step, base);
            if (r != 0) {
                throw new IllegalStateException("setup step " + step + " of \"" + rule.name() + "\" returned "
                        + Errno.describeResult(r));
            }
        }
        KvmPreFaultMemory range = rule.request().copy();
        int r = backend.preFaultMemory(range);
        return new PreFaultAnswer(r, range.size, "KVM_PRE_FAULT_MEMORY " + rule.request());
    }

    /** The answer of a pre-fault row: the result and the size the kernel left in the struct. */
    public record PreFaultAnswer(int result, long sizeLeft, String call) {
        public String describe() {
            return call + " = " + Errno.describeResult(result) + String.format(", size left 0x%x", sizeLeft);
        }
    }

    private static int set(VmBackend backend, MemslotRegion r, long base) {
        return backend.setUserMemoryRegion(r.slot(), r.flags(), r.gpa(), r.size(), r.hva().resolve(base));
    }
}
