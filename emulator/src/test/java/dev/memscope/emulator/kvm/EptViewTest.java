package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.KvmSnapshot;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.PhysicalMemory;
import dev.memscope.emulator.x86.VmExit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EptViewTest {
    @Test
    void a_write_to_a_read_only_leaf_is_a_violation_whose_qualification_says_what_the_entry_allowed() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 1 << 20);
        fx.read(0x4000); // the zero page, read-only
        PageRef ref = new PageRef();
        VmExit exit = new VmExit();
        assertThat(fx.vcpu.hardwareMemory().resolve(0x4010, Access.READ, 0x7000_4010L, false, ref, exit))
                .isEqualTo(PhysicalMemory.RESOLVED);
        assertThat(ref.writable).isFalse();
        assertThat(ref.executable).isTrue();
        assertThat(fx.vcpu.hardwareMemory().resolve(0x4010, Access.WRITE, 0x7000_4010L, false, ref, exit))
                .isEqualTo(PhysicalMemory.EXIT);
        assertThat(exit.reason).isEqualTo(VmExit.EPT_VIOLATION);
        // write access, entry R-X (bits 3 and 5), gla valid, final translation
        assertThat(exit.qualification).isEqualTo(0x2 | 0x8 | 0x20 | 0x80 | 0x100);
        assertThat(Pferr.fromEptViolation(exit.qualification))
                .isEqualTo(Pferr.WRITE | Pferr.PRESENT | Pferr.GUEST_FINAL);
        // a page-walk access has gla valid but not the final-translation bit
        exit.clear();
        fx.vcpu.hardwareMemory().resolve(0x9000, Access.READ, 0x1234, true, ref, exit);
        assertThat(exit.qualification).isEqualTo(0x1 | 0x80);
        assertThat(Pferr.fromEptViolation(exit.qualification)).isEqualTo(Pferr.USER | Pferr.GUEST_PAGE);
    }

    @Test
    void the_hardware_sets_accessed_and_dirty_in_the_ept_leaf() {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        long hva = fx.ramSlot(0, 0, 1 << 20);
        fx.kvm.host().writeHost(hva, new byte[8 * 4096], 0, 8 * 4096);
        fx.read(0x3000); // prefetches 0..7 with Accessed clear
        assertThat(Spte.isAccessedSpte(SpteFormat.EPT, fx.spte(0x5000))).isFalse();
        PageRef ref = new PageRef();
        assertThat(fx.vcpu.hardwareMemory().resolve(0x5000, Access.WRITE, -1, false, ref, new VmExit())).isZero();
        assertThat(Spte.isAccessedSpte(SpteFormat.EPT, fx.spte(0x5000))).isTrue();
        assertThat(Spte.isDirtySpte(SpteFormat.EPT, fx.spte(0x5000))).isTrue();
        assertThat(ref.writable).isTrue();
    }

    @Test
    void hooks_see_every_phase_and_the_snapshot_copies_the_state() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 1 << 20);
        List<FaultPhase> seen = new ArrayList<>();
        fx.kvm.setHooks(new KvmHooks() {
            @Override
            public void afterPhase(KvmPageFault f) {
                seen.add(f.phase());
            }
        });
        fx.write(0x1000);
        assertThat(seen).endsWith(FaultPhase.DONE);
        KvmSnapshot snap = fx.kvm.snapshot();
        assertThat(snap.memslots()).hasSize(1);
        assertThat(snap.tables()).hasSize(4);
        assertThat(snap.counters()).containsEntry("pf_fixed", 1L).containsEntry("pages_4k", 1L);
        assertThat(snap.recentFaults()).hasSize(1);
        assertThat(snap.host().structPages()).isEqualTo(1);
        assertThat(snap.generations()).containsExactly(2, 1);
    }
}
