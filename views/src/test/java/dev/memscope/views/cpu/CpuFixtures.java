package dev.memscope.views.cpu;

import dev.memscope.emulator.api.CpuState;
import dev.memscope.emulator.api.DisasmLine;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realistic CPU-pane data: {@code scan_bus} of sample-guests/guests/pci-scan/pci-scan.elf as {@code objdump -d}
 * prints it (gcc -O2, freestanding), and the vCPU stopped at the ECAM read of device 00:03.0 under {@code allones}.
 */
final class CpuFixtures {
    /** {@code mov (%rsi),%r14d}: the vendor-ID read of pci_read32(bus, dev, 0, 0) in scan_bus. */
    static final long FAULT_RIP = 0x100bb3;
    static final long ECAM_BASE = 0xB0000000L;
    private static final Pattern INSN = Pattern.compile("^\\s+([0-9a-f]+):\\t([0-9a-f ]+?)\\s*(?:\\t(.*))?$");
    private static final Pattern FUNC = Pattern.compile("^([0-9a-f]+) <(.+)>:$");

    private CpuFixtures() {
    }

    /** The objdump listing of scan_bus, one line per instruction (continuation byte lines merged). */
    static List<DisasmLine> scanBus() {
        List<DisasmLine> out = new ArrayList<>();
        long funcStart = 0;
        String func = "";
        for (String line : resource("scan_bus.objdump").split("\n")) {
            Matcher f = FUNC.matcher(line);
            if (f.matches()) {
                funcStart = Long.parseLong(f.group(1), 16);
                func = f.group(2);
                continue;
            }
            Matcher m = INSN.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long address = Long.parseLong(m.group(1), 16);
            if (m.group(3) == null) { // objdump continues long instructions' bytes on the next line
                DisasmLine last = out.remove(out.size() - 1);
                out.add(new DisasmLine(last.address(), last.bytes() + " " + m.group(2), last.text(), last.symbol()));
                continue;
            }
            long offset = address - funcStart;
            out.add(new DisasmLine(address, m.group(2), m.group(3).strip(),
                    offset == 0 ? func : func + "+0x" + Long.toHexString(offset)));
        }
        return out;
    }

    /** What the machine answers to {@link Query.Disassemble}: the listing around the address. */
    static List<DisasmLine> disassemble(Query.Disassemble q) {
        List<DisasmLine> all = scanBus();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).address() == q.address()) {
                return all.subList(Math.max(0, i - q.before()), Math.min(all.size(), i + q.after() + 1));
            }
        }
        throw new IllegalArgumentException("no instruction at 0x" + Long.toHexString(q.address()));
    }

    static MachineSnapshot.Setup setup() {
        return new MachineSnapshot.Setup("pci-scan", "9f2c41d0", "sim", "Java emulator + KVM model, TDP MMU",
                HoleVariant.ALLONES, MmuMode.TDP, "kernel-window", 64L << 20, ECAM_BASE, 256);
    }

    /** Stopped at the vendor-ID read of bus 0, device {@code dev}. */
    static CpuState atIdRead(int dev, long rflags) {
        long offset = (long) dev << 15;
        long[] gpr = new long[16];
        gpr[0] = offset;                   // rax
        gpr[1] = ECAM_BASE;                // rcx: boot_info->ecam_base
        gpr[2] = 0;                        // rdx: bus << 20
        gpr[3] = dev == 0 ? 0 : 8;         // rbx
        gpr[4] = 0x3ffff38;                // rsp
        gpr[5] = offset;                   // rbp
        gpr[6] = ECAM_BASE + offset;       // rsi: the config address read next
        gpr[7] = dev == 0 ? 0x8ff0 : 1;    // rdi
        gpr[12] = dev;                     // r12: the device number
        gpr[13] = dev == 0 ? 0 : 0xffffff80L;
        gpr[14] = dev == 0 ? 0 : 0xffffffffL;
        gpr[15] = 0;
        return new CpuState(gpr, FAULT_RIP, rflags, 0x80010011L, 0, 0x1000, 0x20, 0xd00, 0, 0x8, 0x10);
    }

    static MachineSnapshot snapshot(long version, RunState state, CpuState cpu, String reason) {
        return new MachineSnapshot(version, state, reason, setup(), cpu, 48_213, 64,
                "pci-scan: ECAM at 0xb0000000, 256 buses\n", Map.of("pf_taken", 41L), List.of(), 3, null,
                List.of(), List.of(), null, 9_000, 1_250_000, 3_100_000, List.of(), true);
    }

    private static String resource(String name) {
        try (InputStream in = CpuFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
