package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paging mode read from kvm module parameters, on fake /sys/module trees. */
class KvmPagingModeTest {
    @TempDir
    Path sys;

    private void param(String module, String name, String value) throws IOException {
        Path dir = Files.createDirectories(sys.resolve(module).resolve("parameters"));
        Files.writeString(dir.resolve(name), value + "\n");
    }

    @Test
    void intel_with_ept_and_the_tdp_mmu() throws IOException {
        param("kvm_intel", "ept", "Y");
        param("kvm", "tdp_mmu", "Y");
        assertThat(KvmPagingMode.detect(sys)).isEqualTo(new KvmPagingMode(KvmPagingMode.Kind.TDP, "EPT, TDP MMU"));
    }

    @Test
    void intel_without_ept_is_shadow_paging() throws IOException {
        param("kvm_intel", "ept", "N");
        assertThat(KvmPagingMode.detect(sys).kind()).isEqualTo(KvmPagingMode.Kind.SHADOW);
    }

    @Test
    void amd_with_npt_on_the_legacy_mmu() throws IOException {
        param("kvm_amd", "npt", "1");
        param("kvm", "tdp_mmu", "N");
        assertThat(KvmPagingMode.detect(sys).description()).isEqualTo("NPT, legacy MMU (tdp_mmu=N)");
    }

    @Test
    void amd_without_npt_is_shadow_paging() throws IOException {
        param("kvm_amd", "npt", "0");
        assertThat(KvmPagingMode.detect(sys).kind()).isEqualTo(KvmPagingMode.Kind.SHADOW);
    }

    @Test
    void kvm_pvm_is_shadow_paging() throws IOException {
        Files.createDirectories(sys.resolve("kvm_pvm"));
        param("kvm", "tdp_mmu", "N");
        assertThat(KvmPagingMode.detect(sys)).isEqualTo(new KvmPagingMode(KvmPagingMode.Kind.SHADOW,
                "shadow paging (kvm_pvm, no hardware virtualization)"));
    }

    @Test
    void nothing_known_is_unknown() {
        assertThat(KvmPagingMode.detect(sys).kind()).isEqualTo(KvmPagingMode.Kind.UNKNOWN);
    }
}
