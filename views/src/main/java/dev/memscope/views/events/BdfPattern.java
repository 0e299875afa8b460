package dev.memscope.views.events;

/**
 * A PCI bus, device or function as lspci writes it, in hex: {@code 00} (a bus), {@code 00:03} (a device, all its
 * functions), {@code 00:03.1} (a function). It selects the part of the ECAM window that function's config space
 * occupies (DOMAIN.md §7: base + bus << 20 | dev << 15 | fn << 12).
 *
 * @param device -1 for the whole bus
 * @param function -1 for every function of the device
 */
public record BdfPattern(int bus, int device, int function) {
    public BdfPattern {
        if (bus < 0 || bus > 255 || device < -1 || device > 31 || function < -1 || function > 7
                || device < 0 && function >= 0) {
            throw new IllegalArgumentException("no such PCI address: " + bus + ":" + device + "." + function);
        }
    }

    public static BdfPattern parse(String text) {
        String t = text.strip().toLowerCase();
        try {
            int colon = t.indexOf(':');
            if (colon < 0) {
                return new BdfPattern(Integer.parseInt(t, 16), -1, -1);
            }
            int bus = Integer.parseInt(t.substring(0, colon), 16);
            String rest = t.substring(colon + 1);
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return new BdfPattern(bus, Integer.parseInt(rest, 16), -1);
            }
            return new BdfPattern(bus, Integer.parseInt(rest.substring(0, dot), 16),
                    Integer.parseInt(rest.substring(dot + 1), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a bus, bus:device or bus:device.function in hex: \"" + text.strip()
                    + "\"");
        }
    }

    /** The gfns of this bus, device or function in an ECAM window starting at {@code ecamBase}. */
    public GfnRange gfns(long ecamBase) {
        long base = (ecamBase >>> 12) + ((long) bus << 8);
        if (device < 0) {
            return new GfnRange(base, base + 255);
        }
        long dev = base + ((long) device << 3);
        return function < 0 ? new GfnRange(dev, dev + 7) : new GfnRange(dev + function, dev + function);
    }

    /** The function whose config space holds {@code gpa}, or null outside the window. */
    public static BdfPattern of(long gpa, long ecamBase, int ecamBuses) {
        long offset = gpa - ecamBase;
        if (Long.compareUnsigned(gpa, ecamBase) < 0 || Long.compareUnsigned(offset, (long) ecamBuses << 20) >= 0) {
            return null;
        }
        return new BdfPattern((int) (offset >>> 20), (int) (offset >>> 15) & 31, (int) (offset >>> 12) & 7);
    }

    @Override
    public String toString() {
        return device < 0 ? String.format("%02x", bus)
                : function < 0 ? String.format("%02x:%02x", bus, device)
                : String.format("%02x:%02x.%d", bus, device, function);
    }
}
