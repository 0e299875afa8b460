package dev.memscope.emulator.kvm.bench;

import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmConfig;
import dev.memscope.emulator.kvm.KvmVcpu;
import dev.memscope.emulator.kvm.MmuMode;
import dev.memscope.emulator.kvm.Pferr;
import dev.memscope.emulator.kvm.SimplePagingState;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.VmExit;
import java.lang.management.ManagementFactory;

/**
 * Heap cost of a guest with a 256 GiB sparse address space (one memslot, anonymous 4 KiB backing) of which 1 GiB is
 * touched: every touched page is faulted in through the TDP MMU (write faults) and written through the hardware
 * view, so its {@code byte[4096]} exists. Two patterns: {@code clustered} (64 runs of 16 MiB spread over the space)
 * and {@code scattered} (one page every 256 KiB: the worst case for page tables, which the kernel pays too).
 * Prints the live heap after a full GC divided by the touched bytes. Run (see docs/perf.md):
 * {@code java -Xmx3g -cp ... dev.memscope.emulator.kvm.bench.HeapMeasure clustered}
 */
public final class HeapMeasure {
    private static final long GB = 1L << 30;
    private static final long MB = 1L << 20;

    public static void main(String[] args) {
        String pattern = args.length > 0 ? args[0] : "clustered";
        long before = usedAfterGc();
        Kvm kvm = Kvm.create(KvmConfig.defaults(MmuMode.TDP));
        KvmVcpu vcpu = kvm.createVcpu(new SimplePagingState());
        long space = 256 * GB;
        long hva = kvm.host().mmap(space, MemoryBacking.ANONYMOUS);
        if (kvm.setUserMemoryRegion(0, 0, 0, space, hva) != 0) {
            throw new IllegalStateException("memslot refused");
        }
        PageRef ref = new PageRef();
        VmExit exit = new VmExit();
        long pages = GB >>> 12;
        for (long i = 0; i < pages; i++) {
            long gpa = pattern.equals("scattered") ? i * (256 * 1024)
                    : (i / 4096) * (space / 64) + (i % 4096) * 4096;
            vcpu.pageFault(gpa, Pferr.WRITE);
            exit.clear();
            if (vcpu.hardwareMemory().resolve(gpa, Access.WRITE, -1, false, ref, exit) != 0) {
                throw new IllegalStateException("not mapped after the fault: 0x" + Long.toHexString(gpa));
            }
            ref.page[0] = 1;
        }
        long after = usedAfterGc();
        long heap = after - before;
        System.out.printf("pattern %s: touched %d MiB, host bytes accounted %d MiB, SPTE tables %d, heap %.1f MiB,"
                + " ratio %.3f%n", pattern, GB / MB, kvm.host().hostBytes() / MB, kvm.mmu().usedPages(),
                heap / (double) MB, heap / (double) GB);
        if (kvm.host().structPages() != pages) {
            throw new IllegalStateException("accounting: " + kvm.host().structPages());
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
