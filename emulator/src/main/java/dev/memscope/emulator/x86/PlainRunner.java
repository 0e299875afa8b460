package dev.memscope.emulator.x86;

import dev.memscope.emulator.vmm.BootImage;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a guest on the CPU over {@link PlainRam}, without KVM: loads the image and boot layout, runs until the guest
 * writes its exit code, and handles the guest ABI's ports (0xE9 console byte, 0xF4 exit code, 0xF5 sync value).
 * A small helper for tests and {@link Bench}; the real VMM lives in {@code vmm}.
 */
public final class PlainRunner {
    /** The outcome of a run: console bytes, exit code (-1 when the guest did not exit), and why it stopped. */
    public record Result(String console, int exitCode, long instructions, int stopReason, String stopMessage,
            List<Long> syncValues, long wallNanos) {
        public boolean exited() {
            return stopReason == VmExit.IO_INSTRUCTION;
        }
    }

    private final PlainRam ram;
    private final Cpu cpu;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<Long> syncs = new ArrayList<>();

    public PlainRunner(byte[] elf, MemoryMap map, BootLayout.PageSize pageSize) throws ElfFormatException {
        ElfImage image = ElfImage.parse(elf);
        BootImage boot = BootLayout.build(image, map, pageSize);
        ram = new PlainRam(map.ramBytes());
        for (BootImage.Write w : boot.writes()) {
            ram.write(w.gpa(), w.bytes());
        }
        cpu = new Cpu(ram);
        cpu.setSregs(boot.sregs());
        cpu.setRegs(boot.regs());
    }

    public PlainRunner(byte[] elf) throws ElfFormatException {
        this(elf, MemoryMap.defaults(), BootLayout.PageSize.SIZE_2M);
    }

    public Cpu cpu() {
        return cpu;
    }

    public PlainRam ram() {
        return ram;
    }

    /** Runs until the guest exits, the CPU stops for another reason, or {@code maxInstructions} have run. */
    public Result run(long maxInstructions) {
        long start = System.nanoTime();
        long limit = cpu.instructionCount() + maxInstructions;
        for (;;) {
            long left = limit - cpu.instructionCount();
            int reason = cpu.run(left);
            VmExit e = cpu.exit();
            if (reason == VmExit.IO_INSTRUCTION) {
                if (e.isWrite && e.port == GuestAbi.PORT_CONSOLE) {
                    console.write((int) e.value);
                    continue;
                }
                if (e.isWrite && e.port == GuestAbi.PORT_SYNC) {
                    syncs.add(e.value);
                    continue;
                }
                if (e.isWrite && e.port == GuestAbi.PORT_EXIT) {
                    return result(reason, (int) e.value, null, start);
                }
                if (!e.isWrite) {
                    cpu.completeIn(-1L); // no device: reads of any port return all ones
                    continue;
                }
                continue; // writes to other ports are ignored
            }
            if (reason == VmExit.HLT) {
                return result(reason, -1, "the guest halted at RIP 0x" + Long.toHexString(e.rip)
                        + " without writing an exit code", start);
            }
            String msg = e.message != null ? e.message : VmExit.reasonName(reason);
            return result(reason, -1, msg, start);
        }
    }

    private Result result(int reason, int code, String message, long start) {
        return new Result(console.toString(java.nio.charset.StandardCharsets.UTF_8), code, cpu.instructionCount(),
                reason, message, List.copyOf(syncs), System.nanoTime() - start);
    }
}
