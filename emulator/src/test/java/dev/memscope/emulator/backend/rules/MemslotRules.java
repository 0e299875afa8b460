package dev.memscope.emulator.backend.rules;

import static dev.memscope.emulator.backend.rules.Hva.absolute;
import static dev.memscope.emulator.backend.rules.Hva.base;
import static dev.memscope.emulator.backend.rules.MemslotRegion.region;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import java.util.List;

/**
 * The validation rules of {@code KVM_SET_USER_MEMORY_REGION} (DOMAIN.md section 1) as rows with the kernel's answer.
 * Expected values come from virt/kvm/kvm_main.c (Linux 6.13 to 6.18: the ioctl case, which allows only the v1 flags,
 * {@code kvm_vm_ioctl_set_memory_region()}, {@code check_memory_region_flags()}, {@code kvm_set_memory_region()}) and
 * arch/x86/kvm/x86.c ({@code kvm_arch_prepare_memory_region()}). Every row runs on a fresh VM; {@code base} is
 * {@link KernelAnswerRunner#HOST_BYTES} of anonymous memory mapped for it.
 */
public final class MemslotRules {
    static final long MIB = 1L << 20;
    /** {@code KVM_USER_MEM_SLOTS} on x86: KVM_MEM_SLOTS_NUM (SHRT_MAX) minus 3 internal slots. */
    public static final int KVM_USER_MEM_SLOTS = 32764;
    /** {@code KVM_MEM_MAX_NR_PAGES}: (1 << 31) - 1. */
    public static final long KVM_MEM_MAX_NR_PAGES = (1L << 31) - 1;
    private static final int EINVAL = -Errno.EINVAL;
    private static final int EEXIST = -Errno.EEXIST;
    private static final String SET = "kvm_set_memory_region(): ";

    private MemslotRules() {
    }

    private static MemslotRegion ram(int slot, long gpa) {
        return region(slot, 0, gpa, MIB, base(0));
    }

    private static MemslotRule rule(String name, String source, List<MemslotRegion> setup, MemslotRegion op,
            int expected) {
        return new MemslotRule(name, source, Requirement.NONE, setup, op, expected);
    }

