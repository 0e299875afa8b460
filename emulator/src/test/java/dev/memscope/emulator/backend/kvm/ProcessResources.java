package dev.memscope.emulator.backend.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the process holds right now: open file descriptors (/proc/self/fd) and mappings (/proc/self/maps). */
record ProcessResources(long fds, long maps) {
    static ProcessResources now() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"));
                Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return new ProcessResources(fds.count(), maps.count());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self: " + e.getMessage(), e);
        }
    }
}
