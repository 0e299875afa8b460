package dev.memscope.emulator.kvm;

/**
 * {@code union kvm_mmu_page_role} (arch/x86/include/asm/kvm_host.h), packed into its {@code word} the way the
 * kernel lays the bitfields out: level 0-3, has_4_byte_gpte 4, quadrant 5-6, direct 7, access 8-10, invalid 11,
 * efer_nx 12, cr0_wp 13, smep_andnot_wp 14, smap_andnot_wp 15, ad_disabled 16, guest_mode 17, passthrough 18,
 * smm 24-31.
 */
public final class MmuPageRole {
    private MmuPageRole() {
    }

    public static int make(int level, boolean direct, int access, boolean eferNx, boolean cr0Wp, int asId) {
        int w = level & 0xF;
        if (direct) {
            w |= 1 << 7;
        }
        w |= (access & 7) << 8;
        if (eferNx) {
            w |= 1 << 12;
        }
        if (cr0Wp) {
            w |= 1 << 13;
        }
        w |= (asId & 0xFF) << 24;
        return w;
    }

    public static int level(int role) {
        return role & 0xF;
    }

    public static boolean direct(int role) {
        return (role & (1 << 7)) != 0;
    }

    public static int access(int role) {
        return (role >>> 8) & 7;
    }

    public static boolean invalid(int role) {
        return (role & (1 << 11)) != 0;
    }

    public static int withInvalid(int role) {
        return role | (1 << 11);
    }

    public static boolean adDisabled(int role) {
        return (role & (1 << 16)) != 0;
    }

    public static int smm(int role) {
        return (role >>> 24) & 0xFF;
    }

    public static String describe(int role) {
        return String.format("l%d%s access %d%s%s as %d", level(role), direct(role) ? " direct" : "",
                access(role), invalid(role) ? " invalid" : "", adDisabled(role) ? " !ad" : "", smm(role));
    }
}
