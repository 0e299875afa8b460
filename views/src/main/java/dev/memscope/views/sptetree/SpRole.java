package dev.memscope.views.sptetree;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the role word of an sp: {@code union kvm_mmu_page_role} in arch/x86/include/asm/kvm_host.h. Bit layout of
 * the bitfields: level 0-3, has_4_byte_gpte 4, quadrant 5-6, direct 7, access 8-10, invalid 11, efer_nx 12, cr0_wp 13,
 * smep_andnot_wp 14, smap_andnot_wp 15, ad_disabled 16, guest_mode 17, passthrough 18, is_mirror 19 (6.14+, TDX),
 * bits 20-23 unused, smm 24-31. Access bits are the kernel's {@code ACC_*}: exec 1, write 2, user 4.
 */
public final class SpRole {
    private static final String[] FLAG_NAMES = new String[20];

    static {
        FLAG_NAMES[4] = "has_4_byte_gpte";
        FLAG_NAMES[11] = "invalid";
        FLAG_NAMES[12] = "efer_nx";
        FLAG_NAMES[13] = "cr0_wp";
        FLAG_NAMES[14] = "smep_andnot_wp";
        FLAG_NAMES[15] = "smap_andnot_wp";
        FLAG_NAMES[16] = "ad_disabled";
        FLAG_NAMES[17] = "guest_mode";
        FLAG_NAMES[18] = "passthrough";
        FLAG_NAMES[19] = "is_mirror";
    }

    private SpRole() {
    }

    public static int level(int role) {
        return role & 0xF;
    }

    public static int quadrant(int role) {
        return role >>> 5 & 3;
    }

    public static boolean direct(int role) {
        return (role & 1 << 7) != 0;
    }

    public static int access(int role) {
        return role >>> 8 & 7;
    }

    public static boolean invalid(int role) {
        return (role & 1 << 11) != 0;
    }

    public static boolean adDisabled(int role) {
        return (role & 1 << 16) != 0;
    }

    public static int smm(int role) {
        return role >>> 24 & 0xFF;
    }

    /** {@code ACC_*} bits as {@code uwx} letters, {@code -} for a clear bit. */
    public static String accessText(int access) {
        return ((access & 4) != 0 ? "u" : "-") + ((access & 2) != 0 ? "w" : "-") + ((access & 1) != 0 ? "x" : "-");
    }

    /** The set single-bit flags, by their bitfield names, such as {@code [efer_nx, cr0_wp]}. */
    public static List<String> flags(int role) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if (FLAG_NAMES[bit] != null && (role & 1 << bit) != 0) {
                out.add(FLAG_NAMES[bit]);
            }
        }
        return out;
    }

    /** One line: {@code level 1 direct access uwx efer_nx cr0_wp}, plus quadrant and smm when set. */
    public static String summary(int role) {
        StringBuilder sb = new StringBuilder("level ").append(level(role));
        sb.append(direct(role) ? " direct" : " indirect");
        sb.append(" access ").append(accessText(access(role)));
        if (quadrant(role) != 0) {
            sb.append(" quadrant ").append(quadrant(role));
        }
        for (String f : flags(role)) {
            sb.append(' ').append(f);
        }
        if (smm(role) != 0) {
            sb.append(" smm");
        }
        return sb.toString();
    }

    /** Short, for table cells: {@code L1 direct uwx}, plus {@code invalid}, {@code !ad}, {@code smm} when set. */
    public static String compact(int role) {
        StringBuilder sb = new StringBuilder("L").append(level(role));
        sb.append(direct(role) ? " direct " : " indirect ").append(accessText(access(role)));
        if (quadrant(role) != 0) {
            sb.append(" q").append(quadrant(role));
        }
        if (invalid(role)) {
            sb.append(" invalid");
        }
        if (adDisabled(role)) {
            sb.append(" !ad");
        }
        if (smm(role) != 0) {
            sb.append(" smm");
        }
        return sb.toString();
    }

    /** Every field with its value, for tooltips: {@code level = 1}, {@code direct = 1}, ... */
    public static List<String> fields(int role) {
        List<String> out = new ArrayList<>();
        out.add("level = " + level(role));
        out.add("has_4_byte_gpte = " + (role >>> 4 & 1));
        out.add("quadrant = " + quadrant(role));
        out.add("direct = " + (direct(role) ? 1 : 0));
        out.add("access = " + accessText(access(role)) + " (" + access(role) + ")");
        for (int bit = 11; bit < FLAG_NAMES.length; bit++) {
            out.add(FLAG_NAMES[bit] + " = " + (role >>> bit & 1));
        }
        out.add("smm = " + smm(role));
        return out;
    }
}
