package dev.memscope.emulator.backend;

import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.ElfImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The smallest guest image: an ELF64 ET_EXEC with one PT_LOAD holding {@code code}, entered at its first byte. */
public final class TinyElf {
    private static final int EHDR = 64;
    private static final int PHDR = 56;

    private TinyElf() {
    }

    public static ElfImage image(long gpa, byte[] code) {
        ByteBuffer b = ByteBuffer.allocate(EHDR + PHDR + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464C457F).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1); // ET_EXEC, EM_X86_64, EV_CURRENT
        b.putLong(24, gpa).putLong(32, EHDR); // e_entry, e_phoff
        b.putShort(52, (short) EHDR).putShort(54, (short) PHDR).putShort(56, (short) 1);
        b.putInt(EHDR, 1).putInt(EHDR + 4, 5); // PT_LOAD, R|X
        b.putLong(EHDR + 8, EHDR + PHDR).putLong(EHDR + 16, gpa).putLong(EHDR + 24, gpa);
        b.putLong(EHDR + 32, code.length).putLong(EHDR + 40, code.length).putLong(EHDR + 48, 0x1000);
        b.put(EHDR + PHDR, code);
        try {
            return ElfImage.parse(b.array());
        } catch (ElfFormatException e) {
            throw new IllegalStateException("TinyElf built an image ElfImage refuses: " + e.getMessage(), e);
        }
    }
}
