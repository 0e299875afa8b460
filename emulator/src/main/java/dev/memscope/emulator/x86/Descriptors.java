package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmSegment;

/** Segment descriptors read from the guest's GDT (Intel SDM Vol. 3, 3.4.5), for the few loads 64-bit mode does. */
final class Descriptors {
    private Descriptors() {
    }

    /** Reads the 8-byte descriptor of {@code selector} (GDT only; LDT selectors fault). */
    static long read(Cpu c, int selector, long errorCode) {
        int index = selector & ~7;
        if ((selector & 4) != 0 || index + 7 > c.gdtLimit) {
            throw c.fault(Events.GP, errorCode, true);
        }
        Mmu m = c.mmu;
        boolean saved = m.implicitSupervisor;
        m.implicitSupervisor = true;
        try {
            return c.read64(c.gdtBase + index);
        } finally {
            m.implicitSupervisor = saved;
        }
    }

    static KvmSegment decode(long d, int selector) {
        long base = ((d >>> 16) & 0xFFFFFF) | ((d >>> 32) & 0xFF000000L);
        int limit = (int) ((d & 0xFFFF) | ((d >>> 32) & 0xF0000));
        boolean g = (d & (1L << 55)) != 0;
        if (g) {
            limit = (limit << 12) | 0xFFF;
        }
        int type = (int) (d >>> 40) & 0xF;
        boolean s = (d & (1L << 44)) != 0;
        int dpl = (int) (d >>> 45) & 3;
        boolean p = (d & (1L << 47)) != 0;
        boolean avl = (d & (1L << 52)) != 0;
        boolean l = (d & (1L << 53)) != 0;
        boolean db = (d & (1L << 54)) != 0;
        return new KvmSegment(base, limit, selector, type, p, dpl, db, s, l, g, avl, false);
    }

    /** The 64-bit code segment an interrupt gate or IRETQ names: present, code, L=1; else #GP(selector). */
    static KvmSegment loadCode(Cpu c, int selector, int vectorForError) {
        if ((selector & ~3) == 0) {
            throw c.fault(Events.GP, 0, true);
        }
        long d = read(c, selector, selector & ~3);
        KvmSegment k = decode(d, selector);
        if (!k.s() || (k.type() & 8) == 0 || !k.l() || k.db()) {
            throw c.fault(Events.GP, selector & ~3, true);
        }
        if (!k.present()) {
            throw c.fault(Events.NP, selector & ~3, true);
        }
        return k;
    }

    /** A data segment for MOV to DS/ES/FS/GS/SS. */
    static KvmSegment loadData(Cpu c, int selector, int sreg) {
        if ((selector & ~3) == 0) {
            if (sreg == Cpu.SS && c.cpl == 3) {
                throw c.fault(Events.GP, 0, true);
            }
            return nullSegment(selector & 3);
        }
        KvmSegment k = decode(read(c, selector, selector & ~3), selector);
        boolean writableData = k.s() && (k.type() & 8) == 0 && (k.type() & 2) != 0;
        boolean readable = k.s() && ((k.type() & 8) == 0 || (k.type() & 2) != 0);
        if (sreg == Cpu.SS ? !writableData : !readable) {
            throw c.fault(Events.GP, selector & ~3, true);
        }
        if (!k.present()) {
            throw c.fault(sreg == Cpu.SS ? Events.SS : Events.NP, selector & ~3, true);
        }
        return k;
    }

    static KvmSegment nullSegment(int rpl) {
        return new KvmSegment(0, 0, rpl, 0, false, rpl, false, false, false, false, false, true);
    }

    static KvmSegment withSelector(KvmSegment k, int selector) {
        return new KvmSegment(k.base(), k.limit(), selector, k.type(), k.present(), k.dpl(), k.db(), k.s(), k.l(),
                k.g(), k.avl(), k.unusable());
    }
}
