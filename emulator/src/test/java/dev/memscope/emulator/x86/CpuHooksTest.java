package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instruction and memory-access hooks: breakpoints stop before the instruction; accesses report gva, gpa, value. */
class CpuHooksTest {
    @Test
    void a_breakpoint_stops_before_the_instruction_and_the_next_run_goes_past_it() {
        Cpu cpu = Code.machine("90 90 90 f4").cpu(); // nop; nop; nop; hlt
        List<Long> seen = new ArrayList<>();
        cpu.setHooks(new CpuHooks() {
            @Override
            public boolean wantsInstructions() {
                return true;
            }

            @Override
            public boolean beforeInstruction(Cpu c, long rip) {
                seen.add(rip);
                return rip == Code.ENTRY + 2;
            }
        });
        assertThat(cpu.run(100)).isEqualTo(VmExit.DEBUG_STOP);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY + 2);
        assertThat(cpu.instructionCount()).isEqualTo(2);
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(seen).containsExactly(Code.ENTRY, Code.ENTRY + 1, Code.ENTRY + 2, Code.ENTRY + 3);
    }

    @Test
    void memory_access_hooks_see_every_data_access_with_its_gpa_and_value() {
        // mov %rax,(%rbx); mov (%rbx),%rcx; hlt
        Cpu cpu = Code.machine("48 89 03 48 8b 0b f4").cpu();
        cpu.setReg(0, 0x1234);
        cpu.setReg(3, 0x200010);
        List<String> accesses = new ArrayList<>();
        cpu.setHooks(new CpuHooks() {
            @Override
            public boolean wantsMemoryAccesses() {
                return true;
            }

            @Override
            public void memoryAccess(Cpu c, long gva, long gpa, int size, int access, long value) {
                accesses.add(String.format("%s %x %x %d %x", Access.name(access), gva, gpa, size, value));
            }
        });
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(accesses).containsExactly("write 200010 200010 8 1234", "read 200010 200010 8 1234");
    }

    @Test
    void without_hooks_nothing_is_called() {
        Cpu cpu = Code.machine("48 89 03 f4").cpu();
        cpu.setReg(3, 0x200000);
        cpu.setHooks(new CpuHooks() {
            @Override
            public boolean beforeInstruction(Cpu c, long rip) {
                throw new AssertionError("not asked for");
            }

            @Override
            public void memoryAccess(Cpu c, long gva, long gpa, int size, int access, long value) {
                throw new AssertionError("not asked for");
            }
        });
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
    }
}
