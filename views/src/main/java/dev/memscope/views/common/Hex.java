package dev.memscope.views.common;

/** Hex formatting in the kernel's style: {@code 0x} prefix, lower case. */
public final class Hex {
    private Hex() {
    }

    public static String of(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** Zero-padded to {@code digits} hex digits, with the prefix. */
    public static String padded(long value, int digits) {
        String s = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    /** Bytes as {@code 0f 1f 44 00 00}. */
    public static String bytes(byte[] data, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((data[offset + i] >> 4) & 0xF, 16));
            sb.append(Character.forDigit(data[offset + i] & 0xF, 16));
        }
        return sb.toString();
    }

    /** A byte size in the largest whole unit: {@code 4 KiB}, {@code 2 MiB}, {@code 256 MiB}, or bytes. */
    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }
}
