package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.guests.SampleGuests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KvmBackendRunsGuestTest {
    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    @Test
    void hello_prints_its_line_and_exits_0() throws Exception {
        ElfImage hello = ElfImage.parse(SampleGuests.image("hello").orElseThrow());
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner.Result r = AbiGuestRunner.run(kvm, hello, MemoryMap.defaults(), 50_000_000L,
                    10_000_000_000L);
            assertThat(r.failure()).isNull();
            assertThat(r.console()).isEqualTo("Hello from a Memscope guest: 64 MiB of RAM, ECAM at 0xb0000000.\n");
            assertThat(r.exitCode()).isZero();
        }
    }
}
