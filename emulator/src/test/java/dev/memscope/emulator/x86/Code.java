package dev.memscope.emulator.x86;

import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.x86.diff.ElfWriter;
import java.util.HexFormat;

/** Test helper: hand-assembled machine code at 0x100000 in a guest-ABI machine over {@link PlainRam}. */
final class Code {
    static final long ENTRY = 0x100000;

    private Code() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A runner whose guest starts executing {@code hex} at {@link #ENTRY} (4 MiB of RAM, 2 MiB boot pages). */
    static PlainRunner machine(String hex) {
        byte[] code = hex(hex);
        try {
            return new PlainRunner(ElfWriter.write(ENTRY, code, 0x10000),
                    MemoryMap.defaults().withRamBytes(4L << 20), BootLayout.PageSize.SIZE_2M);
        } catch (dev.memscope.emulator.vmm.ElfFormatException e) {
            throw new AssertionError(e);
        }
    }
}
