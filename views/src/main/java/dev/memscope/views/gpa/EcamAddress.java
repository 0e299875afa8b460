package dev.memscope.views.gpa;

/** A decoded ECAM address: which function's config space, and the register offset inside it. */
public record EcamAddress(int bus, int device, int function, int reg) {
    /** {@code bb:dd.f}, as lspci prints it. */
    public String bdf() {
        return bdf(bus, device, function);
    }

    public static String bdf(int bus, int device, int function) {
        return String.format("%02x:%02x.%d", bus, device, function);
    }

    /** {@code bb:dd}, a device slot. */
    public static String busDevice(int bus, int device) {
        return String.format("%02x:%02x", bus, device);
    }

    @Override
    public String toString() {
        return String.format("%s reg 0x%03x", bdf(), reg);
    }
}
