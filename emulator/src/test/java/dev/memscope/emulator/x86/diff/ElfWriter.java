package dev.memscope.emulator.x86.diff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes a minimal static ELF64 x86-64 executable: one RWX PT_LOAD at {@code gpa}, entry at its start. */
public final class ElfWriter {
    private ElfWriter() {
    }

    public static byte[] write(long gpa, byte[] data, long memBytes) {
        int header = 64 + 56;
        int fileOff = 0x1000;
        ByteBuffer b = ByteBuffer.allocate(fileOff + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2); // ET_EXEC
        b.putShort((short) 62); // EM_X86_64
        b.putInt(1);
        b.putLong(gpa); // e_entry
        b.putLong(64); // e_phoff
        b.putLong(0); // e_shoff
        b.putInt(0);
        b.putShort((short) 64);
        b.putShort((short) 56);
        b.putShort((short) 1);
        b.putShort((short) 64);
        b.putShort((short) 0);
        b.putShort((short) 0);
        b.putInt(1); // PT_LOAD
        b.putInt(7); // RWX
        b.putLong(fileOff);
        b.putLong(gpa);
        b.putLong(gpa);
        b.putLong(data.length);
        b.putLong(Math.max(memBytes, data.length));
        b.putLong(0x1000);
        if (b.position() != header) {
            throw new IllegalStateException("ELF header size");
        }
        b.position(fileOff);
        b.put(data);
        return b.array();
    }
}
