package dev.memscope.emulator.backend.rules;

import static dev.memscope.emulator.backend.rules.Hva.base;
import static dev.memscope.emulator.backend.rules.MemslotRegion.region;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemFlags;
import java.util.List;

/**
 * {@code KVM_PRE_FAULT_MEMORY} (DOMAIN.md section 4, Documentation/virt/kvm/api.rst 4.143) as rows with the kernel's
 * answer. The generic layer ({@code kvm_vcpu_pre_fault_memory()}, virt/kvm/kvm_main.c) validates the request on every
 * kernel that has the ioctl; the x86 layer ({@code kvm_arch_vcpu_pre_fault_memory()}, arch/x86/kvm/mmu/mmu.c) maps
 * only with the TDP MMU, and a range it processed in part is success with the rest left in {@code size}.
 */
public final class PreFaultRules {
    private static final long PAGE = 4096;
    private static final long MIB = 1L << 20;
    private static final String GENERIC = "kvm_vcpu_pre_fault_memory(): ";
    private static final String ARCH = "kvm_arch_vcpu_pre_fault_memory(): ";

    private PreFaultRules() {
    }

    private static KvmPreFaultMemory range(long gpa, long size) {
        return new KvmPreFaultMemory(gpa, size);
    }

    private static KvmPreFaultMemory withFlags(long flags) {
        KvmPreFaultMemory r = range(0, PAGE);
        r.flags = flags;
        return r;
    }

    public static List<PreFaultRule> all() {
        List<MemslotRegion> ram = List.of(region(0, 0, 0, 4 * MIB, base(0)));
        int einval = -Errno.EINVAL;
        Requirement generic = Requirement.PRE_FAULT_IOCTL;
        Requirement mapping = Requirement.PRE_FAULT_MEMORY;
        return List.of(
                new PreFaultRule("flags must be 0", GENERIC + "range->flags", generic, ram, withFlags(1), einval,
                        PAGE),
                new PreFaultRule("gpa not page-aligned", GENERIC + "!PAGE_ALIGNED(range->gpa)", generic, ram,
                        range(0x800, PAGE), einval, PAGE),
                new PreFaultRule("size not page-aligned", GENERIC + "!PAGE_ALIGNED(range->size)", generic, ram,
                        range(0, 0x800), einval, 0x800),
                new PreFaultRule("size 0", GENERIC + "range->gpa + range->size <= range->gpa", generic, ram,
                        range(0, 0), einval, 0),
                new PreFaultRule("gpa + size wraps", GENERIC + "range->gpa + range->size <= range->gpa", generic, ram,
                        range(-PAGE, 2 * PAGE), einval, 2 * PAGE),
                new PreFaultRule("no TDP MMU: nothing can be pre-faulted",
                        ARCH + "-EOPNOTSUPP when the MMU is not the TDP one (kvm_tdp_map_page())",
                        Requirement.PRE_FAULT_IOCTL_WITHOUT_CAP, ram, range(0, 2 * MIB), -Errno.EOPNOTSUPP,
                        2 * MIB),
                new PreFaultRule("RAM is mapped and nothing is left", ARCH + "RET_PF_FIXED -> bytes mapped", mapping,
                        ram, range(0, 2 * MIB), 0, 0),
                new PreFaultRule("a range running past its slot maps what it can and leaves the rest",
                        GENERIC + "partial progress returns 0; " + ARCH + "RET_PF_EMULATE (no slot) -> -ENOENT",
                        mapping, ram, range(4 * MIB - PAGE, 2 * PAGE), 0, PAGE),
                new PreFaultRule("no memslot at all", ARCH + "RET_PF_EMULATE -> -ENOENT, nothing processed", mapping,
                        ram, range(16 * MIB, PAGE), -Errno.ENOENT, PAGE),
                new PreFaultRule("a read-only slot is mapped (read fault, read-only SPTE)",
                        ARCH + "a read fault with PFERR_GUEST_FINAL: RET_PF_FIXED", mapping,
                        List.of(region(0, MemFlags.READONLY, 0, 4 * MIB, base(0))), range(0, PAGE), 0, 0));
    }
}
