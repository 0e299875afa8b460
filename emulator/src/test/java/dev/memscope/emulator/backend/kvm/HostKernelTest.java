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

    @Test
    void the_model_pages_as_the_kernel_does() throws IOException {
        Path pvm = dir.resolve("pvm");
        Files.createDirectories(pvm.resolve("kvm_pvm"));
        assertThat(HostKernel.probe(pvm).modelMmu()).isEqualTo(dev.memscope.emulator.api.MmuMode.SHADOW);
        Path ept = dir.resolve("ept");
        Files.createDirectories(ept.resolve("kvm_intel/parameters"));
        Files.createDirectories(ept.resolve("kvm/parameters"));
        Files.writeString(ept.resolve("kvm_intel/parameters/ept"), "Y\n");
        Files.writeString(ept.resolve("kvm/parameters/tdp_mmu"), "Y\n");
        assertThat(HostKernel.probe(ept).modelMmu()).isEqualTo(dev.memscope.emulator.api.MmuMode.TDP);
        Files.writeString(ept.resolve("kvm/parameters/tdp_mmu"), "N\n");
        assertThat(HostKernel.probe(ept).modelMmu()).isEqualTo(dev.memscope.emulator.api.MmuMode.DIRECT);
        Files.writeString(ept.resolve("kvm_intel/parameters/ept"), "N\n");
        assertThat(HostKernel.probe(ept).modelMmu()).isEqualTo(dev.memscope.emulator.api.MmuMode.SHADOW);
    }
}
