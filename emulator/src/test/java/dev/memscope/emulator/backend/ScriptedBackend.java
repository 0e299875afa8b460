package dev.memscope.emulator.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A test double of {@link VmBackend} for VMM unit tests: KVM_RUN returns exits from a script, memslot calls are
 * recorded, host memory is a sparse map of pages. It runs no guest code; guest-level tests use the real backends.
 */
public final class ScriptedBackend implements VmBackend {
    public record SlotCall(int slot, int flags, long gpa, long size, long hva) {
    }

    private final KvmRun run = new KvmRun();
    private final Deque<Consumer<KvmRun>> script = new ArrayDeque<>();
    public final List<SlotCall> slotCalls = new ArrayList<>();
    public final List<Long> mmioReadAnswers = new ArrayList<>();
    private final Map<Long, byte[]> pages = new HashMap<>();
    private long nextHva = 0x7f0000000000L;
    public KvmRegs regs;
    public KvmSregs sregs;
    public boolean closed;

    public ScriptedBackend then(Consumer<KvmRun> exit) {
        script.add(exit);
        return this;
    }

    public ScriptedBackend out(int port, int size, long value) {
        return then(r -> {
            r.exitReason = KvmExitReason.IO;
            r.ioDirection = KvmRun.IO_OUT;
            r.ioPort = port;
            r.ioSize = size;
            r.ioData = value;
        });
    }

    public ScriptedBackend mmio(long gpa, int len, boolean write, long value) {
        return then(r -> {
            r.exitReason = KvmExitReason.MMIO;
            r.mmioPhysAddr = gpa;
            r.mmioLen = len;
            r.mmioIsWrite = write;
            r.setMmioValue(value);
        });
    }

    @Override
    public KvmRun run(long budget) {
        if (run.exitReason == KvmExitReason.MMIO && !run.mmioIsWrite) {
            mmioReadAnswers.add(run.mmioValue());
        }
        run.clear();
        Consumer<KvmRun> next = script.poll();
        if (next == null) {
            run.exitReason = KvmExitReason.INTR;
        } else {
            next.accept(run);
        }
        return run;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String describe() {
        return "a scripted test double";
    }

    @Override
    public int checkExtension(int cap) {
        return cap == KvmCap.READONLY_MEM ? 1 : 0;
    }

    @Override
    public long mmap(long bytes, MemoryBacking backing) {
        long hva = nextHva;
        nextHva += (bytes + 0xFFFFF) & ~0xFFFFFL;
        return hva;
    }

    @Override
    public void munmap(long hva, long bytes) {
    }

    @Override
    public void writeHost(long hva, byte[] src, int offset, int length) {
        for (int i = 0; i < length; i++) {
            long a = hva + i;
            pages.computeIfAbsent(a >>> 12, k -> new byte[4096])[(int) (a & 4095)] = src[offset + i];
        }
    }

    @Override
    public void readHost(long hva, byte[] dst, int offset, int length) {
        for (int i = 0; i < length; i++) {
            long a = hva + i;
            byte[] p = pages.get(a >>> 12);
            dst[offset + i] = p == null ? 0 : p[(int) (a & 4095)];
        }
    }

    @Override
    public int setUserMemoryRegion(int slot, int flags, long gpa, long size, long hva) {
        slotCalls.add(new SlotCall(slot, flags, gpa, size, hva));
        return 0;
    }

    @Override
    public int getDirtyLog(int slot, long[] bitmap) {
        return -Errno.ENOENT;
    }

    @Override
    public KvmRegs getRegs() {
        return regs;
    }

    @Override
    public void setRegs(KvmRegs regs) {
        this.regs = regs;
    }

    @Override
    public KvmSregs getSregs() {
        return sregs;
    }

    @Override
    public void setSregs(KvmSregs sregs) {
        this.sregs = sregs;
    }

    @Override
    public void requestStop() {
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        return -Errno.EOPNOTSUPP;
    }

    @Override
    public void close() {
        closed = true;
    }
}
