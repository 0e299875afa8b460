package dev.memscope.emulator.backend.kvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the one-line files of /proc and /sys. Not with {@code Files.readString}: on this JDK 17 and kernel it
 * returned only the first byte of /proc/sys/vm/max_map_count ("6" for 65530); a reader that reads to the end of the
 * line does not have that problem.
 */
final class KernelFiles {
    private KernelFiles() {
    }

    static Optional<String> firstLine(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line = r.readLine();
            return Optional.ofNullable(line).map(String::trim);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static OptionalLong number(Path file) {
        try {
            return firstLine(file).map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
