package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKernelTest {
    @TempDir
    Path dir;

    @Test
    void describe_names_release_paging_mmio_caching_and_the_refused_flags() throws IOException {
        Path osrelease = Files.writeString(dir.resolve("osrelease"), "6.18.44-test\n");
        Path sys = dir.resolve("module");
        Files.createDirectories(sys.resolve("kvm_pvm"));
        Files.createDirectories(sys.resolve("kvm/parameters"));
        Files.writeString(sys.resolve("kvm/parameters/mmio_caching"), "N\n");
        assertThat(HostKernel.describe(osrelease, sys)).isEqualTo("Linux 6.18.44-test /dev/kvm, shadow paging "
                + "(kvm_pvm, no hardware virtualization), no MMIO SPTEs (kvm.mmio_caching=N); the modelled memslot "
                + "flags ALLONES and PCI_HOLE go to the kernel as they are, and a kernel refuses a flag it does not "
                + "know (neither proposal was merged)");
    }
}
