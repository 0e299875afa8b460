package dev.memscope.emulator.backend.kvm;

import static dev.memscope.emulator.backend.kvm.LibC.MAP_ANONYMOUS;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_FIXED;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_NORESERVE;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_PRIVATE;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_SHARED;
import static dev.memscope.emulator.backend.kvm.LibC.MFD_CLOEXEC;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_NONE;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_READ;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_WRITE;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code SINGLE_PAGE_FF}: one 4 KiB page of 0xff (a memfd) mapped read-only, with {@code MAP_FIXED}, at every page of
 * a reserved range: the review's {@code SINGLE_HVA} idea built from userspace. Linux cannot merge these mappings (the
 * file offsets do not advance), so the range costs one mapping per page, counted against {@code vm.max_map_count}:
 * a range too large for what is left is refused up front rather than failing half-way.
 */
final class SinglePageFf {
    /** Mappings left for the JVM and everything else after this range is placed. */
    static final long MAP_COUNT_RESERVE = 4096;

    private SinglePageFf() {
    }

    static long map(Native nat, long bytes) throws BackendException {
        long pages = bytes / HostMemory.PAGE_4K;
        long max = readLong(Path.of("/proc/sys/vm/max_map_count"));
        long inUse = countMaps();
        if (max > 0 && inUse >= 0 && inUse + pages + MAP_COUNT_RESERVE > max) {
            throw new BackendException(String.format("SINGLE_PAGE_FF over %d pages needs one mapping per page, but "
                    + "vm.max_map_count is %d and %d are in use (keeping %d spare): map a smaller range or raise "
                    + "vm.max_map_count", pages, max, inUse, MAP_COUNT_RESERVE), Errno.ENOMEM);
        }
        int fd = nat.libc.memfd_create("memscope-single-page-ff", MFD_CLOEXEC);
        if (fd < 0) {
            throw new BackendException("memfd_create for the 0xff page failed", nat.errno());
        }
        long reserved = -1;
        try {
            fillFfPage(nat, fd);
            reserved = nat.libc.mmap(null, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (reserved == -1) {
                throw new BackendException(String.format("reserving 0x%x bytes for SINGLE_PAGE_FF failed", bytes),
                        nat.errno());
            }
            for (long at = reserved; at < reserved + bytes; at += HostMemory.PAGE_4K) {
                if (nat.libc.mmap(nat.pointer(at, HostMemory.PAGE_4K), HostMemory.PAGE_4K, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) == -1) {
                    throw new BackendException(String.format("mapping the 0xff page at 0x%x failed", at),
                            nat.errno());
                }
            }
            long hva = reserved;
            reserved = -1;
            return hva;
        } finally {
            if (reserved != -1) {
                nat.libc.munmap(reserved, bytes); // also removes the pages already placed over it
            }
            nat.libc.close(fd); // the mappings keep the memfd's page alive
        }
    }

    private static void fillFfPage(Native nat, int fd) throws BackendException {
        if (nat.libc.ftruncate(fd, HostMemory.PAGE_4K) != 0) {
            throw new BackendException("ftruncate of the 0xff memfd failed", nat.errno());
        }
        long page = nat.libc.mmap(null, HostMemory.PAGE_4K, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (page == -1) {
            throw new BackendException("mapping the 0xff memfd to fill it failed", nat.errno());
        }
        nat.pointer(page, HostMemory.PAGE_4K).setMemory(0, HostMemory.PAGE_4K, (byte) 0xFF);
        nat.libc.munmap(page, HostMemory.PAGE_4K);
    }

    private static long countMaps() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
