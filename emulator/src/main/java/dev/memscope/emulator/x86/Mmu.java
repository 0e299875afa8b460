package dev.memscope.emulator.x86;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU's side of memory: software TLBs (one per access kind, direct-mapped, tag = linear page number, entry =
 * the page's byte array), the decoded-instruction cache keyed by guest-physical page, and the slow paths that
 * translate on a miss, complete MMIO, split page-crossing accesses and drop decoded code that is written to.
 * Pages holding decoded code never get a write TLB entry, so every store to them comes here.
 */
final class Mmu {
    static final int TLB_SIZE = 2048;
    static final int TLB_MASK = TLB_SIZE - 1;
    private static final long[] NO_TAGS = newTags();

    private final Cpu c;
    long[] rTag = newTags();
    byte[][] rPage = new byte[TLB_SIZE][];
    long[] wTag = newTags();
    byte[][] wPage = new byte[TLB_SIZE][];
    final long[] wGpa = new long[TLB_SIZE];
    long[] xTag = newTags();
    final CodePage[] xCode = new CodePage[TLB_SIZE];
    /** The code page RIP is in, and its linear page (-1: none). */
    CodePage curCode;
    long curCodeLa = -1;
    private boolean haveLargePages;

    private final Map<Long, CodePage> code = new HashMap<>();
    private final Decoder decoder = new Decoder();
    private final byte[] fetchBuf = new byte[16];
    private final TlbFill fill = new TlbFill();
    /** Accesses made by the CPU itself at privilege 0 (IDT, GDT, TSS, exception stack) regardless of CPL. */
    boolean implicitSupervisor;
    /** KVM-emulator mode: no TLB use or fill. */
    private boolean emulating;
    private boolean flushAfterEmulation;
    private long[] savedR, savedW, savedX;
    private long savedCodeLa;
    private CodePage savedCode;
    private PhysicalMemory walkerView;
    private GuestPageWalker walker;

    private boolean mmioPending;
    private long mmioPendingGpa;
    private int mmioPendingSize;
    private long mmioPendingValue;

    Mmu(Cpu c) {
        this.c = c;
    }

    private static long[] newTags() {
        long[] t = new long[TLB_SIZE];
        Arrays.fill(t, -1L);
        return t;
    }

    // ---- flushing ------------------------------------------------------------------------------------------

    void flushAll() {
        c.breakChain();
        if (emulating) {
            flushAfterEmulation = true; // the hardware TLB is not in use now; flush it when emulation ends
            return;
        }
        Arrays.fill(rTag, -1L);
        Arrays.fill(wTag, -1L);
        Arrays.fill(xTag, -1L);
        curCodeLa = -1;
        haveLargePages = false;
    }

    void flushPage(long la) {
        c.breakChain();
        if (haveLargePages || emulating) {
            flushAll(); // entries of a 2 MiB or 1 GiB page are held per 4 KiB page: drop them all
            return;
        }
        long tag = la >>> 12;
        int i = (int) tag & TLB_MASK;
        if (rTag[i] == tag) {
            rTag[i] = -1;
        }
        if (wTag[i] == tag) {
            wTag[i] = -1;
        }
        if (xTag[i] == tag) {
            xTag[i] = -1;
        }
        if (curCodeLa == (la & ~0xFFFL)) {
            curCodeLa = -1;
        }
    }

    void flushCode() {
        c.breakChain();
        code.clear();
        Arrays.fill(xCode, null);
        Arrays.fill(xTag, -1L);
        curCodeLa = -1;
        curCode = null;
    }

    /** Drops every translated block (the decoded instructions stay); they are translated again when hot. */
    void dropBlocks() {
        for (CodePage cp : code.values()) {
            cp.dropBlocks();
        }
    }

    void invalidateCode(long gpa, int length) {
        for (long p = gpa & ~0xFFFL; p < gpa + length; p += 4096) {
            CodePage cp = code.get(p);
            if (cp != null) {
                int from = (int) Math.max(0, gpa - p);
                int to = (int) Math.min(4096, gpa + length - p);
                cp.invalidate(from, to);
            }
        }
    }

    // ---- translation ---------------------------------------------------------------------------------------

    /** Translates {@code la} into {@link #fill}, raising #PF/#GP or an exit when it cannot. */
    private void translate(long la, int access) {
        if (la << 16 >> 16 != la) {
            throw c.gp0(); // non-canonical (#SS for stack references; #GP here)
        }
        VmExit e = c.exit;
        int r = c.translator.translate(c, la, access, implicitSupervisor ? 0 : c.cpl, fill, e);
        if (r == Translator.OK) {
            if (fill.level > 1) {
                haveLargePages = true;
            }
            return;
        }
        if (r == Translator.GUEST_FAULT) {
            long err = e.errorCode;
            c.cr2 = e.gla;
            e.errorCode = 0;
            e.gla = -1;
            e.vector = 0;
            throw c.fault(Events.PF, err, true);
        }
        if (e.rip == 0) {
            e.rip = c.curRip;
        }
        throw c.exitNow();
    }

