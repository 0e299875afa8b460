package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSegment;
import dev.memscope.emulator.backend.KvmSregs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The x86-64 CPU: 64-bit mode as entered per the guest ABI, the integer instruction set, 4-level paging with a
 * software TLB, exceptions through the guest IDT. One writer: only the machine thread calls it.
 *
 * <p><b>Exit and restart contract</b> ({@link #run}, {@link #emulateOne}):
 * <ul>
 * <li>An exit raised by a memory access (EPT violation or misconfiguration, #PF intercept, an MMIO read that needs
 * userspace) leaves the instruction without architectural effect: RIP still points at it and it runs again on the
 * next {@code run}. For an MMIO read, give the value with {@link #completeMmioRead} first.</li>
 * <li>An MMIO write that needs an exit completes the instruction (RIP past it); the exit carries gpa, size, value.</li>
 * <li>OUT completes before the exit (RIP past it), as KVM does before exiting to userspace: the exit carries
 * port, size, value.</li>
 * <li>IN exits before completing (RIP at the IN, {@code nextRip} past it): {@link #completeIn} writes the value to
 * AL/AX/EAX and moves RIP past it; without it, the next run executes the IN again.</li>
 * <li>HLT exits with RIP past the HLT.</li>
 * </ul>
 * No Java exception escapes {@code run}: a bug inside the emulator ends the run with {@link VmExit#INTERNAL_ERROR}.
 */
public final class Cpu {
    static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;
    static final int RSP = 4;

    // ---- architectural state -------------------------------------------------------------------------------
    final long[] regs = new long[16];
    long rip;
    /** RFLAGS bits that are not arithmetic flags (bit 1, TF, IF, DF, IOPL, NT, RF, AC, ID). */
    long rflagsRest = 2;
    // Lazy arithmetic flags (see Flags).
    int fOp = Flags.EAGER;
    long fRes, fDst, fSrc, fCarry;
    int fSize = 8;

    long cr0, cr2, cr3, cr4, cr8, efer;
    long gdtBase, idtBase;
    int gdtLimit, idtLimit;
    final KvmSegment[] seg = new KvmSegment[6];
    final long[] segBase = new long[6];
    KvmSegment tr, ldt;
    int cpl;
    final Msrs msrs = new Msrs();
    /** Debug registers: stored and read back, no breakpoints (the debugger uses hooks instead). */
    final long[] dr = new long[8];

    // ---- machinery -----------------------------------------------------------------------------------------
    PhysicalMemory memory;
    Translator translator;
    final VmExit exit = new VmExit();
    final Mmu mmu;
    final Events events = new Events(this);
    long icount;
    /** The run loop stops when icount reaches this; an exit that completes its instruction sets it to 0. */
    long runLimit;
    /** RIP of the instruction executing now (rip already points past it). */
    long curRip;
    CpuHooks hooks = CpuHooks.NONE;
    boolean insnHooks;
    boolean accessHooks;
    private boolean skipHookAt;
    private long skipHookRip;
    /** The IN instruction waiting for {@link #completeIn}: its size and RIP after it. */
    private int pendingInSize;
    private long pendingInNextRip;

    public Cpu(PhysicalMemory memory) {
        this.memory = memory;
        this.mmu = new Mmu(this);
        this.translator = new GuestPageWalker(memory);
        KvmSegment data = KvmSegment.flatData(0);
        Arrays.fill(seg, data);
        seg[CS] = KvmSegment.flatCode64(0);
        tr = KvmSegment.tss64(0, 0);
        ldt = new KvmSegment(0, 0, 0, 2, false, 0, false, false, false, false, false, true);
        cr0 = 0x60000010L;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public Translator translator() {
        return translator;
    }

    /** Replaces how the hardware translates on a TLB miss (the KVM model's shadow MMU); flushes the TLB. */
    public void setTranslator(Translator translator) {
        this.translator = translator;
        flushTlb();
    }

    public VmExit exit() {
        return exit;
    }

    public long instructionCount() {
        return icount;
    }

    // ---- running -------------------------------------------------------------------------------------------

    /**
     * Runs at most {@code maxInstructions} instructions. Returns the {@link VmExit} reason ({@link VmExit#BUDGET}
     * when the budget ran out); {@link #exit()} holds the details.
     */
    public int run(long maxInstructions) {
        exit.clear();
        runLimit = maxInstructions <= 0 ? icount : icount + maxInstructions;
        long limit = runLimit;
        try {
            if (!events.deliverPending()) {
                return exit.reason;
            }
            if (!seg[CS].l() || (efer & GuestAbiBits.EFER_LMA) == 0) {
                return internalError("the CPU is not in 64-bit mode (CS.L=" + seg[CS].l() + ", EFER=0x"
                        + Long.toHexString(efer) + "); Memscope's emulator runs 64-bit long mode only");
            }
            for (;;) {
                try {
                    if (insnHooks) {
                        hookedLoop();
                    } else {
                        loop();
                    }
                    if (exit.reason == VmExit.NONE) {
                        runLimit = limit;
                        if (icount < limit) {
                            continue; // the hooks changed mid-run: go on in the other loop
                        }
                        exit.reason = VmExit.BUDGET;
                    }
                    return exit.reason;
                } catch (CpuAbort abort) {
                    rip = curRip;
                    if (exit.reason != VmExit.NONE) {
                        return exit.reason;
                    }
                    if (!events.deliverRaised()) {
                        return exit.reason;
                    }
                    runLimit = limit;
                    if (icount >= limit) {
                        exit.reason = VmExit.BUDGET;
                        return exit.reason;
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return internalError("emulator failure at RIP 0x" + Long.toHexString(curRip) + ": " + e);
        }
    }

    /**
     * The hot loop. The most frequent specialised forms ({@link Fast}) are executed right here so that the JIT
     * compiles them together with the fetch; everything else goes through {@link Exec#execute}.
     */
    private void loop() {
        final long[] r = regs;
        final Mmu m = mmu;
        while (icount < runLimit) {
            long pc = rip;
            Insn in;
            CodePage cp = m.curCode;
            curRip = pc; // a fault while fetching restarts here
            if (((pc ^ m.curCodeLa) >>> 12) != 0 || (in = cp.insns[(int) pc & 0xFFF]) == null) {
                in = m.fetchSlow(pc);
            }
            rip = pc + in.len;
            switch (in.xop) {
                case Fast.MOV64_RR_EG -> r[in.rm] = r[in.reg];
                case Fast.MOV64_RR_GE -> r[in.reg] = r[in.rm];
                case Fast.MOV32_RR_GE -> r[in.reg] = r[in.rm] & 0xFFFFFFFFL;
                case Fast.LOAD64 -> r[in.reg] = read64(Fast.ea(this, in));
                case Fast.STORE64 -> write64(Fast.ea(this, in), r[in.reg]);
                case Fast.MOV_RI -> r[in.rm] = in.imm;
                case Fast.LEA64 -> r[in.reg] = Fast.ea(this, in);
                case Fast.ALU64_RR -> Fast.alu64(this, in.sub, in.rm, r[in.reg]);
                case Fast.ALU32_RI -> Fast.alu32(this, in.sub, in.rm, in.imm);
                case Fast.ALU64_RI -> Fast.alu64(this, in.sub, in.rm, in.imm);
                case Fast.SHIFT64_RI -> Fast.shift(this, in, 8);
                case Op.JCC -> {
                    if (Flags.cond(this, in.sub)) {
                        rip += in.imm;
                    }
                }
                default -> Exec.execute(this, in);
            }
            icount++;
        }
    }

    private void hookedLoop() {
        while (icount < runLimit && insnHooks) {
            long r = rip;
            if (skipHookAt && r == skipHookRip) {
                skipHookAt = false;
            } else if (hooks.beforeInstruction(this, r)) {
                exit.reason = VmExit.DEBUG_STOP;
                exit.rip = r;
                skipHookAt = true;
                skipHookRip = r;
                return;
            }
            skipHookAt = false;
            Insn in;
            CodePage cp = mmu.curCode;
            curRip = r; // a fault while fetching restarts here
            if (((r ^ mmu.curCodeLa) >>> 12) != 0 || (in = cp.insns[(int) r & 0xFFF]) == null) {
                in = mmu.fetchSlow(r);
            }
            rip = r + in.len;
            Exec.execute(this, in);
            icount++;
        }
    }

    /**
     * Executes exactly one instruction the way KVM's instruction emulator does after a fault returned EMULATE:
     * linear addresses are translated by a software walk of the guest page tables whose reads go through
     * {@code view}, data accesses go through {@code view} (MMIO through its mmioRead/mmioWrite), and the hardware
     * TLB is neither used nor filled; the instruction is decoded afresh. Returns {@link VmExit#NONE} when the
     * instruction completed (or raised a guest exception, which is then pending and delivered at the next
     * {@link #run}), else the exit reason, under the same restart contract as {@link #run}.
     */
    public int emulateOne(PhysicalMemory view) {
        exit.clear();
        PhysicalMemory savedMemory = memory;
        Translator savedTranslator = translator;
        memory = view;
        translator = mmu.emulatorWalker(view);
        mmu.enterEmulation();
        try {
            curRip = rip;
            Insn in = mmu.decodeUncached(rip);
            rip = curRip + in.len;
            runLimit = icount + 1;
            Exec.execute(this, in);
            icount++;
            return exit.reason;
        } catch (CpuAbort abort) {
            rip = curRip;
            if (exit.reason == VmExit.NONE) {
                events.queueRaisedForInjection();
            }
            return exit.reason;
        } catch (RuntimeException | StackOverflowError e) {
            return internalError("emulator failure at RIP 0x" + Long.toHexString(curRip) + ": " + e);
        } finally {
            mmu.leaveEmulation();
            memory = savedMemory;
            translator = savedTranslator;
        }
    }

    int internalError(String message) {
        exit.reason = VmExit.INTERNAL_ERROR;
        exit.rip = curRip;
        exit.message = message;
        return exit.reason;
    }

    /** Ends the run after the current instruction completes (OUT, HLT, an MMIO write exit). */
    void exitAfterInstruction() {
        runLimit = 0;
    }

    /** Abandons the current instruction for the exit already filled in. */
    RuntimeException exitNow() {
        return CpuAbort.INSTANCE;
    }

    /** Raises exception {@code vector} in the guest: abandons the instruction. */
    RuntimeException fault(int vector, long errorCode, boolean hasErrorCode) {
        events.raise(vector, errorCode, hasErrorCode, false);
        return CpuAbort.INSTANCE;
    }

    RuntimeException gp0() {
        return fault(Events.GP, 0, true);
    }

    RuntimeException ud() {
        return fault(Events.UD, 0, false);
    }

    /** IN exits with the port, size; call this with the value read. RIP moves past the IN. */
    public void completeIn(long value) {
        if (pendingInSize == 0) {
            throw new IllegalStateException("no IN instruction is waiting for a value");
        }
        setReg(0, pendingInSize, value);
        rip = pendingInNextRip;
        pendingInSize = 0;
    }

    void waitForIn(int size, long nextRip) {
        pendingInSize = size;
        pendingInNextRip = nextRip;
    }

    /** The data of an MMIO read that exited: the next execution of the instruction reads it instead. */
    public void completeMmioRead(long value) {
        mmu.completeMmioRead(value);
    }

    /** Queues an exception to be delivered through the guest IDT at the next entry (KVM's event injection). */
    public void injectException(int vector, long errorCode, boolean hasErrorCode, long cr2) {
        if (vector == Events.PF) {
            this.cr2 = cr2;
        }
        events.inject(vector, errorCode, hasErrorCode);
    }

    public boolean hasPendingException() {
        return events.hasPending();
    }

    public void flushTlb() {
        mmu.flushAll();
    }

    public void flushTlbPage(long la) {
        mmu.flushPage(la);
    }

    /** Drops every decoded instruction (memslot changes: a gpa may now be backed by different bytes). */
    public void flushCodeCache() {
        mmu.flushCode();
    }

    /** Someone other than this CPU wrote guest memory at {@code gpa} (a VMM or DMA): decoded code there is dropped. */
    public void guestMemoryWritten(long gpa, int length) {
        mmu.invalidateCode(gpa, length);
    }

    public void setHooks(CpuHooks hooks) {
        this.hooks = hooks == null ? CpuHooks.NONE : hooks;
        hooksChanged();
    }

    /** Re-reads which hooks are active (after a hook enabled or disabled its memory-access callbacks). */
    public void hooksChanged() {
        insnHooks = hooks != CpuHooks.NONE && hooks.wantsInstructions();
        boolean access = hooks != CpuHooks.NONE && hooks.wantsMemoryAccesses();
        if (access != accessHooks) {
            accessHooks = access;
            mmu.flushAll();
        }
        if (insnHooks) {
            runLimit = 0; // leave the unhooked loop; run() re-enters the hooked one
        }
    }

    // ---- registers -----------------------------------------------------------------------------------------

    long getReg(int r, int size) {
        switch (size) {
            case 8: return regs[r];
            case 4: return regs[r] & 0xFFFFFFFFL;
            case 2: return regs[r] & 0xFFFF;
            default: return r < Insn.AH ? regs[r] & 0xFF : (regs[r - Insn.AH] >>> 8) & 0xFF;
        }
    }

    void setReg(int r, int size, long v) {
        switch (size) {
            case 8 -> regs[r] = v;
            case 4 -> regs[r] = v & 0xFFFFFFFFL;
            case 2 -> regs[r] = (regs[r] & ~0xFFFFL) | (v & 0xFFFF);
            default -> {
                if (r < Insn.AH) {
                    regs[r] = (regs[r] & ~0xFFL) | (v & 0xFF);
                } else {
                    int q = r - Insn.AH;
                    regs[q] = (regs[q] & ~0xFF00L) | ((v & 0xFF) << 8);
                }
            }
        }
    }

    public long reg(int r) {
        return regs[r];
    }

    public void setReg(int r, long v) {
        regs[r] = v;
    }

    public long rip() {
        return rip;
    }

    public void setRip(long rip) {
        this.rip = rip;
    }

    public long rflags() {
        return rflagsRest | Flags.compute(this);
    }

    public void setRflags(long v) {
        rflagsRest = (v & ~Flags.ARITH) | 2;
        fOp = Flags.EAGER;
        fRes = v & Flags.ARITH;
    }

    /** Sets the lazy flags state. */
    void flags(int op, long res, long dst, long src, int size) {
        fOp = op;
        fRes = res;
        fDst = dst;
        fSrc = src;
        fSize = size;
    }

    public int cpl() {
        return cpl;
    }

    public long cr0() {
        return cr0;
    }

    public long cr2() {
        return cr2;
    }

    public long cr3() {
        return cr3;
    }

    public long cr4() {
        return cr4;
    }

    public long efer() {
        return efer;
    }

    public long segmentBase(int segment) {
        return segBase[segment];
    }

    // ---- memory operands -----------------------------------------------------------------------------------

    /** Effective linear address of the memory operand. */
    long ea(Insn in) {
        long a = in.disp;
        int b = in.base;
        if (b >= 0) {
            a += b == Insn.RIP ? rip : regs[b];
        }
        if (in.index >= 0) {
            a += regs[in.index] << in.scale;
        }
        if (in.a32) {
            a &= 0xFFFFFFFFL;
        }
        int s = in.seg;
        return s < 0 ? a : a + segBase[s];
    }

    long readE(Insn in) {
        int r = in.rm;
        return r >= 0 ? getReg(r, in.osize) : read(ea(in), in.osize);
    }

    void writeE(Insn in, long v) {
        int r = in.rm;
        if (r >= 0) {
            setReg(r, in.osize, v);
        } else {
            write(ea(in), in.osize, v);
        }
    }

    long read(long la, int size) {
        switch (size) {
            case 8: return read64(la);
            case 4: return read32(la);
            case 2: return read16(la);
            default: return read8(la);
        }
    }

    void write(long la, int size, long v) {
        switch (size) {
            case 8 -> write64(la, v);
            case 4 -> write32(la, v);
            case 2 -> write16(la, v);
            default -> write8(la, v);
        }
    }

    long read8(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        if (m.rTag[i] == la >>> 12) {
            return m.rPage[i][(int) la & 0xFFF] & 0xFF;
        }
        return m.readSlow(la, 1);
    }

    long read16(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.rTag[i] == la >>> 12 && off <= 4094) {
            return (short) LE16.get(m.rPage[i], off) & 0xFFFF;
        }
        return m.readSlow(la, 2);
    }

    long read32(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.rTag[i] == la >>> 12 && off <= 4092) {
            return (int) LE32.get(m.rPage[i], off) & 0xFFFFFFFFL;
        }
        return m.readSlow(la, 4);
    }

    long read64(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.rTag[i] == la >>> 12 && off <= 4088) {
            return (long) LE64.get(m.rPage[i], off);
        }
        return m.readSlow(la, 8);
    }

    void write8(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        if (m.wTag[i] == la >>> 12) {
            m.wPage[i][(int) la & 0xFFF] = (byte) v;
            return;
        }
        m.writeSlow(la, 1, v);
    }

    void write16(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4094) {
            LE16.set(m.wPage[i], off, (short) v);
            return;
        }
        m.writeSlow(la, 2, v);
    }

    void write32(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4092) {
            LE32.set(m.wPage[i], off, (int) v);
            return;
        }
        m.writeSlow(la, 4, v);
    }

    void write64(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4088) {
            LE64.set(m.wPage[i], off, v);
            return;
        }
        m.writeSlow(la, 8, v);
    }

    /** Checks that a write of {@code size} bytes at {@code la} can be done (translating, faulting if not). */
    void probeWrite(long la, int size) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        if (m.wTag[i] == la >>> 12 && ((int) la & 0xFFF) <= 4096 - size) {
            return;
        }
        m.probeWriteSlow(la, size);
    }

    /** Reads the E operand of a read-modify-write instruction: a memory operand is checked for writing first. */
    long readRmw(Insn in, long la) {
        int r = in.rm;
        if (r >= 0) {
            return getReg(r, in.osize);
        }
        probeWrite(la, in.osize);
        return read(la, in.osize);
    }

    void writeRmw(Insn in, long la, long v) {
        int r = in.rm;
        if (r >= 0) {
            setReg(r, in.osize, v);
        } else {
            write(la, in.osize, v);
        }
    }

    // ---- stack ---------------------------------------------------------------------------------------------

    void push64(long v) {
        long sp = regs[RSP] - 8;
        write64(sp, v);
        regs[RSP] = sp;
    }

    void push(int size, long v) {
        long sp = regs[RSP] - size;
        write(sp, size, v);
        regs[RSP] = sp;
    }

    /** Reads the top of the stack; the caller commits with {@link #popCommit}. */
    long peek(int size) {
        return read(regs[RSP], size);
    }

    long pop(int size) {
        long v = read(regs[RSP], size);
        regs[RSP] += size;
        return v;
    }

    // ---- state in and out ----------------------------------------------------------------------------------

    public KvmRegs getRegs() {
        return new KvmRegs(regs.clone(), rip, rflags());
    }

    public void setRegs(KvmRegs r) {
        System.arraycopy(r.gpr(), 0, regs, 0, 16);
        rip = r.rip();
        setRflags(r.rflags());
    }

    public KvmSregs getSregs() {
        return new KvmSregs(seg[CS], seg[DS], seg[ES], segWithBase(FS), segWithBase(GS), seg[SS], tr, ldt, gdtBase,
                gdtLimit, idtBase, idtLimit, cr0, cr2, cr3, cr4, cr8, efer, msrs.apicBase);
    }

    private KvmSegment segWithBase(int s) {
        KvmSegment k = seg[s];
        return new KvmSegment(segBase[s], k.limit(), k.selector(), k.type(), k.present(), k.dpl(), k.db(), k.s(),
                k.l(), k.g(), k.avl(), k.unusable());
    }

    public void setSregs(KvmSregs s) {
        loadSegment(CS, s.cs());
        loadSegment(DS, s.ds());
        loadSegment(ES, s.es());
        loadSegment(FS, s.fs());
        loadSegment(GS, s.gs());
        loadSegment(SS, s.ss());
        tr = s.tr();
        ldt = s.ldt();
        gdtBase = s.gdtBase();
        gdtLimit = s.gdtLimit();
        idtBase = s.idtBase();
        idtLimit = s.idtLimit();
        cr0 = s.cr0();
        cr2 = s.cr2();
        cr3 = s.cr3();
        cr4 = s.cr4();
        cr8 = s.cr8();
        efer = s.efer();
        msrs.apicBase = s.apicBase();
        cpl = s.cs().dpl();
        mmu.flushAll();
        translator.pagingModeChanged(this);
    }

    void loadSegment(int s, KvmSegment k) {
        seg[s] = k;
        // In 64-bit mode only FS and GS have a base; the others are flat whatever their descriptor says.
        segBase[s] = s == FS || s == GS ? k.base() : 0;
    }

    /** RFLAGS, with the arithmetic flags computed. */
    long materializeFlags() {
        long f = Flags.compute(this);
        fOp = Flags.EAGER;
        fRes = f;
        return f;
    }

    void setCpl(int newCpl) {
        if (newCpl != cpl) {
            cpl = newCpl;
            mmu.flushAll(); // TLB entries were filled for the old privilege level
        }
    }

    public CpuSnapshot snapshot() {
        return CpuSnapshot.of(this);
    }

    /** Control-register and EFER bits the CPU itself tests (Intel SDM Vol. 3, 2.5 and 2.2.1). */
    static final class GuestAbiBits {
        static final long EFER_LMA = 1L << 10;
        static final long EFER_NXE = 1L << 11;
        static final long CR0_WP = 1L << 16;
        static final long CR0_PG = 1L << 31;

        private GuestAbiBits() {
        }
    }
}
