package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.TlbFill;
import dev.memscope.emulator.x86.Translator;
import dev.memscope.emulator.x86.VmExit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Shadow paging against a reference: random guest accesses (read, write, fetch; CPL 0 or 3) and random rewrites
 * of the guest's last-level PTEs (emulated, as KVM does for a write-protected page table). After every step the
 * audit holds, and an access succeeds through the shadow tables exactly when the guest's own tables allow it, at the
 * guest-physical address they give; otherwise KVM injects the #PF the guest would get.
 */
class ShadowPagingProperties {
    private static final long P = 1, W = 2, U = 4, NX = 1L << 63;
    private static final long PT = 0x4000;

    record Op(int kind, int index, int bits) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 31)).as(Op::new).list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 120)
    void shadow_translations_agree_with_the_guest_tables(@ForAll("ops") List<Op> ops) {
        KvmFixture fx = new KvmFixture(MmuMode.SHADOW);
        long hva = fx.ramSlot(0, 0, 4 << 20);
        write(fx, hva, 0x1000, 0x2000 | P | W | U);
        write(fx, hva, 0x2000, 0x3000 | P | W | U);
        write(fx, hva, 0x3000 + 8, PT | P | W | U); // gva 2M..4M through the PT at 0x4000
        for (int i = 0; i < 16; i++) {
            write(fx, hva, PT + i * 8L, 0x10_0000L + i * 4096L | P | W | U);
        }
        fx.paging.cr3 = 0x1000;
        for (Op op : ops) {
            if (op.kind() == 5) {
                long pte = (0x10_0000L + ((op.bits() >> 3) & 3) * 4096L) | bits(op.bits());
                emulatedWrite(fx, PT + op.index() * 8L, pte);
            } else {
                access(fx, hva, 0x20_0000L + op.index() * 4096L + 0x10, op.kind() % 3, op.kind() >= 3 ? 3 : 0);
            }
            assertThat(MmuAudit.audit(fx.kvm)).as("after %s", op).isEmpty();
        }
    }

    private static long bits(int b) {
        return ((b & 1) != 0 ? P : 0) | ((b & 2) != 0 ? W : 0) | ((b & 4) != 0 ? U : 0) | ((b & 32) != 0 ? NX : 0);
    }

    private static void access(KvmFixture fx, long hva, long gva, int access, int cpl) {
        long pte = read(fx, hva, PT + ((gva >>> 12) & 511) * 8);
        boolean allowed = (pte & P) != 0 && (cpl == 0 || (pte & U) != 0)
                && (access != Access.WRITE || (pte & W) != 0) && (access != Access.FETCH || (pte & NX) == 0);
        TlbFill fill = new TlbFill();
        VmExit exit = new VmExit();
        for (int tries = 0; tries < 4; tries++) {
            exit.clear();
            int r = fx.vcpu.shadowTranslator().translate(null, gva, access, cpl, fill, exit);
            if (r == Translator.OK) {
                assertThat(allowed).as("shadow allowed %s at cpl %d with guest pte %x", Access.name(access), cpl,
                        pte).isTrue();
                assertThat(fill.gpa).isEqualTo(pte & 0xF_FFFF_F000L);
                return;
            }
            ExitAction a = fx.vcpu.handleExit(exit);
            if (a == ExitAction.INJECT_PAGE_FAULT) {
                assertThat(allowed).as("guest #PF for %s at cpl %d with guest pte %x", Access.name(access), cpl, pte)
                        .isFalse();
                assertThat(fx.vcpu.pendingPageFaultErrorCode() & Pferr.PRESENT).isEqualTo(pte & P);
                fx.vcpu.pageFaultDelivered();
                return;
            }
            assertThat(a).isIn(ExitAction.REENTER, ExitAction.EMULATE);
            if (a == ExitAction.EMULATE) {
                return; // an emulated access (not expected for RAM, but harmless here)
            }
        }
        throw new AssertionError("no progress on " + Access.name(access) + " of " + Long.toHexString(gva));
    }

    private static void emulatedWrite(KvmFixture fx, long gpa, long value) {
        PageRef ref = new PageRef();
        VmExit exit = new VmExit();
        if (fx.vcpu.emulatorMemory().resolve(gpa, Access.WRITE, -1, false, ref, exit) == 0) {
            MiniCpu.put(ref.page, (int) (gpa & 4095), 8, value);
        } else {
            fx.vcpu.emulatorMemory().mmioWrite(gpa, 8, value, exit);
            assertThat(exit.reason).isEqualTo(VmExit.NONE);
        }
    }

    private static void write(KvmFixture fx, long hva, long gpa, long value) {
        byte[] b = new byte[8];
        EmulatorView.putLong(b, 0, value);
        fx.kvm.host().writeHost(hva + gpa, b, 0, 8);
    }

    private static long read(KvmFixture fx, long hva, long gpa) {
        byte[] b = new byte[8];
        fx.kvm.host().readHost(hva + gpa, b, 0, 8);
        return EmulatorView.getLong(b, 0);
    }
}