    private boolean mayFill() {
        return !emulating && !implicitSupervisor && !c.accessHooks;
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    long readSlow(long la, int size) {
        int off = (int) la & 0xFFF;
        if (off + size > 4096) {
            int n1 = 4096 - off;
            long lo = readPart(la, n1);
            long hi = readPart(la + n1, size - n1);
            return lo | hi << (8 * n1);
        }
        return readPart(la, size);
    }

    private long readPart(long la, int size) {
        translate(la, Access.READ);
        int off = (int) la & 0xFFF;
        long gpa = fill.gpa | off;
        long v;
        byte[] page = fill.page;
        if (page == null) {
            v = mmioRead(gpa, size);
        } else {
            if (mayFill() && !fill.observe) {
                int i = (int) (la >>> 12) & TLB_MASK;
                rTag[i] = la >>> 12;
                rPage[i] = page;
            }
            v = 0;
            for (int k = size - 1; k >= 0; k--) {
                v = v << 8 | (page[off + k] & 0xFF);
            }
        }
        if (c.accessHooks) {
            c.hooks.memoryAccess(c, la, gpa, size, Access.READ, v);
        }
        return v;
    }

    private long mmioRead(long gpa, int size) {
        if (mmioPending && mmioPendingGpa == gpa && mmioPendingSize == size) {
            mmioPending = false;
            return mmioPendingValue;
        }
        VmExit e = c.exit;
        long v = c.memory.mmioRead(gpa, size, e);
        if (e.reason != VmExit.NONE) {
            e.gpa = gpa;
            e.size = size;
            e.isWrite = false;
            e.rip = c.curRip;
            throw c.exitNow();
        }
        return v;
    }

    void completeMmioRead(long value) {
        VmExit e = c.exit;
        mmioPending = true;
        mmioPendingGpa = e.gpa;
        mmioPendingSize = e.size;
        mmioPendingValue = value;
    }

    // ---- writes --------------------------------------------------------------------------------------------

    void writeSlow(long la, int size, long v) {
        int off = (int) la & 0xFFF;
        if (off + size > 4096) {
            int n1 = 4096 - off;
            probeWriteSlow(la + n1, size - n1); // both halves must be writable before either is written
            writePart(la, n1, v);
            writePart(la + n1, size - n1, v >>> (8 * n1));
            return;
        }
        writePart(la, size, v);
    }

    void probeWriteSlow(long la, int size) {
        int off = (int) la & 0xFFF;
        translate(la, Access.WRITE);
        if (fill.page != null) {
            installWrite(la);
        }
        if (off + size > 4096) {
            translate(la + (4096 - off), Access.WRITE);
            if (fill.page != null) {
                installWrite(la + (4096 - off));
            }
        }
    }

    private void installWrite(long la) {
        if (mayFill() && fill.writable && !fill.observe && !code.containsKey(fill.gpa)) {
            int i = (int) (la >>> 12) & TLB_MASK;
            wTag[i] = la >>> 12;
            wPage[i] = fill.page;
            wGpa[i] = fill.gpa;
        }
    }

    private void writePart(long la, int size, long v) {
        translate(la, Access.WRITE);
        int off = (int) la & 0xFFF;
        long gpa = fill.gpa | off;
        byte[] page = fill.page;
        if (c.accessHooks) {
            c.hooks.memoryAccess(c, la, gpa, size, Access.WRITE, v & Flags.mask(size));
        }
        if (page == null) {
            VmExit e = c.exit;
            c.memory.mmioWrite(gpa, size, v & Flags.mask(size), e);
            if (e.reason != VmExit.NONE) {
                e.gpa = gpa;
                e.size = size;
                e.isWrite = true;
                e.value = v & Flags.mask(size);
                e.rip = c.curRip;
                c.exitAfterInstruction();
            }
            return;
        }
        CodePage cp = code.get(fill.gpa);
        if (cp != null && cp.page == page && cp.overlaps(off, off + size)) {
            cp.invalidate(off, off + size);
            c.memory.codePageWritten(gpa);
            c.breakChain(); // a translated block running now may hold the instructions just dropped
        }
        for (int k = 0; k < size; k++) {
            page[off + k] = (byte) (v >>> (8 * k));
        }
        if (cp == null) {
            installWrite(la);
        }
    }

    // ---- instruction fetch ---------------------------------------------------------------------------------

    Insn fetchSlow(long la) {
        int i = (int) (la >>> 12) & TLB_MASK;
        CodePage cp;
        if (xTag[i] == la >>> 12) {
            cp = xCode[i];
        } else {
            cp = codePageFor(la);
            if (mayFill()) {
                xTag[i] = la >>> 12;
                xCode[i] = cp;
            }
        }
        int off = (int) la & 0xFFF;
        Insn in = cp.insns[off];
        if (in == null) {
            in = new Insn();
            if (decode(la, cp.page, off, in)) {
                cp.add(off, in);
            }
        }
        curCode = cp;
        curCodeLa = mayFill() ? la & ~0xFFFL : -1;
        return in;
    }

    private CodePage codePageFor(long la) {
        translate(la, Access.FETCH);
        if (fill.page == null) {
            c.internalError(String.format("instruction fetch at RIP 0x%x from gpa 0x%x, which is not RAM", la,
                    fill.gpa));
            throw c.exitNow();
        }
        CodePage cp = code.get(fill.gpa);
        if (cp == null || cp.page != fill.page) {
            cp = new CodePage(fill.gpa, fill.page);
            code.put(fill.gpa, cp);
            // The page now holds code: no write may bypass the slow path any more.
            for (int k = 0; k < TLB_SIZE; k++) {
                if (wTag[k] != -1 && wGpa[k] == fill.gpa) {
                    wTag[k] = -1;
                }
            }
        }
        return cp;
    }

    /** Decodes at {@code la}; returns whether the instruction lies within this page (cacheable). */
    private boolean decode(long la, byte[] page, int off, Insn in) {
        int avail = Math.min(15, 4096 - off);
        System.arraycopy(page, off, fetchBuf, 0, avail);
        int st = decoder.decode(fetchBuf, avail, in);
        if (st == Decoder.OK) {
            return true;
        }
        if (st == Decoder.NEED_MORE) {
            long next = la + avail;
            translate(next, Access.FETCH);
            if (fill.page == null) {
                c.internalError(String.format("instruction fetch at 0x%x from gpa 0x%x, which is not RAM", next,
                        fill.gpa));
                throw c.exitNow();
            }
            System.arraycopy(fill.page, 0, fetchBuf, avail, 15 - avail);
            st = decoder.decode(fetchBuf, 15, in);
            if (st == Decoder.OK) {
                return false;
            }
        }
        throw c.gp0(); // longer than 15 bytes
    }

    /**
     * Decodes the instruction at {@code off} of a code page ahead of its execution (for a trace), into the page's
     * cache as a fetch would; null when it does not lie wholly inside the page or is longer than 15 bytes.
     */
    Insn decodeAhead(CodePage cp, int off) {
        int avail = Math.min(15, 4096 - off);
        System.arraycopy(cp.page, off, fetchBuf, 0, avail);
        Insn in = new Insn();
        if (decoder.decode(fetchBuf, avail, in) != Decoder.OK) {
            return null;
        }
        cp.add(off, in);
        return in;
    }

    /** Fetches and decodes without the cache or the TLB (KVM's emulator). */
    Insn decodeUncached(long la) {
        translate(la, Access.FETCH);
        if (fill.page == null) {
            c.internalError(String.format("instruction fetch at 0x%x from gpa 0x%x, which is not RAM", la,
                    fill.gpa));
            throw c.exitNow();
        }
        Insn in = new Insn();
        decode(la, fill.page, (int) la & 0xFFF, in);
        return in;
    }

    /** Up to 15 bytes at {@code la} for messages, without faulting (empty where they cannot be read). */
    byte[] peekBytes(long la, int n) {
        byte[] out = new byte[n];
        int got = 0;
        boolean saved = implicitSupervisor;
        implicitSupervisor = true;
        try {
            for (; got < n; got++) {
                translate(la + got, Access.FETCH);
                if (fill.page == null) {
                    break;
                }
                out[got] = fill.page[(int) (la + got) & 0xFFF];
            }
        } catch (CpuAbort e) {
            c.events.clearRaised();
            c.exit.clear();
        } finally {
            implicitSupervisor = saved;
        }
        return Arrays.copyOf(out, got);
    }

    // ---- KVM-emulator mode -----------------------------------------------------------------------------------

    Translator emulatorWalker(PhysicalMemory view) {
        if (walkerView != view) {
            walker = new GuestPageWalker(view);
            walkerView = view;
        }
        return walker;
    }

    void enterEmulation() {
        savedR = rTag;
        savedW = wTag;
        savedX = xTag;
        savedCodeLa = curCodeLa;
        savedCode = curCode;
        rTag = NO_TAGS;
        wTag = NO_TAGS;
        xTag = NO_TAGS;
        curCodeLa = -1;
        emulating = true;
    }

    void leaveEmulation() {
        emulating = false;
        rTag = savedR;
        wTag = savedW;
        xTag = savedX;
        curCodeLa = savedCodeLa;
        curCode = savedCode;
        if (flushAfterEmulation) {
            flushAfterEmulation = false;
            flushAll();
        }
    }
}
