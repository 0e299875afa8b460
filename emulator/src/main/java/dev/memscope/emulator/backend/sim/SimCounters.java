package dev.memscope.emulator.backend.sim;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmHooks;
import dev.memscope.emulator.kvm.KvmPageFault;
import dev.memscope.emulator.kvm.Memslot;
import dev.memscope.emulator.kvm.MemslotChange;
import dev.memscope.emulator.x86.VmExit;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated backend's own bookkeeping, as the model's first hook: VM exits by VMX reason, SPTEs installed and
 * prefetched, instructions emulated, reads of the hole served in the kernel, and the fault in progress. Every hook is
 * passed on to the debugger's hooks ({@link #delegate}).
 */
final class SimCounters implements KvmHooks {
    KvmHooks delegate = KvmHooks.NONE;
    private final long[] vmExits = new long[64];
    long emulated;
    private long spteInstalled;
    private long sptePrefetched;
    private long kernelReadsTotal;
    private final Map<Long, Long> kernelHoleReads = new HashMap<>();
    private KvmPageFault inProgress;

    void vmExit(int reason) {
        if (reason >= 0 && reason < vmExits.length) {
            vmExits[reason]++;
        }
    }

    /** The fault being handled, until its last hook returns (so a stop after its last phase still shows it). */
    FaultRecord currentFault() {
        return inProgress == null ? null : inProgress.toRecord();
    }

    /** The fault being handled, if it has this number. */
    java.util.Optional<dev.memscope.emulator.api.PrefetchWindow> inProgressWindow(long seq) {
        return inProgress != null && inProgress.seq == seq ? java.util.Optional.ofNullable(inProgress.prefetchWindow())
                : java.util.Optional.empty();
    }

    Map<Long, Long> kernelHoleReads() {
        return Map.copyOf(kernelHoleReads);
    }

    void addTo(Map<String, Long> out) {
        for (int r = 0; r < vmExits.length; r++) {
            if (vmExits[r] > 0) {
                out.put("vmx." + VmExit.reasonName(r), vmExits[r]);
            }
        }
        out.put("emulated_instructions", emulated);
        out.put("spte_installed", spteInstalled);
        out.put("spte_prefetched", sptePrefetched);
        out.put("hole_kernel_reads", kernelReadsTotal);
    }

    @Override
    public void beforeFault(KvmPageFault fault) {
        inProgress = fault;
        delegate.beforeFault(fault);
    }

    @Override
    public void afterPhase(KvmPageFault fault) {
        if (fault.phase() == FaultPhase.DONE) {
            sptePrefetched += fault.prefetchMapped();
        }
        delegate.afterPhase(fault);
        if (fault.isDone() && inProgress == fault) {
            inProgress = null;
        }
    }

    @Override
    public void spteChanged(int asId, long gfn, int level, long oldSpte, long newSpte) {
        if (!dev.memscope.emulator.api.SpteBits.isShadowPresent(oldSpte)
                && dev.memscope.emulator.api.SpteBits.isShadowPresent(newSpte)
                && dev.memscope.emulator.api.SpteBits.isLast(newSpte, level)) {
            spteInstalled++;
        }
        delegate.spteChanged(asId, gfn, level, oldSpte, newSpte);
    }

    @Override
    public void holeAccess(long gpa, int size, boolean write, boolean inKernel) {
        if (inKernel && !write) {
            kernelReadsTotal++;
            kernelHoleReads.merge(gpa >>> 12, 1L, Long::sum);
        }
        delegate.holeAccess(gpa, size, write, inKernel);
    }

    @Override
    public void memslotInvalidated(Kvm kvm, Memslot invalidSlot) {
        delegate.memslotInvalidated(kvm, invalidSlot);
    }

    @Override
    public void memslotsUpdating(Kvm kvm, int asId) {
        delegate.memslotsUpdating(kvm, asId);
    }

    @Override
    public void memslotCommitted(Kvm kvm, MemslotChange change, Memslot oldSlot, Memslot newSlot) {
        delegate.memslotCommitted(kvm, change, oldSlot, newSlot);
    }
}
