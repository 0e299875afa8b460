package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exit and restart contract of {@link Cpu#run} (see its class comment). */
class CpuExitContractTest {
    @Test
    void out_exits_after_completing_with_port_size_and_value() {
        Cpu cpu = Code.machine("b0 41 e6 e9 f4").cpu(); // mov $0x41,%al; out %al,$0xe9; hlt
        assertThat(cpu.run(100)).isEqualTo(VmExit.IO_INSTRUCTION);
        VmExit e = cpu.exit();
        assertThat(e.isWrite).isTrue();
        assertThat(e.port).isEqualTo(0xE9);
        assertThat(e.size).isEqualTo(1);
        assertThat(e.value).isEqualTo(0x41);
        assertThat(e.rip).isEqualTo(Code.ENTRY + 2);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY + 4).isEqualTo(e.nextRip);
        assertThat(cpu.instructionCount()).isEqualTo(2);
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(cpu.rip()).as("HLT exits with RIP after it").isEqualTo(Code.ENTRY + 5);
    }

    @Test
    void in_exits_before_completing_and_completeIn_finishes_it() {
        Cpu cpu = Code.machine("e4 60 88 c3 f4").cpu(); // in $0x60,%al; mov %al,%bl; hlt
        assertThat(cpu.run(100)).isEqualTo(VmExit.IO_INSTRUCTION);
        assertThat(cpu.exit().isWrite).isFalse();
        assertThat(cpu.exit().port).isEqualTo(0x60);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY);
        assertThat(cpu.run(100)).as("without a value the IN runs again").isEqualTo(VmExit.IO_INSTRUCTION);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY);
        cpu.completeIn(0x5A);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY + 2);
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(cpu.reg(3) & 0xFF).isEqualTo(0x5A);
    }

    @Test
    void mmio_read_has_no_effect_until_its_value_is_given() {
        // movabs 0xb0000000,%rax (the ECAM window: no RAM in PlainRam); hlt
        Cpu cpu = Code.machine("48 a1 00 00 00 b0 00 00 00 00 f4").cpu();
        cpu.setReg(0, 7);
        assertThat(cpu.run(100)).isEqualTo(VmExit.MMIO);
        VmExit e = cpu.exit();
        assertThat(e.isWrite).isFalse();
        assertThat(e.gpa).isEqualTo(0xB0000000L);
        assertThat(e.size).isEqualTo(8);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY);
        assertThat(cpu.reg(0)).isEqualTo(7);
        cpu.completeMmioRead(0x1122334455667788L);
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(cpu.reg(0)).isEqualTo(0x1122334455667788L);
    }

    @Test
    void mmio_write_completes_the_instruction_and_exits_with_the_value() {
        Cpu cpu = Code.machine("48 a3 08 00 00 b0 00 00 00 00 f4").cpu(); // movabs %rax,0xb0000008; hlt
        cpu.setReg(0, 0xCAFEL);
        assertThat(cpu.run(100)).isEqualTo(VmExit.MMIO);
        VmExit e = cpu.exit();
        assertThat(e.isWrite).isTrue();
        assertThat(e.gpa).isEqualTo(0xB0000008L);
        assertThat(e.value).isEqualTo(0xCAFE);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY + 10);
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
    }

    @Test
    void an_exit_from_the_memory_interface_leaves_no_effect_and_the_instruction_runs_again() {
        PlainRunner m = Code.machine("48 8b 03 48 89 03 f4"); // mov (%rbx),%rax; mov %rax,(%rbx); hlt
        PlainRam ram = m.ram();
        long data = 0x300000;
        ram.write(data, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        int[] exitsLeft = {1};
        PhysicalMemory ept = new PhysicalMemory() {
            @Override
            public int resolve(long gpa, int access, long gla, boolean pageWalk, PageRef out, VmExit exit) {
                if (!pageWalk && (gpa & ~0xFFFL) == data && exitsLeft[0] > 0) {
                    exitsLeft[0]--;
                    exit.reason = VmExit.EPT_VIOLATION;
                    exit.gpa = gpa;
                    exit.gla = gla;
                    return EXIT;
                }
                return ram.resolve(gpa, access, gla, pageWalk, out, exit);
            }

            @Override
            public long mmioRead(long gpa, int size, VmExit exit) {
                return ram.mmioRead(gpa, size, exit);
            }

            @Override
            public void mmioWrite(long gpa, int size, long value, VmExit exit) {
                ram.mmioWrite(gpa, size, value, exit);
            }
        };
        Cpu cpu = new Cpu(ept);
        cpu.setSregs(m.cpu().getSregs());
        cpu.setRegs(m.cpu().getRegs());
        cpu.setReg(3, data);
        cpu.setReg(0, 99);
        assertThat(cpu.run(100)).isEqualTo(VmExit.EPT_VIOLATION);
        assertThat(cpu.exit().gpa).isEqualTo(data);
        assertThat(cpu.exit().gla).isEqualTo(data);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY);
        assertThat(cpu.reg(0)).isEqualTo(99);
        assertThat(cpu.instructionCount()).isZero();
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(cpu.reg(0)).isEqualTo(0x0807060504030201L);
        assertThat(cpu.instructionCount()).isEqualTo(3);
    }

    @Test
    void the_budget_ends_a_run_after_exactly_that_many_instructions() {
        Cpu cpu = Code.machine("eb fe").cpu(); // jmp .
        assertThat(cpu.run(1000)).isEqualTo(VmExit.BUDGET);
        assertThat(cpu.instructionCount()).isEqualTo(1000);
        assertThat(cpu.run(5)).isEqualTo(VmExit.BUDGET);
        assertThat(cpu.instructionCount()).isEqualTo(1005);
    }

    @Test
    void an_invalid_opcode_without_a_guest_handler_ends_the_run_naming_rip_and_bytes() {
        Cpu cpu = Code.machine("90 0f 0b").cpu(); // nop; ud2
        assertThat(cpu.run(100)).isEqualTo(VmExit.TRIPLE_FAULT);
        assertThat(cpu.exit().message).contains("#UD").contains("RIP 0x100001").contains("[0f 0b]");
    }

    @Test
    void an_sse_instruction_stops_the_run_naming_it_and_the_build_flags() {
        Cpu cpu = Code.machine("0f 28 c8").cpu(); // movaps %xmm0,%xmm1
        assertThat(cpu.run(100)).isEqualTo(VmExit.INTERNAL_ERROR);
        assertThat(cpu.exit().message).contains("movaps").contains("-mno-sse").contains("0x100000");
    }

    @Test
    void self_modifying_code_runs_the_new_bytes() {
        // xor %ecx,%ecx; L: mov $0x0,%al; inc %ecx; cmp $2,%ecx; je done; movb $0x42,L+1(%rip); jmp L; done: hlt
        Cpu cpu = Code.machine("31 c9 b0 00 ff c1 83 f9 02 74 09 c6 05 f1 ff ff ff 42 eb ee f4").cpu();
        assertThat(cpu.run(100)).isEqualTo(VmExit.HLT);
        assertThat(cpu.reg(0) & 0xFF).isEqualTo(0x42);
    }

    @Test
    void no_java_exception_escapes_a_run() {
        Cpu cpu = Code.machine("48 8b 03 f4").cpu();
        cpu.setReg(3, 0x200000);
        cpu.setTranslator((c, la, access, cpl, out, exit) -> {
            throw new IllegalStateException("a broken translator");
        });
        assertThat(cpu.run(100)).isEqualTo(VmExit.INTERNAL_ERROR);
        assertThat(cpu.exit().message).contains("a broken translator");
    }
}
