package dev.memscope.emulator.backend.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The line {@link KvmBackend#describe()} shows: the host kernel release, how its KVM pages, and what it refuses. */
final class HostKernel {
    private HostKernel() {
    }

    static String describe(Path osrelease, Path sysModule) {
        return "Linux " + release(osrelease) + " /dev/kvm, " + KvmPagingMode.detect(sysModule).description()
                + "; memslot flags ALLONES and PCI_HOLE are refused with -EINVAL, as by any kernel (never merged)";
    }

    /** {@code uname -r}: from /proc, else what the JVM read at start-up. */
    static String release(Path osrelease) {
        try {
            return Files.readString(osrelease).trim();
        } catch (IOException e) {
            return System.getProperty("os.version", "unknown");
        }
    }
}
