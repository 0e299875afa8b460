package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.KvmRegs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** struct kvm_regs keeps rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp: not the encoding order of KvmRegs. */
class KvmRegsCodecTest {
    private static KvmRegs numbered() {
        long[] gpr = new long[16];
        for (int i = 0; i < 16; i++) {
            gpr[i] = 0x1000L + i; // the value names the encoding index
        }
        return new KvmRegs(gpr, 0xAAAA, 0x202);
    }

    @Test
    void each_register_lands_at_its_kvm_regs_offset() {
        ByteBuffer b = ByteBuffer.wrap(KvmRegsCodec.encode(numbered())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.capacity()).isEqualTo(144);
        assertThat(b.getLong(0)).as("rax").isEqualTo(0x1000L + KvmRegs.RAX);
        assertThat(b.getLong(8)).as("rbx").isEqualTo(0x1000L + KvmRegs.RBX);
        assertThat(b.getLong(16)).as("rcx").isEqualTo(0x1000L + KvmRegs.RCX);
        assertThat(b.getLong(24)).as("rdx").isEqualTo(0x1000L + KvmRegs.RDX);
        assertThat(b.getLong(32)).as("rsi").isEqualTo(0x1000L + KvmRegs.RSI);
        assertThat(b.getLong(40)).as("rdi").isEqualTo(0x1000L + KvmRegs.RDI);
        assertThat(b.getLong(48)).as("rsp").isEqualTo(0x1000L + KvmRegs.RSP);
        assertThat(b.getLong(56)).as("rbp").isEqualTo(0x1000L + KvmRegs.RBP);
        for (int r = 8; r < 16; r++) {
            assertThat(b.getLong(r * 8)).as("r%d", r).isEqualTo(0x1000L + r);
        }
        assertThat(b.getLong(128)).as("rip").isEqualTo(0xAAAA);
        assertThat(b.getLong(136)).as("rflags").isEqualTo(0x202);
    }

    @Test
    void decode_inverts_encode() {
        KvmRegs regs = numbered();
        KvmRegs back = KvmRegsCodec.decode(KvmRegsCodec.encode(regs));
        assertThat(back.gpr()).containsExactly(regs.gpr());
        assertThat(back.rip()).isEqualTo(regs.rip());
        assertThat(back.rflags()).isEqualTo(regs.rflags());
    }
}
