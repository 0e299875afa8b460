package dev.memscope.emulator.guests;

import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.PciTopology;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-assembled guest that reads and writes config space at every width (1, 2, 4, 8 bytes), at page ends, across
 * the page boundary between an absent and a present function (both ways), and writes to absent and present functions
 * before reading back. Each value read goes to the sync port (an 8-byte read as its two halves, low first), so a test
 * sees exactly what the guest saw. {@link #expected} is the same sequence computed byte by byte from a fresh q35
 * topology: all-ones for absent functions, the device model's bytes for present ones, writes to absent ones lost.
 */
final class EcamProbe {
    private record Op(Bdf bdf, int reg, int len, boolean write, long value) {
    }

    private final List<Op> ops = new ArrayList<>();

    static EcamProbe standard() {
        EcamProbe p = new EcamProbe();
        Bdf absent = Bdf.parse("00:03.0");
        Bdf ahci = Bdf.parse("00:1f.2");
        for (int len : new int[] {1, 2, 4, 8}) {
            p.read(absent, 0, len).read(ahci, 0, len);
        }
        p.read(absent, 0xFFC, 4).read(absent, 0xFF8, 8); // the end of an absent function's page
        p.read(ahci, 0x0E, 1).read(ahci, 0x08, 4).read(ahci, 0x0D, 4); // header type, class, a misaligned dword
        p.read(Bdf.parse("00:1f.1"), 0xFFC, 8); // absent 00:1f.1 into present 00:1f.2
        p.read(Bdf.parse("00:1f.3"), 0xFFC, 8); // present 00:1f.3 into absent 00:1f.4
        p.write(absent, 0x04, 2, 0x0006).read(absent, 0x04, 2);
        p.write(absent, 0x10, 4, 0x12345678).read(absent, 0x10, 4);
        p.write(absent, 0x20, 8, 0x1122334455667788L).read(absent, 0x20, 8);
        p.write(absent, 0x3C, 1, 0x0B).read(absent, 0x3C, 1);
        p.write(ahci, 0x3C, 1, 0x0B).read(ahci, 0x3C, 1); // interrupt line: writable
        p.write(ahci, 0x00, 4, 0).read(ahci, 0x00, 4); // vendor and device ID: read-only
        p.read(Bdf.parse("01:00.0"), 0, 4).read(Bdf.parse("01:01.0"), 0, 4); // behind the bridge
        p.read(Bdf.parse("80:10.3"), 0x100, 4).read(Bdf.parse("ff:1f.7"), 0xFFC, 4); // deep in the window, its end
        return p;
    }

    private EcamProbe read(Bdf bdf, int reg, int len) {
        ops.add(new Op(bdf, reg, len, false, 0));
        return this;
    }

    private EcamProbe write(Bdf bdf, int reg, int len, long value) {
        ops.add(new Op(bdf, reg, len, true, value));
        return this;
    }

    /** Sync values the guest reports, in order. */
    List<Long> expected(MemoryMap map) {
        PciTopology topology = PciTopology.q35Default();
        List<Long> out = new ArrayList<>();
        for (Op op : ops) {
            long offset = op.bdf().ecamOffset() + op.reg();
            if (op.write()) {
                topology.function(op.bdf()).ifPresent(f -> f.write(op.reg(), op.len(), (int) op.value()));
                continue;
            }
            long v = 0;
            for (int i = op.len() - 1; i >= 0; i--) {
                long at = offset + i;
                long b = topology.function(Bdf.ofEcamOffset(at)).map(f -> (long) f.read((int) (at & 0xFFF), 1))
                        .orElse(0xFFL);
                v = (v << 8) | b;
            }
            out.add(v & 0xFFFFFFFFL);
            if (op.len() == 8) {
                out.add(v >>> 32);
            }
        }
        return out;
    }

    ElfImage image(MemoryMap map) {
        Asm a = new Asm();
        for (Op op : ops) {
            a.movRbx(map.ecamBase() + op.bdf().ecamOffset() + op.reg());
            if (op.write()) {
                a.movRax(op.value()).store(op.len());
                continue;
            }
            a.load(op.len()).movEdx(GuestAbi.PORT_SYNC).outDxEax();
            if (op.len() == 8) {
                a.shrRax32().outDxEax();
            }
        }
        a.movEdx(GuestAbi.PORT_EXIT).movRax(0).outDxEax().jmpSelf();
        return TinyElf.image(0x100000, a.bytes());
    }

    /** The few instructions the probe needs, encoded per the Intel SDM Vol. 2. */
    private static final class Asm {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Asm op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Asm imm(long v, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Asm movRbx(long v) { // mov rbx, imm64
            return op(0x48, 0xBB).imm(v, 8);
        }

        Asm movRax(long v) { // mov rax, imm64
            return op(0x48, 0xB8).imm(v, 8);
        }

        Asm movEdx(int v) { // mov edx, imm32
            return op(0xBA).imm(v, 4);
        }

        Asm load(int len) { // movzx eax, byte/word [rbx]; mov eax, [rbx]; mov rax, [rbx]
            return switch (len) {
                case 1 -> op(0x0F, 0xB6, 0x03);
                case 2 -> op(0x0F, 0xB7, 0x03);
                case 4 -> op(0x8B, 0x03);
                default -> op(0x48, 0x8B, 0x03);
            };
        }

        Asm store(int len) { // mov [rbx], al/ax/eax/rax
            return switch (len) {
                case 1 -> op(0x88, 0x03);
                case 2 -> op(0x66, 0x89, 0x03);
                case 4 -> op(0x89, 0x03);
                default -> op(0x48, 0x89, 0x03);
            };
        }

        Asm shrRax32() { // shr rax, 32
            return op(0x48, 0xC1, 0xE8, 0x20);
        }

        Asm outDxEax() { // out dx, eax
            return op(0xEF);
        }

        Asm jmpSelf() { // jmp $
            return op(0xEB, 0xFE);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
