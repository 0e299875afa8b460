package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** What the UI reads: linear memory without side effects, MSRs, the snapshot, disassembly at RIP. */
class CpuDebuggerApiTest {
    @Test
    void peek_linear_reads_code_without_setting_accessed_bits() {
        PlainRunner m = Code.machine("48 89 d8 f4"); // mov %rbx,%rax; hlt
        Cpu cpu = m.cpu();
        long pml4e = pml4Entry(m);
        assertThat(pml4e & 0x20).as("accessed bit before").isZero();
        byte[] bytes = cpu.peekLinear(Code.ENTRY, 4);
        assertThat(bytes).containsExactly(0x48, 0x89, 0xd8, 0xf4);
        assertThat(pml4Entry(m) & 0x20).as("a debugger's look sets no accessed bit").isZero();
        assertThat(Disassembler.disassemble(bytes, Code.ENTRY).get(0).text()).isEqualTo("mov    %rbx,%rax");
        assertThat(cpu.peekLinear(0x7000_0000_0000L, 8)).as("unmapped").isEmpty();
        cpu.run(10);
        assertThat(pml4Entry(m) & 0x20).as("the CPU's own walk sets it").isNotZero();
    }

    private static long pml4Entry(PlainRunner m) {
        long cr3 = m.cpu().cr3();
        return ByteBuffer.wrap(m.ram().read(cr3, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void msrs_read_and_write_like_rdmsr_and_wrmsr() {
        Cpu cpu = Code.machine("f4").cpu();
        assertThat(cpu.readMsr(0xC0000080).getAsLong()).as("EFER from the boot state: LME LMA NXE")
                .isEqualTo((1L << 8) | (1L << 10) | (1L << 11));
        assertThat(cpu.writeMsr(0xC0000100, 0x1234_5000L)).isTrue();
        assertThat(cpu.segmentBase(Cpu.FS)).isEqualTo(0x1234_5000L);
        assertThat(cpu.writeMsr(0xC0000100, 0x8000_0000_0000_0000L)).as("non-canonical base").isFalse();
        assertThat(cpu.readMsr(0x12345)).as("no such MSR").isEmpty();
        long tsc = cpu.readMsr(0x10).getAsLong();
        cpu.run(1);
        assertThat(cpu.readMsr(0x10).getAsLong()).as("TSC counts instructions").isEqualTo(tsc + 1);
    }

    @Test
    void the_snapshot_is_a_copy_with_decoded_flags() {
        Cpu cpu = Code.machine("f9 f4").cpu(); // stc; hlt
        cpu.run(10);
        CpuSnapshot s = cpu.snapshot();
        assertThat(s.flagsSet()).contains("CF");
        assertThat(s.rip()).isEqualTo(Code.ENTRY + 2);
        assertThat(s.cpl()).isZero();
        assertThat(s.segments()).hasSize(6);
        long[] regs = s.gpr();
        regs[0] = 42;
        assertThat(s.gpr(0)).as("immutable").isNotEqualTo(42);
    }
}
