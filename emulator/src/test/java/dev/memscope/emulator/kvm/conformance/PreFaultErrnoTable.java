package dev.memscope.emulator.kvm.conformance;

import static dev.memscope.emulator.backend.Errno.EINVAL;
import static dev.memscope.emulator.backend.Errno.ENOENT;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import java.util.ArrayList;
import java.util.List;

/**
 * The errno rules of {@code KVM_PRE_FAULT_MEMORY} that need no special state (api.rst 4.143;
 * {@code kvm_vcpu_pre_fault_memory} in virt/kvm/kvm_main.c, {@code kvm_arch_vcpu_pre_fault_memory} in
 * arch/x86/kvm/mmu/mmu.c) as data: the setup, the call, the expected return and the range left in the struct.
 * EOPNOTSUPP, EINTR and EAGAIN need model knobs (shadow paging, a nested guest, a pending signal, a slot caught
 * mid-delete) and are tested in {@code PreFaultTest}.
 */
public final class PreFaultErrnoTable {
    static final long KB = 1L << 10;
    static final long MB = 1L << 20;

    /** @param expected 0 or a positive errno; {@code gpaAfter}/{@code sizeAfter} are checked too */
    public record Row(String rule, boolean realKernel, List<Region> setup, long gpa, long size, long flags,
            int expected, long gpaAfter, long sizeAfter) {
    }

    public static List<Row> rows() {
        Region ram = Region.mapped(0, 0, 0, 8 * KB);
        return List.of(
                new Row("flags must be 0", true, List.of(ram), 0, 4 * KB, 1, EINVAL, 0, 4 * KB),
                new Row("gpa must be page-aligned", true, List.of(ram), 0x800, 4 * KB, 0, EINVAL, 0x800, 4 * KB),
                new Row("size must be page-aligned", true, List.of(ram), 0, 100, 0, EINVAL, 0, 100),
                new Row("size 0 is refused (gpa + size <= gpa)", true, List.of(ram), 0, 0, 0, EINVAL, 0, 0),
                new Row("gpa + size overflowing is refused", true, List.of(ram), -8 * KB, 16 * KB, 0, EINVAL,
                        -8 * KB, 16 * KB),
                new Row("no memslot: ENOENT, nothing processed", true, List.of(ram), 64 * KB, 4 * KB, 0, ENOENT,
                        64 * KB, 4 * KB),
                new Row("the whole range mapped: 0, size left 0", true, List.of(ram), 0, 8 * KB, 0, 0, 8 * KB, 0),
                new Row("partial progress then ENOENT: 0 and the rest left in the struct", true, List.of(ram), 0,
                        16 * KB, 0, 0, 8 * KB, 8 * KB),
                new Row("a read-only slot pre-faults fine (read fault)", true,
                        List.of(Region.mapped(0, MemFlags.READONLY, 0, 8 * KB)), 0, 8 * KB, 0, 0, 8 * KB, 0),
                new Row("a 2M mapping steps 2 MiB at a time, never past the range", true,
                        List.of(Region.mapped(0, 0, 0, 4 * MB, MemoryBacking.ANONYMOUS_HUGE_2M)), 4 * KB, 4 * MB
                                - 4 * KB, 0, 0, 4 * MB, 0),
                new Row("PCI_HOLE v2: emulated, so ENOENT", false,
                        List.of(Region.literal(0, MemFlags.PCI_HOLE, 0, 8 * KB, 0)), 0, 4 * KB, 0, ENOENT, 0,
                        4 * KB),
                new Row("ALLONES RFC: the 0xff page is mapped", false,
                        List.of(Region.literal(0, MemFlags.ALLONES, 0, 8 * KB, 0)), 0, 8 * KB, 0, 0, 8 * KB, 0));
    }

    public static List<String> run(RegionTarget.Factory factory) {
        List<String> mismatches = new ArrayList<>();
        for (Row r : rows()) {
            try (RegionTarget t = factory.create()) {
                if (!r.realKernel() && !t.isModel()) {
                    continue;
                }
                long[] hva = {0};
                for (Region s : r.setup()) {
                    int rs = s.apply(t, hva);
                    if (rs != 0) {
                        mismatches.add(r.rule() + ": setup failed with " + Errno.describeResult(rs));
                    }
                }
                KvmPreFaultMemory range = new KvmPreFaultMemory(r.gpa(), r.size());
                range.flags = r.flags();
                int got = t.preFaultMemory(range);
                if (got != -r.expected() || range.gpa != r.gpaAfter() || range.size != r.sizeAfter()) {
                    mismatches.add(String.format("%s: expected %s left {gpa=0x%x, size=0x%x}, got %s left %s",
                            r.rule(), Errno.describeResult(-r.expected()), r.gpaAfter(), r.sizeAfter(),
                            Errno.describeResult(got), range));
                }
            }
        }
        return mismatches;
    }

    private PreFaultErrnoTable() {
    }
}
