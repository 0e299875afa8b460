package dev.memscope.emulator.vmm;

import java.util.Arrays;

/**
 * The 4 KiB config space of one present PCI function, as a VMM's device model keeps it: the bytes, a mask of which
 * bits the guest may write, and the size of each BAR so that sizing (write all-ones, read back) answers as the PCI
 * spec says (PCI Local Bus 3.0, 6.2.5.1).
 */
public final class PciFunction {
    private final Bdf bdf;
    private final String name;
    private final byte[] config = new byte[4096];
    private final byte[] writable = new byte[4096];
    private final long[] barSize = new long[6];
    private final boolean[] barIo = new boolean[6];

    PciFunction(Bdf bdf, String name) {
        this.bdf = bdf;
        this.name = name;
    }

    public Bdf bdf() {
        return bdf;
    }

    /** A human name, such as {@code virtio-net}. */
    public String name() {
        return name;
    }

    public int vendorId() {
        return read(0x00, 2);
    }

    public int deviceId() {
        return read(0x02, 2);
    }

    public int classCode() {
        return read(0x09, 3);
    }

    public int headerType() {
        return read(0x0E, 1);
    }

    public boolean isBridge() {
        return (headerType() & 0x7F) == 1;
    }

    /** Reads {@code size} bytes (1, 2 or 4) at {@code reg}, little-endian; past the end reads as all-ones. */
    public int read(int reg, int size) {
        int v = 0;
        for (int i = size - 1; i >= 0; i--) {
            int at = reg + i;
            v = (v << 8) | (at < config.length ? config[at] & 0xFF : 0xFF);
        }
        return v;
    }

    /** A guest write: only writable bits change; BAR registers keep their size alignment. */
    public void write(int reg, int size, int value) {
        for (int i = 0; i < size && reg + i < config.length; i++) {
            int at = reg + i;
            int mask = writable[at] & 0xFF;
            int b = (value >>> (8 * i)) & 0xFF;
            config[at] = (byte) ((config[at] & ~mask) | (b & mask));
        }
    }

    // ---- construction (package-private: PciTopology builds functions) -------------------------------------------

    PciFunction set(int reg, int size, int value) {
        for (int i = 0; i < size; i++) {
            config[reg + i] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    PciFunction writableBits(int reg, int size, int mask) {
        for (int i = 0; i < size; i++) {
            writable[reg + i] = (byte) (mask >>> (8 * i));
        }
        return this;
    }

    /** A 32-bit memory BAR (or I/O BAR) of {@code size} bytes (a power of two). */
    PciFunction bar(int index, long size, boolean io) {
        if (Long.bitCount(size) != 1 || size < (io ? 4 : 16)) {
            throw new IllegalArgumentException("a BAR size must be a power of two, got " + size);
        }
        barSize[index] = size;
        barIo[index] = io;
        int reg = 0x10 + 4 * index;
        set(reg, 4, io ? 1 : 0);
        // Address bits below the size are read-only zero; the type bits are read-only.
        writableBits(reg, 4, (int) ~(size - 1) & (io ? ~3 : ~0xF));
        return this;
    }

    public long barSize(int index) {
        return barSize[index];
    }

    public boolean barIsIo(int index) {
        return barIo[index];
    }

    byte[] configCopy() {
        return Arrays.copyOf(config, config.length);
    }
}
