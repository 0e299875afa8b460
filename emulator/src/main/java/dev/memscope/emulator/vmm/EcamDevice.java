package dev.memscope.emulator.vmm;

/**
 * The userspace side of the ECAM window: answers the MMIO exits that reach the VMM. Present functions answer from
 * their config space; absent ones read as all-ones and swallow writes (DESIGN.md: writes to absent functions are
 * discarded), which are counted. Counts are kept per function for the hole-hits view.
 */
public final class EcamDevice {
    private final MemoryMap map;
    private final PciTopology topology;
    private final long[] reads = new long[65536];
    private final long[] writes = new long[65536];
    private long discardedWrites;

    public EcamDevice(MemoryMap map, PciTopology topology) {
        this.map = map;
        this.topology = topology;
    }

    public boolean contains(long gpa) {
        return map.inEcam(gpa);
    }

    public PciTopology topology() {
        return topology;
    }

    /** A read of {@code len} bytes (1, 2, 4 or 8) that exited to userspace. */
    public long read(long gpa, int len) {
        if (len == 8) {
            return (read(gpa, 4) & 0xFFFFFFFFL) | (read(gpa + 4, 4) << 32);
        }
        long offset = gpa - map.ecamBase();
        Bdf bdf = Bdf.ofEcamOffset(offset);
        reads[bdf.index()]++;
        int reg = (int) (offset & 0xFFF);
        return topology.function(bdf).map(f -> (long) f.read(reg, len) & mask(len)).orElse(mask(len));
    }

    /** A write that exited to userspace: to the device model, or discarded for an absent function. */
    public void write(long gpa, int len, long value) {
        if (len == 8) {
            write(gpa, 4, value & 0xFFFFFFFFL);
            write(gpa + 4, 4, value >>> 32);
            return;
        }
        long offset = gpa - map.ecamBase();
        Bdf bdf = Bdf.ofEcamOffset(offset);
        writes[bdf.index()]++;
        var function = topology.function(bdf);
        if (function.isPresent()) {
            function.get().write((int) (offset & 0xFFF), len, (int) value);
        } else {
            discardedWrites++;
        }
    }

    /** Reads of this function that reached userspace. */
    public long userspaceReads(Bdf bdf) {
        return reads[bdf.index()];
    }

    public long userspaceWrites(Bdf bdf) {
        return writes[bdf.index()];
    }

    public long discardedWrites() {
        return discardedWrites;
    }

    static long mask(int len) {
        return len >= 8 ? -1L : (1L << (8 * len)) - 1;
    }
}
