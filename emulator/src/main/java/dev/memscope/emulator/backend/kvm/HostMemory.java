package dev.memscope.emulator.backend.kvm;

import static dev.memscope.emulator.backend.kvm.LibC.MAP_ANONYMOUS;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_HUGETLB;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_HUGE_SHIFT;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_NORESERVE;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_PRIVATE;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_READ;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_WRITE;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemoryBacking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * The VMM's own memory, mapped for real: each {@link MemoryBacking} becomes an {@code mmap} of the process, and every
 * mapping is remembered so that {@link #close()} releases what is left and so that host reads and writes outside a
 * mapping (which would crash the JVM) are refused instead.
 */
final class HostMemory implements AutoCloseable {
    static final long PAGE_4K = 1L << 12;
    static final long PAGE_2M = 1L << 21;
    static final long PAGE_1G = 1L << 30;

    private final Native nat;
    private final TreeMap<Long, HostMapping> mappings = new TreeMap<>();

    HostMemory(Native nat) {
        this.nat = nat;
    }

    static long pageBytes(MemoryBacking backing) {
        return switch (backing) {
            case ANONYMOUS_HUGE_2M -> PAGE_2M;
            case ANONYMOUS_HUGE_1G -> PAGE_1G;
            default -> PAGE_4K;
        };
    }

    long mmap(long bytes, MemoryBacking backing) throws BackendException {
        long page = pageBytes(backing);
        if (bytes <= 0 || bytes % page != 0) {
            throw new BackendException(String.format("cannot map 0x%x bytes of %s memory: the size must be a positive "
                    + "multiple of its page size 0x%x", bytes, backing, page), Errno.EINVAL);
        }
        HostMapping mapping = switch (backing) {
            case ANONYMOUS -> new HostMapping(anonymous(bytes, 0, backing), bytes, backing, true);
            case ANONYMOUS_HUGE_2M, ANONYMOUS_HUGE_1G -> new HostMapping(
                    anonymous(bytes, MAP_HUGETLB | (Long.numberOfTrailingZeros(page) << MAP_HUGE_SHIFT), backing),
                    bytes, backing, true);
            case FILLED_FF -> filledFf(bytes);
            case SINGLE_PAGE_FF -> new HostMapping(SinglePageFf.map(nat, bytes), bytes, backing, false);
            case PFN_ONLY -> throw new BackendException("PFN_ONLY memory (frames without struct page) is not "
                    + "available on real KVM: only the simulated backend can model memory without struct page",
                    Errno.EOPNOTSUPP);
        };
        mappings.put(mapping.hva(), mapping);
        return mapping.hva();
    }

    private long anonymous(long bytes, int extraFlags, MemoryBacking backing) throws BackendException {
        long hva = nat.libc.mmap(null, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
                | extraFlags, -1, 0);
        if (hva == -1) {
            int errno = nat.errno();
            String why = (extraFlags & MAP_HUGETLB) != 0 && errno == Errno.ENOMEM
                    ? ": " + HugePages.explainShortage(Path.of("/sys/kernel/mm/hugepages"), pageBytes(backing), bytes)
                    : "";
            throw new BackendException(String.format("mmap of 0x%x bytes of %s memory failed%s", bytes, backing,
                    why), errno);
        }
        return hva;
    }

    private HostMapping filledFf(long bytes) throws BackendException {
        long hva = anonymous(bytes, 0, MemoryBacking.FILLED_FF);
        nat.pointer(hva, bytes).setMemory(0, bytes, (byte) 0xFF);
        return new HostMapping(hva, bytes, MemoryBacking.FILLED_FF, true);
    }

    /** Unmaps a whole mapping made by {@link #mmap}. */
    void munmap(long hva, long bytes) {
        HostMapping mapping = mappings.get(hva);
        if (mapping == null || mapping.bytes() != bytes) {
            throw new IllegalArgumentException(String.format("0x%x+0x%x is not a mapping made by mmap (%s)", hva,
                    bytes, mapping == null ? "no mapping starts there" : "that one is 0x"
                            + Long.toHexString(mapping.bytes()) + " bytes"));
        }
        mappings.remove(hva);
        unmap(mapping);
    }

    private void unmap(HostMapping mapping) {
        if (nat.libc.munmap(mapping.hva(), mapping.bytes()) != 0) {
            throw new IllegalStateException(String.format("munmap of 0x%x+0x%x failed (%s)", mapping.hva(),
                    mapping.bytes(), Errno.name(nat.errno())));
        }
    }

    void write(long hva, byte[] src, int offset, int length) {
        HostMapping mapping = find(hva, length);
        if (!mapping.writable()) {
            throw new IllegalArgumentException(String.format("0x%x is in %s memory, which is mapped read-only: one "
                    + "0xff page shared by the whole range", hva, mapping.backing()));
        }
        nat.pointer(hva, length).put(0, src, offset, length);
    }

    void read(long hva, byte[] dst, int offset, int length) {
        find(hva, length);
        nat.pointer(hva, length).get(0, dst, offset, length);
    }

    private HostMapping find(long hva, long length) {
        Map.Entry<Long, HostMapping> e = mappings.floorEntry(hva);
        if (e == null || !e.getValue().contains(hva, length)) {
            throw new IllegalArgumentException(String.format("host range 0x%x+0x%x is not inside a mapping made by "
                    + "mmap", hva, length));
        }
        return e.getValue();
    }

    /** The mappings still open, by address. */
    Iterable<HostMapping> mappings() {
        return new ArrayList<>(mappings.values());
    }

    /** Unmaps everything still mapped; safe to call twice. */
    @Override
    public void close() {
        for (HostMapping m : new ArrayList<>(mappings.values())) {
            mappings.remove(m.hva());
            nat.libc.munmap(m.hva(), m.bytes());
        }
    }
}
