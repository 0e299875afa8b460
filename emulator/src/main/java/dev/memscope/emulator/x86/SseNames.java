package dev.memscope.emulator.x86;

/** Names the vector and x87 instructions the emulator refuses, for the stop message (Intel SDM Vol. 2). */
final class SseNames {
    private SseNames() {
    }

    /** The mnemonic of an SSE/MMX/x87/AVX instruction, or null when it is not one this table knows. */
    static String name(byte[] bytes) {
        int i = 0;
        int prefix = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b == 0x66 || b == 0xF2 || b == 0xF3) {
                prefix = b;
            } else if (!(b == 0x67 || b == 0x64 || b == 0x65 || b == 0x2E || b == 0x3E || b == 0x26 || b == 0x36
                    || (b & 0xF0) == 0x40)) {
                break;
            }
            i++;
        }
        if (i >= bytes.length) {
            return null;
        }
        int b = bytes[i] & 0xFF;
        if (b >= 0xD8 && b <= 0xDF) {
            return "x87 (escape 0x" + Integer.toHexString(b) + ")";
        }
        if (b == 0xC4 || b == 0xC5) {
            return "VEX-encoded (AVX)";
        }
        if (b == 0x62) {
            return "EVEX-encoded (AVX-512)";
        }
        if (b != 0x0F || i + 1 >= bytes.length) {
            return null;
        }
        int op = bytes[i + 1] & 0xFF;
        String ps = switch (prefix) {
            case 0xF3 -> "ss";
            case 0xF2 -> "sd";
            case 0x66 -> "pd";
            default -> "ps";
        };
        return switch (op) {
            case 0x10, 0x11 -> prefix == 0xF3 ? "movss" : prefix == 0xF2 ? "movsd" : "movu" + ps;
            case 0x12, 0x13 -> "movlp" + ps.charAt(1);
            case 0x16, 0x17 -> "movhp" + ps.charAt(1);
            case 0x14 -> "unpcklp" + ps.charAt(1);
            case 0x15 -> "unpckhp" + ps.charAt(1);
            case 0x28, 0x29 -> "mova" + ps;
            case 0x2A -> "cvtsi2" + ps;
            case 0x2C -> "cvtt" + ps + "2si";
            case 0x2D -> "cvt" + ps + "2si";
            case 0x2E -> "ucomis" + ps.charAt(1);
            case 0x2F -> "comis" + ps.charAt(1);
            case 0x51 -> "sqrt" + ps;
            case 0x54 -> "andp" + ps.charAt(1);
            case 0x57 -> "xorp" + ps.charAt(1);
            case 0x58 -> "add" + ps;
            case 0x59 -> "mul" + ps;
            case 0x5A -> "cvt (float conversion)";
            case 0x5C -> "sub" + ps;
            case 0x5E -> "div" + ps;
            case 0x6E -> "movd/movq (to xmm)";
            case 0x7E -> prefix == 0xF3 ? "movq" : "movd/movq (from xmm)";
            case 0x6F, 0x7F -> prefix == 0x66 ? "movdqa" : prefix == 0xF3 ? "movdqu" : "movq (mmx)";
            case 0xD6 -> "movq";
            case 0xEF -> "pxor";
            case 0x77 -> "emms";
            case 0xAE -> "fxsave/fxrstor/ldmxcsr/stmxcsr/xsave";
            case 0x38, 0x3A -> "SSSE3/SSE4 (0f " + Integer.toHexString(op) + " map)";
            default -> "SSE/MMX (0f " + String.format("%02x", op) + ")";
        };
    }
}
