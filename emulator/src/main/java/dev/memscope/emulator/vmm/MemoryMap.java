package dev.memscope.emulator.vmm;

/**
 * The guest-physical layout: RAM from GPA 0 and the PCIe ECAM window (DESIGN.md, "Default memory map": like QEMU q35,
 * 64 MiB of RAM, ECAM at 0xB0000000 with 256 buses).
 */
public record MemoryMap(long ramBytes, long ecamBase, int ecamBuses) {
    public static final long MIB = 1L << 20;
    public static final long DEFAULT_RAM_BYTES = 64 * MIB;
    /** QEMU q35's MCH_HOST_BRIDGE_PCIEXBAR_DEFAULT. */
    public static final long DEFAULT_ECAM_BASE = 0xB0000000L;
    public static final int DEFAULT_ECAM_BUSES = 256;

    public MemoryMap {
        if (ramBytes < 2 * MIB || ramBytes % (2 * MIB) != 0) {
            throw new IllegalArgumentException("guest RAM must be a positive multiple of 2 MiB, got " + ramBytes
                    + " bytes");
        }
        if (ramBytes > (1L << 39)) {
            throw new IllegalArgumentException("guest RAM above 512 GiB is not supported, got " + (ramBytes >> 20)
                    + " MiB");
        }
        if (ecamBuses < 1 || ecamBuses > 256) {
            throw new IllegalArgumentException("the ECAM window holds 1 to 256 buses, got " + ecamBuses);
        }
        if (ecamBase <= 0 || ecamBase % MIB != 0) {
            throw new IllegalArgumentException(String.format("the ECAM base must be 1 MiB aligned, got 0x%x",
                    ecamBase));
        }
        if (ecamBase < ramBytes) {
            throw new IllegalArgumentException(String.format("the ECAM window at 0x%x overlaps guest RAM "
                    + "(0x0..0x%x)", ecamBase, ramBytes));
        }
        if (ecamBase + ((long) ecamBuses << 20) > (1L << 46)) {
            throw new IllegalArgumentException(String.format("the ECAM window at 0x%x lies beyond the 46-bit "
                    + "physical address space", ecamBase));
        }
    }

    public static MemoryMap defaults() {
        return new MemoryMap(DEFAULT_RAM_BYTES, DEFAULT_ECAM_BASE, DEFAULT_ECAM_BUSES);
    }

    public MemoryMap withRamBytes(long bytes) {
        return new MemoryMap(bytes, ecamBase, ecamBuses);
    }

    /** Size of the ECAM window: 1 MiB per bus. */
    public long ecamBytes() {
        return (long) ecamBuses << 20;
    }

    public long ecamEnd() {
        return ecamBase + ecamBytes();
    }

    public boolean inEcam(long gpa) {
        return Long.compareUnsigned(gpa, ecamBase) >= 0 && Long.compareUnsigned(gpa, ecamEnd()) < 0;
    }
}
