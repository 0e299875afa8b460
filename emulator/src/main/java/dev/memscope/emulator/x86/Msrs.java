package dev.memscope.emulator.x86;

/**
 * The model-specific registers a 64-bit guest needs (Intel SDM Vol. 4). EFER and FS/GS base live in the CPU
 * itself; this holds the rest. An MSR not listed here makes RDMSR/WRMSR raise #GP(0), as on hardware.
 */
final class Msrs {
    static final int IA32_TSC = 0x10, IA32_APIC_BASE = 0x1B, IA32_MISC_ENABLE = 0x1A0, IA32_PAT = 0x277,
            IA32_EFER = 0xC0000080, IA32_STAR = 0xC0000081, IA32_LSTAR = 0xC0000082, IA32_CSTAR = 0xC0000083,
            IA32_FMASK = 0xC0000084, IA32_FS_BASE = 0xC0000100, IA32_GS_BASE = 0xC0000101,
            IA32_KERNEL_GS_BASE = 0xC0000102, IA32_TSC_AUX = 0xC0000103, IA32_SYSENTER_CS = 0x174,
            IA32_SYSENTER_ESP = 0x175, IA32_SYSENTER_EIP = 0x176;
    /** EFER bits a guest may set: SCE, LME, LMA (read-only in effect), NXE. */
    static final long EFER_WRITABLE = 1L | (1L << 8) | (1L << 10) | (1L << 11);

    long apicBase = 0xFEE00000L | (1L << 8) | (1L << 11);
    long pat = 0x0007040600070406L;
    long star, lstar, cstar, fmask, kernelGsBase, tscAux, sysenterCs, sysenterEsp, sysenterEip;
    long miscEnable = 1;
    /** TSC = instruction count + tscOffset (a write to IA32_TSC sets the offset). */
    long tscOffset;

    /** Reads {@code msr} into {@code out[0]}; false when the MSR does not exist (#GP). */
    static boolean read(Cpu c, int msr, long[] out) {
        Msrs m = c.msrs;
        long v;
        switch (msr) {
            case IA32_TSC -> v = c.icount + m.tscOffset;
            case IA32_APIC_BASE -> v = m.apicBase;
            case IA32_MISC_ENABLE -> v = m.miscEnable;
            case IA32_PAT -> v = m.pat;
            case IA32_EFER -> v = c.efer;
            case IA32_STAR -> v = m.star;
            case IA32_LSTAR -> v = m.lstar;
            case IA32_CSTAR -> v = m.cstar;
            case IA32_FMASK -> v = m.fmask;
            case IA32_FS_BASE -> v = c.segBase[Cpu.FS];
            case IA32_GS_BASE -> v = c.segBase[Cpu.GS];
            case IA32_KERNEL_GS_BASE -> v = m.kernelGsBase;
            case IA32_TSC_AUX -> v = m.tscAux;
            case IA32_SYSENTER_CS -> v = m.sysenterCs;
            case IA32_SYSENTER_ESP -> v = m.sysenterEsp;
            case IA32_SYSENTER_EIP -> v = m.sysenterEip;
            default -> {
                return false;
            }
        }
        out[0] = v;
        return true;
    }

    /** Writes {@code msr}; false when it does not exist or the value is invalid (#GP). */
    static boolean write(Cpu c, int msr, long v) {
        Msrs m = c.msrs;
        boolean canonical = v << 16 >> 16 == v;
        switch (msr) {
            case IA32_TSC -> m.tscOffset = v - c.icount;
            case IA32_APIC_BASE -> m.apicBase = v;
            case IA32_MISC_ENABLE -> m.miscEnable = v;
            case IA32_PAT -> m.pat = v;
            case IA32_EFER -> {
                if ((v & ~EFER_WRITABLE) != 0) {
                    return false;
                }
                long old = c.efer;
                // LMA is set by the CPU, not by the write; LME cannot change while paging is on.
                long nv = (v & ~(1L << 10)) | (old & (1L << 10));
                if (((nv ^ old) & (1L << 8)) != 0 && (c.cr0 & Cpu.GuestAbiBits.CR0_PG) != 0) {
                    return false;
                }
                c.efer = nv;
                if (((nv ^ old) & Cpu.GuestAbiBits.EFER_NXE) != 0) {
                    c.flushTlb();
                    c.translator.pagingModeChanged(c);
                }
            }
            case IA32_STAR -> m.star = v;
            case IA32_LSTAR, IA32_CSTAR, IA32_FS_BASE, IA32_GS_BASE, IA32_KERNEL_GS_BASE, IA32_SYSENTER_ESP,
                    IA32_SYSENTER_EIP -> {
                if (!canonical) {
                    return false;
                }
                switch (msr) {
                    case IA32_LSTAR -> m.lstar = v;
                    case IA32_CSTAR -> m.cstar = v;
                    case IA32_FS_BASE -> c.segBase[Cpu.FS] = v;
                    case IA32_GS_BASE -> c.segBase[Cpu.GS] = v;
                    case IA32_KERNEL_GS_BASE -> m.kernelGsBase = v;
                    case IA32_SYSENTER_ESP -> m.sysenterEsp = v;
                    default -> m.sysenterEip = v;
                }
            }
            case IA32_FMASK -> m.fmask = v & 0xFFFFFFFFL;
            case IA32_TSC_AUX -> m.tscAux = v & 0xFFFFFFFFL;
            case IA32_SYSENTER_CS -> m.sysenterCs = v & 0xFFFF;
            default -> {
                return false;
            }
        }
        return true;
    }
}
