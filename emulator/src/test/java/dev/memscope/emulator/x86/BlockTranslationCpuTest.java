package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Translated blocks ({@link BlockCompiler}) at the edges the run loop defines: budgets that end inside a loop, code
 * that rewrites the instruction it runs next, and MMIO writes that exit from the middle of a block. Each program runs
 * interpreted (threshold 0) and with every trace translated the first time it runs (threshold 1); the values
 * expected are worked out from the instructions' definitions.
 */
class BlockTranslationCpuTest {
    /** Registers, RIP and the instruction count after each of a series of runs of {@code budget} instructions. */
    private static List<String> runInSlices(String hex, int threshold, int budget) {
        Cpu cpu = Code.machine(hex).cpu();
        cpu.setBlockThreshold(threshold);
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int reason = cpu.run(budget);
            StringBuilder s = new StringBuilder("exit " + reason + " rip " + Long.toHexString(cpu.rip()) + " n "
                    + cpu.instructionCount());
            for (int r = 0; r < 16; r++) {
                s.append(' ').append(Long.toHexString(cpu.reg(r)));
            }
            states.add(s.toString());
            if (reason != VmExit.BUDGET) {
                break;
            }
        }
        return states;
    }

    private static final String CALL_LOOP = ""
            + "48 8d 35 f9 0f 00 00" // lea 0xff9(%rip),%rsi       (data, at 0x101000)
            + "b9 64 00 00 00" //       mov $100,%ecx
            + "31 c0" //                xor %eax,%eax
            + "48 8b 16" //             loop: mov (%rsi),%rdx
            + "e8 0d 00 00 00" //       call f
            + "48 01 d0" //             add %rdx,%rax
            + "48 89 46 08" //          mov %rax,0x8(%rsi)
            + "83 e9 01" //             sub $1,%ecx
            + "75 ec" //                jne loop
            + "f4" //                   hlt
            + "48 d1 e2" //             f: shl %rdx
            + "48 83 c2 03" //          add $3,%rdx
            + "48 89 16" //             mov %rdx,(%rsi)
            + "c3" //                   ret
            + "00".repeat(0x1000 - 0x2e) + "0100000000000000" + "0000000000000000";

    @Test
    void a_loop_with_a_call_ends_where_its_definition_says_whatever_the_budget() {
        long d = 1;
        long sum = 0;
        for (int i = 0; i < 100; i++) {
            d = 2 * d + 3;
            sum += d;
        }
        long instructions = 3 + 100 * 10 + 1; // setup, ten per iteration (with f), hlt
        for (int threshold : new int[] {0, 1, 500}) {
            Cpu cpu = Code.machine(CALL_LOOP).cpu();
            cpu.setBlockThreshold(threshold);
            assertThat(cpu.run(1_000_000)).isEqualTo(VmExit.HLT);
            assertThat(cpu.reg(0)).as("rax, threshold %d", threshold).isEqualTo(sum);
            assertThat(cpu.reg(2)).isEqualTo(d);
            assertThat(cpu.reg(1)).isZero();
            assertThat(cpu.instructionCount()).isEqualTo(instructions);
            if (threshold == 1) {
                assertThat(cpu.blocksTranslated()).isPositive();
            }
        }
        // Budgets that end at every point of the loop: the same state after every slice.
        for (int budget : new int[] {1, 2, 3, 7, 10, 11, 64}) {
            assertThat(runInSlices(CALL_LOOP, 1, budget)).as("budget %d", budget)
                    .containsExactlyElementsOf(runInSlices(CALL_LOOP, 0, budget));
        }
    }

    @Test
    void code_that_rewrites_its_next_instruction_runs_the_new_bytes() {
        String hex = "31 db" //         xor %ebx,%ebx
                + "b9 01 00 00 00" //   mov $1,%ecx
                + "ba 2c 01 00 00" //   mov $300,%edx
                + "b8 00 00 00 00" //   loop: mov $imm,%eax   (imm rewritten below)
                + "48 01 c3" //         add %rax,%rbx
                + "89 0d f3 ff ff ff" // mov %ecx,loop+1(%rip)
                + "ff c1" //            inc %ecx
                + "ff ca" //            dec %edx
                + "75 ec" //            jnz loop
                + "f4"; //              hlt
        for (int threshold : new int[] {0, 1, 2}) {
            Cpu cpu = Code.machine(hex).cpu();
            cpu.setBlockThreshold(threshold);
            assertThat(cpu.run(1_000_000)).isEqualTo(VmExit.HLT);
            // Pass k loads k (the value stored by pass k - 1, and 0 at first): rbx = 0 + 1 + ... + 299.
            assertThat(cpu.reg(3)).as("rbx, threshold %d", threshold).isEqualTo(299L * 300 / 2);
            assertThat(cpu.reg(0)).isEqualTo(299);
            assertThat(cpu.instructionCount()).isEqualTo(3 + 300 * 6 + 1);
        }
    }

    @Test
    void an_mmio_write_inside_a_loop_exits_after_the_store_each_pass() {
        String hex = "bf 00 00 00 b0" // mov $0xb0000000,%edi  (the ECAM window: no RAM here)
                + "b9 05 00 00 00" //   mov $5,%ecx
                + "48 89 0f" //         loop: mov %rcx,(%rdi)
                + "ff c9" //            dec %ecx
                + "75 f9" //            jnz loop
                + "f4"; //              hlt
        for (int threshold : new int[] {0, 1}) {
            Cpu cpu = Code.machine(hex).cpu();
            cpu.setBlockThreshold(threshold);
            for (int pass = 0; pass < 5; pass++) {
                assertThat(cpu.run(1_000)).as("pass %d, threshold %d", pass, threshold).isEqualTo(VmExit.MMIO);
                VmExit e = cpu.exit();
                assertThat(e.isWrite).isTrue();
                assertThat(e.gpa).isEqualTo(0xB0000000L);
                assertThat(e.value).isEqualTo(5 - pass);
                assertThat(e.rip).isEqualTo(Code.ENTRY + 10);
                assertThat(cpu.rip()).as("the store completed").isEqualTo(Code.ENTRY + 13);
                assertThat(cpu.instructionCount()).isEqualTo(2 + 3L * pass + 1);
            }
            assertThat(cpu.run(1_000)).isEqualTo(VmExit.HLT);
            assertThat(cpu.instructionCount()).isEqualTo(2 + 3 * 5 + 1);
        }
    }
}
