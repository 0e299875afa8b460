package dev.memscope.emulator.x86;

/**
 * Decoded instructions of one 4 KiB guest-physical page, indexed by the offset of their first byte. Which 64-byte
 * chunks hold decoded bytes is marked (as Bochs does), so a store to data sharing the page only drops the
 * instructions it overlaps.
 */
final class CodePage {
    final long gpa;
    final byte[] page;
    final Insn[] insns = new Insn[4096];
    /** Bit n: some decoded instruction has a byte in chunk n (bytes 64n..64n+63). */
    long chunks;

    CodePage(long gpa, byte[] page) {
        this.gpa = gpa;
        this.page = page;
    }

    void add(int offset, Insn in) {
        insns[offset] = in;
        int last = Math.min(offset + in.len - 1, 4095);
        for (int c = offset >>> 6; c <= last >>> 6; c++) {
            chunks |= 1L << c;
        }
    }

    void dropBlocks() {
        for (Insn in : insns) {
            if (in != null) {
                in.block = null;
                in.heat = 0;
            }
        }
    }

    /** Whether a write of bytes [from, to) touches decoded code. */
    boolean overlaps(int from, int to) {
        for (int c = from >>> 6; c <= (to - 1) >>> 6; c++) {
            if ((chunks & (1L << c)) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops every instruction that has a byte in [from, to), and every fall-through chain and translated block of the
     * page (a block may hold instructions anywhere in it).
     */
    void invalidate(int from, int to) {
        for (int o = Math.max(0, from - 14); o < to; o++) {
            Insn in = insns[o];
            if (in != null && o + in.len > from) {
                insns[o] = null;
                in.next = null;
            }
        }
        for (Insn in : insns) {
            if (in != null) {
                in.next = null;
                in.block = null;
                in.heat = 0;
            }
        }
    }
}
