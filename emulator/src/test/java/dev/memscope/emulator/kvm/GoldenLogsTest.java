package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.TlbFill;
import dev.memscope.emulator.x86.VmExit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Small scenarios whose whole event log (tracepoint text) is compared with a file reviewed by hand once, under
 * src/test/resources/golden/. To rewrite them (then review the diff by hand):
 * {@code mvn -o -q -pl emulator test -Dtest=GoldenLogsTest -Dtest.jvm.args=-Dmemscope.golden.update=true}
 */
class GoldenLogsTest {
    private static final long PAGE = 4096;

    private static void golden(String name, KvmFixture fx, Consumer<KvmFixture> scenario) throws IOException {
        scenario.accept(fx);
        String actual = fx.lines() + "\n";
        if (Boolean.getBoolean("memscope.golden.update")) {
            Path p = Path.of("src/test/resources/golden", name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
            return;
        }
        try (InputStream in = GoldenLogsTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s (create it with -Dmemscope.golden.update=true)", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void tdp_write_fault_on_ram() throws IOException {
        golden("tdp-write-fault.log", new KvmFixture(MmuMode.TDP), fx -> {
            fx.ramSlot(0, 0, 16 * PAGE);
            VmExit exit = new VmExit();
            exit.reason = VmExit.EPT_VIOLATION;
            exit.gpa = 0x5008;
            exit.gla = 0x5008;
            exit.rip = 0x401000;
            exit.qualification = 0x182; // write, gla valid, final translation
            fx.vcpu.handleExit(exit);
        });
    }

    @Test
    void pci_hole_read_then_write() throws IOException {
        golden("pci-hole-read-write.log", new KvmFixture(MmuMode.TDP), fx -> {
            fx.holeSlot(1, 0xB000_0000L, 8 * PAGE, MemFlags.PCI_HOLE);
            MiniCpu cpu = new MiniCpu(fx.vcpu);
            cpu.read(0xB000_0000L, 4);
            cpu.write(0xB000_0004L, 2, 0x1);
        });
    }

    @Test
    void allones_read_with_the_bounded_policy() throws IOException {
        golden("allones-bounded-read.log", KvmFixture.withPolicy(MmuMode.TDP, Policy.BOUNDED_2M), fx -> {
            fx.holeSlot(1, 0xB000_0000L, 4 * PAGE, MemFlags.ALLONES);
            new MiniCpu(fx.vcpu).read(0xB000_1000L, 4);
        });
    }

    @Test
    void legacy_direct_fault_with_prefetch() throws IOException {
        golden("legacy-prefetch.log", new KvmFixture(MmuMode.LEGACY_DIRECT), fx -> {
            long hva = fx.ramSlot(0, 0, 16 * PAGE);
            fx.kvm.host().writeHost(hva + 12 * PAGE, new byte[1], 0, 1);
            fx.kvm.host().writeHost(hva + 14 * PAGE, new byte[1], 0, 1);
            fx.read(13 * PAGE);
        });
    }

    @Test
    void mmio_spte_then_a_new_slot_makes_it_stale() throws IOException {
        golden("mmio-stale-generation.log", new KvmFixture(MmuMode.TDP), fx -> {
            MiniCpu cpu = new MiniCpu(fx.vcpu);
            cpu.userspaceRead = run -> 0xffff;
            cpu.read(0xFEB0_0000L, 2);
            fx.ramSlot(0, 0xFEB0_0000L, 4 * PAGE);
            cpu.read(0xFEB0_0000L, 2);
        });
    }

    @Test
    void pre_fault_with_partial_progress() throws IOException {
        golden("pre-fault-partial.log", new KvmFixture(MmuMode.TDP), fx -> {
            fx.ramSlot(0, 0, 2 * PAGE);
            fx.vcpu.preFaultMemory(new KvmPreFaultMemory(PAGE, 2 * PAGE));
        });
    }

    @Test
    void shadow_read_of_a_guest_mapping() throws IOException {
        golden("shadow-read.log", new KvmFixture(MmuMode.SHADOW), fx -> {
            long hva = fx.ramSlot(0, 0, 64 * PAGE);
            long[][] ptes = {{0x1000, 0x2007}, {0x2000, 0x3007}, {0x3000, 0x4007}, {0x4000 + 8 * 5, 0x9003}};
            for (long[] p : ptes) {
                byte[] b = new byte[8];
                EmulatorView.putLong(b, 0, p[1]);
                fx.kvm.host().writeHost(hva + p[0], b, 0, 8);
            }
            fx.paging.cr3 = 0x1000;
            VmExit exit = new VmExit();
            fx.vcpu.shadowTranslator().translate(null, 0x5123, Access.READ, 0, new TlbFill(), exit);
            fx.vcpu.handleExit(exit);
        });
    }
}
