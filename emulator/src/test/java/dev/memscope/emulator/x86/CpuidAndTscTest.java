package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CPUID is the documented stable model of {@code Cpuid}; RDTSC counts instructions. */
class CpuidAndTscTest {
    @Test
    void cpuid_leaf_0_names_the_vendor_and_leaf_0x80000001_long_mode_and_nx() {
        Cpu cpu = Code.machine("0f a2 f4").cpu(); // cpuid; hlt
        cpu.setReg(0, 0);
        cpu.run(10);
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) cpu.reg(3)).putInt((int) cpu.reg(2)).putInt((int) cpu.reg(1)); // EBX, EDX, ECX
        assertThat(new String(b.array(), StandardCharsets.US_ASCII)).isEqualTo("MemscopeX86 ");
        assertThat(cpu.reg(0)).as("highest basic leaf").isEqualTo(7);

        Cpu ext = Code.machine("0f a2 f4").cpu();
        ext.setReg(0, 0x80000001L);
        ext.run(10);
        assertThat(ext.reg(2) & (1L << 29)).as("LM").isNotZero();
        assertThat(ext.reg(2) & (1L << 20)).as("NX").isNotZero();
        assertThat(ext.reg(2) & (1L << 26)).as("1 GiB pages").isNotZero();
    }

    @Test
    void cpuid_leaf_1_advertises_no_sse() {
        Cpu cpu = Code.machine("0f a2 f4").cpu();
        cpu.setReg(0, 1);
        cpu.run(10);
        assertThat(cpu.reg(2) & ((1L << 25) | (1L << 26) | (1L << 23) | 1L)).as("SSE, SSE2, MMX, FPU").isZero();
        assertThat(cpu.reg(1) & (1L << 23)).as("POPCNT").isNotZero();
    }

    @Test
    void rdtsc_is_the_instruction_count() {
        // nop; nop; rdtsc; hlt: three instructions before RDTSC completes its read
        Cpu cpu = Code.machine("90 90 0f 31 f4").cpu();
        cpu.run(10);
        long tsc = (cpu.reg(2) << 32) | cpu.reg(0);
        assertThat(tsc).isEqualTo(2);
    }
}
