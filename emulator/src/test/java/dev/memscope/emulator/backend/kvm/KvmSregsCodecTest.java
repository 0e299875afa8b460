package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.KvmSegment;
import dev.memscope.emulator.backend.KvmSregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Offsets of struct kvm_sregs and struct kvm_segment, from arch/x86/include/uapi/asm/kvm.h. */
class KvmSregsCodecTest {
    private static KvmSegment seg(int n) {
        return new KvmSegment(0x1000L * n, 0x100 + n, 8 * n, 0xB, true, 3, false, true, true, false, true, false);
    }

    private static KvmSregs sample() {
        return new KvmSregs(seg(1), seg(2), seg(3), seg(4), seg(5), seg(6), seg(7), seg(8), 0x1000, 0x27, 0x2000,
                0xFFF, 0x80050033L, 0xC2, 0x10000, 0x20, 0x8, 0xD01, 0xFEE00900L);
    }

    @Test
    void fields_land_at_their_kvm_sregs_offsets() {
        ByteBuffer b = ByteBuffer.wrap(KvmSregsCodec.encode(sample())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.capacity()).isEqualTo(312);
        for (int i = 0; i < 8; i++) { // cs, ds, es, fs, gs, ss, tr, ldt
            assertThat(b.getLong(24 * i)).as("segment %d base", i).isEqualTo(0x1000L * (i + 1));
        }
        int tr = 6 * 24;
        assertThat(b.getInt(tr + 8)).as("tr.limit").isEqualTo(0x107);
        assertThat(b.getShort(tr + 12)).as("tr.selector").isEqualTo((short) 56);
        assertThat(b.get(tr + 14)).as("type").isEqualTo((byte) 0xB);
        assertThat(b.get(tr + 15)).as("present").isEqualTo((byte) 1);
        assertThat(b.get(tr + 16)).as("dpl").isEqualTo((byte) 3);
        assertThat(b.get(tr + 17)).as("db").isEqualTo((byte) 0);
        assertThat(b.get(tr + 18)).as("s").isEqualTo((byte) 1);
        assertThat(b.get(tr + 19)).as("l").isEqualTo((byte) 1);
        assertThat(b.get(tr + 20)).as("g").isEqualTo((byte) 0);
        assertThat(b.get(tr + 21)).as("avl").isEqualTo((byte) 1);
        assertThat(b.get(tr + 22)).as("unusable").isEqualTo((byte) 0);
        assertThat(b.getLong(192)).as("gdt.base").isEqualTo(0x1000);
        assertThat(b.getShort(200)).as("gdt.limit").isEqualTo((short) 0x27);
        assertThat(b.getLong(208)).as("idt.base").isEqualTo(0x2000);
        assertThat(b.getShort(216)).as("idt.limit").isEqualTo((short) 0xFFF);
        assertThat(b.getLong(224)).as("cr0").isEqualTo(0x80050033L);
        assertThat(b.getLong(232)).as("cr2").isEqualTo(0xC2);
        assertThat(b.getLong(240)).as("cr3").isEqualTo(0x10000);
        assertThat(b.getLong(248)).as("cr4").isEqualTo(0x20);
        assertThat(b.getLong(256)).as("cr8").isEqualTo(0x8);
        assertThat(b.getLong(264)).as("efer").isEqualTo(0xD01);
        assertThat(b.getLong(272)).as("apic_base").isEqualTo(0xFEE00900L);
        for (int i = 280; i < 312; i += 8) {
            assertThat(b.getLong(i)).as("interrupt_bitmap").isZero();
        }
    }

    @Test
    void decode_inverts_encode() {
        assertThat(KvmSregsCodec.decode(KvmSregsCodec.encode(sample()))).isEqualTo(sample());
    }
}
