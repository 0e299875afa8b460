package dev.memscope.emulator.backend.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's reserved hugetlbfs pages of one size, as /sys/kernel/mm/hugepages reports them, for error messages. */
final class HugePages {
    private HugePages() {
    }

    /** Why a MAP_HUGETLB mmap of {@code bytes} failed with ENOMEM, and how to fix it. */
    static String explainShortage(Path sysHugepages, long pageBytes, long bytes) {
        String dir = "hugepages-" + (pageBytes >> 10) + "kB";
        Path base = sysHugepages.resolve(dir);
        long needed = bytes / pageBytes;
        String sizeName = pageBytes >= (1L << 30) ? (pageBytes >> 30) + " GiB" : (pageBytes >> 20) + " MiB";
        if (!Files.isDirectory(base)) {
            return "this host kernel has no " + sizeName + " huge pages (" + base + " is missing)";
        }
        long total = readLong(base.resolve("nr_hugepages"));
        long free = readLong(base.resolve("free_hugepages"));
        return String.format("not enough %s huge pages reserved on this host: %d needed, %d reserved, %d free "
                + "(%s); reserve them with: echo %d > %s", sizeName, needed, total, free, base, total + needed,
                base.resolve("nr_hugepages"));
    }

    private static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
