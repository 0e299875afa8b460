package dev.memscope.emulator.kvm.conformance;

import static dev.memscope.emulator.backend.Errno.EEXIST;
import static dev.memscope.emulator.backend.Errno.EINVAL;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Every errno rule of {@code KVM_SET_USER_MEMORY_REGION} as data ({@code __kvm_set_memory_region},
 * virt/kvm/kvm_main.c; DOMAIN.md section 1), with a runner that takes any {@link RegionTarget}. Rows marked
 * {@code realKernel} hold on a real kernel too; the others are the proposals' hole-flag rules (model only).
 * Expected values are the kernel's documented semantics, never the model's output.
 */
public final class MemoryRegionErrnoTable {
    static final long MB = 1L << 20;

    /** @param expected 0 or a positive errno (the call must return its negation) */
    public record Row(String rule, boolean realKernel, List<Region> setup, Region call, int expected) {
    }

    private static Row row(String rule, boolean real, int expected, Region call, Region... setup) {
        return new Row(rule, real, List.of(setup), call, expected);
    }

    public static List<Row> rows() {
        Region slot0 = Region.mapped(0, 0, 0, 2 * MB);
        int allones = MemFlags.ALLONES;
        int hole = MemFlags.PCI_HOLE;
        return List.of(
                row("1. slot id 32764 = KVM_USER_MEM_SLOTS is refused", true, EINVAL,
                        Region.mapped(32764, 0, 0, 2 * MB)),
                row("1. slot id 32763, the last user slot, is accepted", true, 0, Region.mapped(32763, 0, 0, 2 * MB)),
                row("1. an out-of-range slot id (40000)", true, EINVAL,
                        Region.literal(40000, 0, 0, 123, 0)),
                row("2. an unknown flag (bit 3) is refused", true, EINVAL,
                        Region.mapped(0, 1 << 3, 0, 2 * MB)),
                row("2. the internal INVALID flag is refused from userspace", true, EINVAL,
                        Region.mapped(0, MemFlags.INVALID, 0, 2 * MB)),
                row("3. a size not a multiple of 4 KiB", true, EINVAL, Region.literal(0, 0, 0, 4097, 0)),
                row("4. an unaligned gpa", true, EINVAL, Region.mapped(0, 0, 0x800, 2 * MB)),
                row("5. an unaligned userspace_addr", true, EINVAL, Region.mapped(0, 0, 0, MB).withUaddrOffset(8)),
                row("5. userspace_addr beyond TASK_SIZE_MAX (access_ok)", true, EINVAL,
                        Region.literal(0, 0, 0, 2 * MB, 0x7FFF_FFFF_F000L)),
                row("5. access_ok does not look for a mapping: an unmapped aligned address is accepted", true, 0,
                        Region.literal(0, 0, 0, 2 * MB, 0x10_0000_0000L)),
                row("6. address space 2 does not exist on x86", true, EINVAL,
                        Region.mapped(2 << 16, 0, 0, 2 * MB)),
                row("7. gpa + size wraps", true, EINVAL,
                        Region.literal(0, 0, 0xFFFF_FFFF_FFFF_F000L, 2 * 4096, 0)),
                row("8. more than KVM_MEM_MAX_NR_PAGES pages", true, EINVAL,
                        Region.literal(0, 0, 0, 1L << 43, 0x1000)),
                row("9. deleting a slot that does not exist", true, EINVAL, Region.literal(5, 0, 0, 0, 0)),
                row("9. deleting an existing slot", true, 0, slot0.with(0, 0, 0), slot0),
                row("10. creating a slot", true, 0, slot0),
                row("10. the same gpa in the SMM address space does not overlap", true, 0,
                        Region.mapped(1 << 16, 0, 0, 2 * MB), slot0),
                row("11. changing userspace_addr of an existing slot", true, EINVAL,
                        slot0.withUaddrOffset(4096), slot0),
                row("11. changing the size of an existing slot", true, EINVAL, slot0.with(0, 0, MB), slot0),
                row("11. toggling READONLY", true, EINVAL, slot0.with(MemFlags.READONLY, 0, 2 * MB), slot0),
                row("11. a new base gfn is a MOVE", true, 0, slot0.with(0, 16 * MB, 2 * MB), slot0),
                row("11. new flags are FLAGS_ONLY", true, 0, slot0.with(MemFlags.LOG_DIRTY_PAGES, 0, 2 * MB), slot0),
                row("11. an identical region is a no-op", true, 0, slot0.with(0, 0, 2 * MB), slot0),
                row("12. CREATE overlapping another slot", true, EEXIST, Region.mapped(1, 0, MB, 2 * MB), slot0),
                row("12. MOVE onto another slot", true, EEXIST,
                        Region.mapped(1, 0, 4 * MB, 2 * MB).with(0, MB, 2 * MB), slot0,
                        Region.mapped(1, 0, 4 * MB, 2 * MB)),
                row("12. the size check precedes the overlap check", true, EINVAL,
                        Region.literal(1, 0, MB, 4096 + 1, 0), slot0),
                // the proposals' rules (not in any merged kernel)
                row("ALLONES: userspace_addr must be 0", false, EINVAL, Region.mapped(0, allones, 0, 2 * MB)),
                row("ALLONES: accepted with userspace_addr 0", false, 0, Region.literal(0, allones, 0, 2 * MB, 0)),
                row("ALLONES: exclusive with READONLY", false, EINVAL,
                        Region.literal(0, allones | MemFlags.READONLY, 0, 2 * MB, 0)),
                row("ALLONES: exclusive with LOG_DIRTY_PAGES", false, EINVAL,
                        Region.literal(0, allones | MemFlags.LOG_DIRTY_PAGES, 0, 2 * MB, 0)),
                row("PCI_HOLE: userspace_addr must be 0", false, EINVAL, Region.mapped(0, hole, 0, 2 * MB)),
                row("PCI_HOLE: accepted with userspace_addr 0", false, 0, Region.literal(0, hole, 0, 2 * MB, 0)),
                row("PCI_HOLE: exclusive with READONLY", false, EINVAL,
                        Region.literal(0, hole | MemFlags.READONLY, 0, 2 * MB, 0)),
                row("PCI_HOLE: toggling the flag on an existing slot", false, EINVAL,
                        Region.literal(0, hole, 0, 2 * MB, 0), Region.literal(0, 0, 0, 2 * MB, 0)),
                row("PCI_HOLE: toggling it off again", false, EINVAL, Region.literal(0, 0, 0, 2 * MB, 0),
                        Region.literal(0, hole, 0, 2 * MB, 0)),
                row("ALLONES and PCI_HOLE together", false, EINVAL,
                        Region.literal(0, allones | hole, 0, 2 * MB, 0)),
                row("a hole slot overlapping RAM", false, EEXIST, Region.literal(1, hole, MB, 2 * MB, 0), slot0));
    }

    /** Runs every row that applies to the target kind; returns one line per mismatch (empty: all hold). */
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
                        mismatches.add(r.rule() + ": setup " + s + " failed with " + Errno.describeResult(rs));
                    }
                }
                int got = r.call().apply(t, hva);
                if (got != -r.expected()) {
                    mismatches.add(r.rule() + ": expected " + Errno.describeResult(-r.expected()) + ", got "
                            + Errno.describeResult(got));
                }
            }
        }
        return mismatches;
    }

    private MemoryRegionErrnoTable() {
    }
}
