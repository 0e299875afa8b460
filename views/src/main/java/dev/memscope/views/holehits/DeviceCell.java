package dev.memscope.views.holehits;

import dev.memscope.emulator.api.HoleHits;
import java.util.List;

/**
 * One cell of the grid: the functions of one device that were touched, with their totals. Reads are split by how
 * they were served; writes always exit to userspace. {@code mappedReads} sums the known counts; {@code mappedUnknown}
 * says the backend could not count some (real KVM).
 */
public record DeviceCell(DeviceKey key, List<HoleHits> functions) {
    public DeviceCell {
        functions = List.copyOf(functions);
    }

    public static DeviceCell empty(int bus, int device) {
        return new DeviceCell(new DeviceKey(bus, device), List.of());
    }

    public boolean touched() {
        return !functions.isEmpty();
    }

    public long userspaceReads() {
        return functions.stream().mapToLong(HoleHits::userspaceReads).sum();
    }

    public long kernelReads() {
        return functions.stream().mapToLong(HoleHits::kernelReads).sum();
    }

    public long mappedReads() {
        return functions.stream().mapToLong(f -> Math.max(0, f.mappedReads())).sum();
    }

    public boolean mappedUnknown() {
        return functions.stream().anyMatch(f -> f.mappedReads() < 0);
    }

    public long writes() {
        return functions.stream().mapToLong(HoleHits::writes).sum();
    }

    public long discardedWrites() {
        return functions.stream().mapToLong(HoleHits::discardedWrites).sum();
    }

    /** Accesses that left the guest for the VMM: reads that exited, and every write. */
    public long exits() {
        return userspaceReads() + writes();
    }

    /** Every access counted (mapped reads only where known). */
    public long total() {
        return exits() + kernelReads() + mappedReads();
    }

    /** Present functions of the device that were touched, in function order. */
    public List<HoleHits> present() {
        return functions.stream().filter(HoleHits::present).toList();
    }
}
