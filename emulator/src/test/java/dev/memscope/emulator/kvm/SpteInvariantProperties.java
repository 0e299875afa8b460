package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of faults (read, write, exec, present or not), memslot changes (dirty logging on and off, MOVE,
 * DELETE and re-CREATE), dirty-log pulls, pre-faults, munmap and zap-all, on the TDP and the legacy direct MMU: after
 * every step the SPTE door's invariants and {@link MmuAudit} must hold.
 */
class SpteInvariantProperties {
    private static final long MB = 1L << 20;

    record Op(int kind, long arg, boolean flag) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 11),
                Arbitraries.longs().between(0, (28 * MB >>> 12) - 1), Arbitraries.of(true, false)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 150)
    void invariants_hold_on_the_tdp_mmu(@ForAll("ops") List<Op> ops) {
        check(MmuMode.TDP, ops);
    }

    @Property(tries = 150)
    void invariants_hold_on_the_legacy_direct_mmu(@ForAll("ops") List<Op> ops) {
        check(MmuMode.LEGACY_DIRECT, ops);
    }

    private void check(MmuMode mode, List<Op> ops) {
        KvmFixture fx = new KvmFixture(KvmConfig.defaults(mode).withAllonesPrefetch(Policy.BOUNDED_2M)
                .withNxHugePages(true));
        long hva0 = fx.ramSlot(0, 0, 4 * MB);
        long hva1 = fx.ramSlot(1, 8 * MB, 4 * MB, MemoryBacking.ANONYMOUS_HUGE_2M, 0);
        fx.holeSlot(2, 16 * MB, 64 * 4096, MemFlags.ALLONES);
        fx.holeSlot(3, 20 * MB, 64 * 4096, MemFlags.PCI_HOLE);
        fx.ramSlot(4, 24 * MB, 2 * MB, MemoryBacking.FILLED_FF, MemFlags.READONLY);
        boolean[] logging = new boolean[2];
        long slot0Gpa = 0;
        boolean slot1Present = true;
        for (Op op : ops) {
            long gpa = op.arg() << 12;
            switch (op.kind()) {
                case 0 -> fx.vcpu.pageFault(gpa, Pferr.USER | (op.flag() ? Pferr.PRESENT : 0));
                case 1, 2 -> fx.vcpu.pageFault(gpa, Pferr.WRITE | (op.flag() ? Pferr.PRESENT : 0));
                case 3 -> fx.vcpu.pageFault(gpa, Pferr.FETCH | (op.flag() ? Pferr.PRESENT : 0));
                case 4 -> {
                    int s = op.flag() ? 0 : 1;
                    if (s == 1 && !slot1Present) {
                        break;
                    }
                    logging[s] = !logging[s];
                    assertThat(fx.kvm.setUserMemoryRegion(s, logging[s] ? MemFlags.LOG_DIRTY_PAGES : 0,
                            s == 0 ? slot0Gpa : 8 * MB, 4 * MB, s == 0 ? hva0 : hva1)).isZero();
                }
                case 5 -> {
                    slot0Gpa = slot0Gpa == 0 ? 28 * MB : 0;
                    assertThat(fx.kvm.setUserMemoryRegion(0, logging[0] ? MemFlags.LOG_DIRTY_PAGES : 0, slot0Gpa,
                            4 * MB, hva0)).isZero();
                }
                case 6 -> fx.kvm.getDirtyLog(op.flag() ? 0 : 1, new long[16]);
                case 7 -> {
                    if (slot1Present) {
                        assertThat(fx.kvm.setUserMemoryRegion(1, 0, 0, 0, 0)).isZero();
                    } else {
                        logging[1] = false;
                        assertThat(fx.kvm.setUserMemoryRegion(1, 0, 8 * MB, 4 * MB, hva1)).isZero();
                    }
                    slot1Present = !slot1Present;
                }
                case 8 -> fx.vcpu.preFaultMemory(new KvmPreFaultMemory(gpa, 4096L * (1 + (op.arg() & 15))));
                case 9 -> fx.kvm.mmu().zapAll();
                case 10 -> fx.kvm.host().writeHost(hva0 + (gpa & (4 * MB - 1)), new byte[8], 0, 8);
                default -> fx.vcpu.pageFault(gpa, Pferr.RSVD); // an EPT misconfig on whatever is there
            }
            assertThat(MmuAudit.audit(fx.kvm)).as("after %s", op).isEmpty();
        }
    }
}
