package dev.memscope.emulator.x86;

/**
 * The CPU model CPUID reports: stable, so guests see the same values on every machine. It advertises only what the
 * emulator implements. Vendor "MemscopeX86 " (12 bytes); family 6, model 0x5C, stepping 1; 46-bit physical and
 * 48-bit linear addresses. Leaf 1 EDX: TSC, MSR, PAE, CX8, APIC, CMOV, PSE, PGE, PAT (paging features only as
 * page-table bits), no FPU, MMX or SSE. ECX: CX16, POPCNT. Leaf 0x80000001: LM, NX, 1 GiB pages, LAHF/SAHF, ABM
 * (LZCNT). TZCNT ({@code F3 0F BC}) executes as TZCNT, as on this project's AMD EPYC hosts, although BMI1 is not
 * advertised because its VEX-encoded instructions are not implemented.
 */
final class Cpuid {
    static final int MAX_BASIC = 0x7;
    static final int MAX_EXTENDED = 0x80000008;
    private static final int[] VENDOR = words("MemscopeX86 ");
    private static final int[] BRAND = words("Memscope x86-64 emulator (integer only)" + "\0".repeat(9));

    private Cpuid() {
    }

    private static int[] words(String s) {
        int[] w = new int[s.length() / 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = s.charAt(4 * i) | s.charAt(4 * i + 1) << 8 | s.charAt(4 * i + 2) << 16 | s.charAt(4 * i + 3) << 24;
        }
        return w;
    }

    /** Fills {@code out} with EAX, EBX, ECX, EDX for leaf {@code eax}, subleaf {@code ecx}. */
    static void query(int eax, int ecx, int[] out) {
        out[0] = out[1] = out[2] = out[3] = 0;
        switch (eax) {
            case 0 -> {
                out[0] = MAX_BASIC;
                out[1] = VENDOR[0];
                out[3] = VENDOR[1];
                out[2] = VENDOR[2];
            }
            case 1 -> {
                out[0] = (6 << 8) | (0xC << 4) | (0x5 << 16) | 1; // family 6, model 0x5C, stepping 1
                out[1] = 0x00010800; // CLFLUSH line 8*8 bytes, 1 logical processor, APIC id 0
                out[2] = (1 << 13) | (1 << 23); // CX16, POPCNT
                out[3] = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 8) | (1 << 9) | (1 << 13) | (1 << 15)
                        | (1 << 16) | (1 << 19); // PSE TSC MSR PAE CX8 APIC PGE CMOV PAT CLFSH
            }
            case 0x80000000 -> {
                out[0] = MAX_EXTENDED;
                out[1] = VENDOR[0];
                out[3] = VENDOR[1];
                out[2] = VENDOR[2];
            }
            case 0x80000001 -> {
                out[2] = 1 | (1 << 5); // LAHF/SAHF in 64-bit mode, ABM (LZCNT)
                out[3] = (1 << 20) | (1 << 26) | (1 << 29); // NX, 1 GiB pages, LM
            }
            case 0x80000002, 0x80000003, 0x80000004 -> {
                int base = (eax - 0x80000002) * 4;
                for (int i = 0; i < 4; i++) {
                    out[i] = BRAND[base + i];
                }
            }
            case 0x80000008 -> out[0] = GuestPageWalker.MAXPHYADDR | (48 << 8);
            default -> {
                // Leaves 2..7 and unknown leaves: all zero (no caches described, no extended features).
            }
        }
    }
}
