package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.KvmSregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Exception delivery through a guest IDT, event injection, and KVM-emulator-style single instructions. */
class CpuEventsTest {
    static final long IDT = 0x3000;
    static final long HANDLER = Code.ENTRY + 0x100;

    /** A machine whose IDT sends every vector below 32 to a handler that halts. */
    static PlainRunner withIdt(String code) {
        PlainRunner m = Code.machine(code);
        ByteBuffer idt = ByteBuffer.allocate(32 * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int v = 0; v < 32; v++) {
            idt.putShort((short) HANDLER).putShort((short) 0x08).put((byte) 0).put((byte) 0x8E)
                    .putShort((short) (HANDLER >>> 16)).putInt((int) (HANDLER >>> 32)).putInt(0);
        }
        m.ram().write(IDT, idt.array());
        m.ram().write(HANDLER, new byte[] {(byte) 0xF4}); // hlt
        Cpu cpu = m.cpu();
        KvmSregs s = cpu.getSregs();
        cpu.setSregs(new KvmSregs(s.cs(), s.ds(), s.es(), s.fs(), s.gs(), s.ss(), s.tr(), s.ldt(), s.gdtBase(),
                s.gdtLimit(), IDT, 32 * 16 - 1, s.cr0(), s.cr2(), s.cr3(), s.cr4(), s.cr8(), s.efer(), s.apicBase()));
        return m;
    }

    private static long stack(PlainRunner m, int index) {
        return ByteBuffer.wrap(m.ram().read(m.cpu().reg(4) + 8L * index, 8)).order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
    }

    @Test
    void a_page_fault_is_delivered_with_error_code_and_cr2() {
        PlainRunner m = withIdt("48 89 03 f4"); // mov %rax,(%rbx) with rbx outside every mapping
        m.cpu().setReg(3, 0x7000_0000_0000L);
        assertThat(m.cpu().run(100)).isEqualTo(VmExit.HLT);
        assertThat(m.cpu().rip()).isEqualTo(HANDLER + 1);
        assertThat(m.cpu().cr2()).isEqualTo(0x7000_0000_0000L);
        assertThat(stack(m, 0)).as("error code: not present, write, supervisor").isEqualTo(2);
        assertThat(stack(m, 1)).as("RIP of the faulting instruction").isEqualTo(Code.ENTRY);
        assertThat(stack(m, 2)).as("CS").isEqualTo(0x08);
    }

    @Test
    void divide_by_zero_raises_de_at_the_div() {
        PlainRunner m = withIdt("31 c9 f7 f1 f4"); // xor %ecx,%ecx; div %ecx
        assertThat(m.cpu().run(100)).isEqualTo(VmExit.HLT);
        assertThat(stack(m, 0)).as("no error code: the frame starts with RIP").isEqualTo(Code.ENTRY + 2);
    }

    @Test
    void int3_pushes_the_address_after_it() {
        PlainRunner m = withIdt("90 cc f4");
        assertThat(m.cpu().run(100)).isEqualTo(VmExit.HLT);
        assertThat(stack(m, 0)).isEqualTo(Code.ENTRY + 2);
    }

    @Test
    void an_injected_exception_is_delivered_at_the_next_entry() {
        PlainRunner m = withIdt("90 90 f4");
        m.cpu().injectException(14, 0x6, true, 0xdead000);
        assertThat(m.cpu().hasPendingException()).isTrue();
        assertThat(m.cpu().run(100)).isEqualTo(VmExit.HLT);
        assertThat(m.cpu().rip()).isEqualTo(HANDLER + 1);
        assertThat(m.cpu().cr2()).isEqualTo(0xdead000);
        assertThat(stack(m, 0)).isEqualTo(6);
        assertThat(stack(m, 1)).isEqualTo(Code.ENTRY);
    }

    @Test
    void emulate_one_uses_the_view_for_data_and_mmio_and_runs_exactly_one_instruction() {
        PlainRunner m = Code.machine("8b 03 8b 0b f4"); // mov (%rbx),%eax; mov (%rbx),%ecx; hlt
        Cpu cpu = m.cpu();
        cpu.setReg(3, 0xB0000010L); // ECAM window: MMIO
        int[] walks = {0};
        PhysicalMemory view = new PhysicalMemory() {
            @Override
            public int resolve(long gpa, int access, long gla, boolean pageWalk, PageRef out, VmExit exit) {
                if (pageWalk) {
                    walks[0]++;
                }
                return m.ram().resolve(gpa, access, gla, pageWalk, out, exit);
            }

            @Override
            public long mmioRead(long gpa, int size, VmExit exit) {
                return gpa == 0xB0000010L && size == 4 ? 0xFFFFFFFFL : 0;
            }

            @Override
            public void mmioWrite(long gpa, int size, long value, VmExit exit) {
            }
        };
        assertThat(cpu.emulateOne(view)).isEqualTo(VmExit.NONE);
        assertThat(cpu.reg(0)).isEqualTo(0xFFFFFFFFL);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY + 2);
        assertThat(cpu.instructionCount()).isEqualTo(1);
        assertThat(walks[0]).as("the software walk read the guest tables through the view").isPositive();
        // The hardware path still exits on the same access (PlainRam has no device there).
        assertThat(cpu.run(100)).isEqualTo(VmExit.MMIO);
        assertThat(cpu.rip()).isEqualTo(Code.ENTRY + 2);
    }

    @Test
    void the_same_guest_gives_the_same_instruction_count_and_output_every_time() {
        PlainRunner.Result a = Guests.run("crc", 100_000_000);
        PlainRunner.Result b = Guests.run("crc", 100_000_000);
        assertThat(b.instructions()).isEqualTo(a.instructions());
        assertThat(b.console()).isEqualTo(a.console());
    }
}