    public static List<MemslotRule> all() {
        MemslotRegion slot0 = ram(0, MIB);
        return List.of(
                // 1. slot id
                rule("slot id KVM_USER_MEM_SLOTS-1 is the last one userspace may use",
                        "kvm_vm_ioctl_set_memory_region(): (u16)slot >= KVM_USER_MEM_SLOTS",
                        List.of(), ram(KVM_USER_MEM_SLOTS - 1, MIB), 0),
                rule("slot id KVM_USER_MEM_SLOTS is refused",
                        "kvm_vm_ioctl_set_memory_region(): (u16)slot >= KVM_USER_MEM_SLOTS",
                        List.of(), ram(KVM_USER_MEM_SLOTS, MIB), EINVAL),
                // 2. flags
                rule("flag bit 3 is unknown", "KVM_SET_USER_MEMORY_REGION: flags & ~KVM_SET_USER_MEMORY_REGION_V1_FLAGS",
                        List.of(), region(0, 1 << 3, MIB, MIB, base(0)), EINVAL),
                rule("GUEST_MEMFD is not a v1 flag", "KVM_SET_USER_MEMORY_REGION: only LOG_DIRTY_PAGES|READONLY",
                        List.of(), region(0, MemFlags.GUEST_MEMFD, MIB, MIB, base(0)), EINVAL),
                rule("KVM_MEMSLOT_INVALID (bit 16) is internal", "KVM_SET_USER_MEMORY_REGION: v1 flags only",
                        List.of(), region(0, MemFlags.INVALID, MIB, MIB, base(0)), EINVAL),
                rule("Memscope's ALLONES flag is refused like any unknown flag",
                        "never merged: refused as check_memory_region_flags() refuses an unknown flag",
                        List.of(), region(0, MemFlags.ALLONES, MIB, MIB, absolute(0)), EINVAL),
                rule("Memscope's PCI_HOLE flag is refused like any unknown flag",
                        "never merged: refused as check_memory_region_flags() refuses an unknown flag",
                        List.of(), region(0, MemFlags.PCI_HOLE, MIB, MIB, absolute(0)), EINVAL),
                new MemslotRule("READONLY creates a slot where the kernel has READONLY_MEM",
                        "check_memory_region_flags(): valid when kvm_arch_has_readonly_mem()",
                        Requirement.READONLY_MEM, List.of(), region(0, MemFlags.READONLY, MIB, MIB, base(0)), 0),
                new MemslotRule("READONLY and LOG_DIRTY_PAGES together are valid",
                        "check_memory_region_flags(): the two are not exclusive",
                        Requirement.READONLY_MEM, List.of(),
                        region(0, MemFlags.READONLY | MemFlags.LOG_DIRTY_PAGES, MIB, MIB, base(0)), 0),
                // 3-5. alignment and access
                rule("size not a multiple of 4 KiB", SET + "memory_size & (PAGE_SIZE - 1)",
                        List.of(), region(0, 0, MIB, MIB + 1, base(0)), EINVAL),
                rule("gpa not page-aligned", SET + "guest_phys_addr & (PAGE_SIZE - 1)",
                        List.of(), region(0, 0, MIB + 0x800, MIB, base(0)), EINVAL),
                rule("hva not page-aligned", SET + "userspace_addr & (PAGE_SIZE - 1)",
                        List.of(), region(0, 0, MIB, MIB, base(0x800)), EINVAL),
                rule("hva in kernel space fails access_ok()", SET + "!access_ok(userspace_addr, memory_size)",
                        List.of(), region(0, 0, MIB, MIB, absolute(0xFFFF800000000000L)), EINVAL),
                rule("hva 0 passes: access_ok() checks the range, not a mapping", SET + "access_ok() only",
                        List.of(), region(0, 0, MIB, MIB, absolute(0)), 0),
                rule("unmapped hva passes: nothing is looked up until a fault", SET + "access_ok() only",
                        List.of(), region(0, 0, MIB, MIB, absolute(0x10000000000L)), 0),
                // 6. address space
                rule("as_id 2 does not exist on x86", SET + "as_id >= kvm_arch_nr_memslot_as_ids()",
                        List.of(), region(2 << 16, 0, MIB, MIB, base(0)), EINVAL),
                new MemslotRule("as_id 1 (SMM) is separate: the same gpa does not overlap",
                        SET + "kvm_check_memslot_overlap() looks at one address space",
                        Requirement.SMM_ADDRESS_SPACE, List.of(slot0), region(1 << 16, 0, MIB, MIB, base(0)), 0),
                new MemslotRule("as_id 1 does not exist without SMM", SET + "as_id >= kvm_arch_nr_memslot_as_ids()",
                        Requirement.ONE_ADDRESS_SPACE, List.of(), region(1 << 16, 0, MIB, MIB, base(0)), EINVAL),
                // 7-8. wrap and size
                rule("gpa + size wraps", SET + "guest_phys_addr + memory_size < guest_phys_addr",
                        List.of(), region(0, 0, -MIB, 2 * MIB, base(0)), EINVAL),
                rule("more than KVM_MEM_MAX_NR_PAGES pages", SET + "(memory_size >> PAGE_SHIFT) > KVM_MEM_MAX_NR_PAGES",
                        List.of(), region(0, 0, 0, (KVM_MEM_MAX_NR_PAGES + 1) << 12, absolute(1L << 44)), EINVAL),
                rule("a slot above the largest gfn the MMU maps (2^52)",
                        "kvm_arch_prepare_memory_region(): base_gfn + npages - 1 > kvm_mmu_max_gfn()",
                        List.of(), region(0, 0, 1L << 52, MIB, base(0)), EINVAL),
                // 9. DELETE
                rule("delete a slot that does not exist", SET + "!memory_size && !old",
                        List.of(), region(5, 0, 0, 0, base(0)), EINVAL),
                rule("DELETE", SET + "!memory_size: KVM_MR_DELETE",
                        List.of(slot0), region(0, 0, MIB, 0, base(0)), 0),
                rule("DELETE still checks gpa alignment first", SET + "alignment checks come before DELETE",
                        List.of(slot0), region(0, 0, MIB + 0x800, 0, base(0)), EINVAL),
                rule("a deleted slot id is free for a new size", SET + "!old: KVM_MR_CREATE",
                        List.of(slot0, region(0, 0, MIB, 0, base(0))), region(0, 0, MIB, 2 * MIB, base(0)), 0),
                // 10. CREATE
                rule("CREATE", SET + "!old: KVM_MR_CREATE", List.of(), slot0, 0),
                rule("two slots may share one hva range (aliases)", SET + "only gfn ranges must not overlap",
                        List.of(slot0), region(1, 0, 4 * MIB, MIB, base(0)), 0),
                // 11. existing slot
                rule("changing the size of a slot", SET + "npages != old->npages",
                        List.of(slot0), region(0, 0, MIB, 2 * MIB, base(0)), EINVAL),
                rule("changing the hva of a slot", SET + "userspace_addr != old->userspace_addr",
                        List.of(slot0), region(0, 0, MIB, MIB, base(MIB)), EINVAL),
                new MemslotRule("toggling READONLY on a slot", SET + "(flags ^ old->flags) & KVM_MEM_READONLY",
                        Requirement.READONLY_MEM, List.of(slot0), region(0, MemFlags.READONLY, MIB, MIB, base(0)),
                        EINVAL),
                rule("MOVE", SET + "base_gfn != old->base_gfn: KVM_MR_MOVE",
                        List.of(slot0), ram(0, 4 * MIB), 0),
                rule("FLAGS_ONLY: turning on dirty logging", SET + "flags != old->flags: KVM_MR_FLAGS_ONLY",
                        List.of(slot0), region(0, MemFlags.LOG_DIRTY_PAGES, MIB, MIB, base(0)), 0),
                rule("the same region again is a no-op", SET + "nothing to change: return 0",
                        List.of(slot0), slot0, 0),
                // 12. overlap
                rule("CREATE overlapping another slot", SET + "kvm_check_memslot_overlap(): -EEXIST",
                        List.of(slot0), region(1, 0, MIB + MIB / 2, MIB, base(MIB)), EEXIST),
                rule("CREATE right after another slot does not overlap", SET + "ranges are [base_gfn, +npages)",
                        List.of(slot0), region(1, 0, 2 * MIB, MIB, base(MIB)), 0),
                rule("MOVE onto another slot", SET + "kvm_check_memslot_overlap() on KVM_MR_MOVE: -EEXIST",
                        List.of(slot0, region(1, 0, 4 * MIB, MIB, base(MIB))), region(1, 0, MIB / 2, MIB, base(MIB)),
                        EEXIST),
                rule("validation comes before the overlap check", SET + "alignment -EINVAL before -EEXIST",
                        List.of(slot0), region(1, 0, MIB + MIB / 2, MIB, base(0x800)), EINVAL),
                rule("a changed size is refused before the overlap check", SET + "npages != old->npages first",
                        List.of(slot0, region(1, 0, 4 * MIB, MIB, base(MIB))), region(0, 0, MIB, 4 * MIB, base(0)),
                        EINVAL));
    }
}
