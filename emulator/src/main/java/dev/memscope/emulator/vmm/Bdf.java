package dev.memscope.emulator.vmm;

/**
 * A PCI bus/device/function, printed as {@code bb:dd.f} like lspci. ECAM address =
 * base + (bus << 20 | device << 15 | function << 12 | register) (DOMAIN.md §7).
 */
public record Bdf(int bus, int device, int function) implements Comparable<Bdf> {
    public Bdf {
        if (bus < 0 || bus > 255 || device < 0 || device > 31 || function < 0 || function > 7) {
            throw new IllegalArgumentException("not a PCI address: bus " + bus + ", device " + device
                    + ", function " + function);
        }
    }

    /** Parses {@code bb:dd.f} (hex bus and device, as lspci prints them). */
    public static Bdf parse(String text) {
        var m = java.util.regex.Pattern.compile("([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PCI address (bb:dd.f): " + text);
        }
        return new Bdf(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3)));
    }

    /** Offset of this function's 4 KiB config space inside the ECAM window. */
    public long ecamOffset() {
        return ((long) bus << 20) | ((long) device << 15) | ((long) function << 12);
    }

    /** The function whose config space holds {@code offset} (an offset inside the ECAM window). */
    public static Bdf ofEcamOffset(long offset) {
        return new Bdf((int) ((offset >>> 20) & 0xFF), (int) ((offset >>> 15) & 0x1F), (int) ((offset >>> 12) & 7));
    }

    /** A dense index 0..65535, in ECAM order. */
    public int index() {
        return (bus << 8) | (device << 3) | function;
    }

    @Override
    public int compareTo(Bdf o) {
        return Integer.compare(index(), o.index());
    }

    @Override
    public String toString() {
        return String.format("%02x:%02x.%d", bus, device, function);
    }
}
