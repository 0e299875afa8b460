package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSegment;
import dev.memscope.emulator.backend.KvmSregs;
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
public final class Cpu extends CpuState {
    // ---- machinery -----------------------------------------------------------------------------------------
    PhysicalMemory memory;
    Translator translator;
    final VmExit exit = new VmExit();
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
    /**
     * Interpretations of an instruction after which a trace starting there is translated to JVM bytecode
     * ({@link BlockCompiler}); 0 interprets everything. Default: the system property {@code memscope.blocks}, else
     * {@link #DEFAULT_BLOCK_THRESHOLD}.
     */
    int blockThreshold = DEFAULT_BLOCK_THRESHOLD;
    public static final int DEFAULT_BLOCK_THRESHOLD = Math.max(0, Integer.getInteger("memscope.blocks", 500));
    /** Blocks translated since they were last dropped; at {@link #MAX_BLOCKS} they are dropped whole. */
    private int blockCount;
    private long blocksTranslated;
    static final int MAX_BLOCKS = 4096;
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
        // Access hooks watch every access with its instruction count, which a block updates only when it leaves.
        final boolean blocks = blockThreshold > 0 && !accessHooks;
        // The instruction before, while nothing that can change mappings ran since (see Insn.next).
        // A flush of the TLB or the code cache during a run ends this loop after the instruction (breakChain), and
        // run() enters it again with no chain.
        Insn prev = null;
        long prevPc = 0;
        while (icount < runLimit) {
            long pc = rip;
            Insn in;
            curRip = pc; // a fault while fetching restarts here
            if (prev == null || (in = prev.next) == null || pc != prev.nextPc) {
                CodePage cp = m.curCode;
                if (((pc ^ m.curCodeLa) >>> 12) != 0 || (in = cp.insns[(int) pc & 0xFFF]) == null) {
                    in = m.fetchSlow(pc);
                }
                if (prev != null && ((pc ^ prevPc) >>> 12) == 0 && m.curCode.insns[(int) pc & 0xFFF] == in) {
                    prev.next = in; // the last successor, in the same decoded page
                    prev.nextPc = pc;
                }
            }
            if (blocks) {
                CompiledBlock b = in.block;
                if (b == null && ++in.heat == blockThreshold) {
                    b = translate(in, pc);
                }
                if (b != null && icount + b.maxLen <= runLimit) {
                    b.run(this, pc);
                    prev = null;
                    continue;
                }
            }
            rip = pc + in.len;
            prev = in;
            prevPc = pc;
            switch (in.xop) {
                case Fast.MOV64_RR_EG -> r[in.rm] = r[in.reg];
                case Fast.MOV32_RR_EG -> r[in.rm] = r[in.reg] & 0xFFFFFFFFL;
                case Fast.MOV64_RR_GE -> r[in.reg] = r[in.rm];
                case Fast.MOV32_RR_GE -> r[in.reg] = r[in.rm] & 0xFFFFFFFFL;
                case Fast.LOAD64 -> r[in.reg] = read64(Fast.ea(this, in));
                case Fast.LOAD32 -> r[in.reg] = read32(Fast.ea(this, in));
                case Fast.STORE64 -> write64(Fast.ea(this, in), r[in.reg]);
                case Fast.STORE8_I -> write8(Fast.ea(this, in), in.imm);
                case Fast.MOV_RI -> r[in.rm] = in.imm;
                case Fast.LEA64 -> r[in.reg] = Fast.ea(this, in);
                case Fast.ADD_RR64 -> FastAlu.addrr64(this, in);
                case Fast.OR_RR64 -> FastAlu.orrr64(this, in);
                case Fast.AND_RR64 -> FastAlu.andrr64(this, in);
                case Fast.SUB_RR64 -> FastAlu.subrr64(this, in);
                case Fast.XOR_RR64 -> FastAlu.xorrr64(this, in);
                case Fast.CMP_RR64 -> FastAlu.cmprr64(this, in);
                case Fast.ADD_RI64 -> FastAlu.addri64(this, in);
                case Fast.OR_RI64 -> FastAlu.orri64(this, in);
                case Fast.AND_RI64 -> FastAlu.andri64(this, in);
                case Fast.SUB_RI64 -> FastAlu.subri64(this, in);
                case Fast.XOR_RI64 -> FastAlu.xorri64(this, in);
                case Fast.CMP_RI64 -> FastAlu.cmpri64(this, in);
                case Fast.ADD_RR32 -> FastAlu.addrr32(this, in);
                case Fast.OR_RR32 -> FastAlu.orrr32(this, in);
                case Fast.AND_RR32 -> FastAlu.andrr32(this, in);
                case Fast.SUB_RR32 -> FastAlu.subrr32(this, in);
                case Fast.XOR_RR32 -> FastAlu.xorrr32(this, in);
                case Fast.CMP_RR32 -> FastAlu.cmprr32(this, in);
                case Fast.ADD_RI32 -> FastAlu.addri32(this, in);
                case Fast.OR_RI32 -> FastAlu.orri32(this, in);
                case Fast.AND_RI32 -> FastAlu.andri32(this, in);
                case Fast.SUB_RI32 -> FastAlu.subri32(this, in);
                case Fast.XOR_RI32 -> FastAlu.xorri32(this, in);
                case Fast.CMP_RI32 -> FastAlu.cmpri32(this, in);
                case Fast.SHIFT64_RI -> Fast.shift(this, in, 8);
                case Fast.CMP8_MI -> {
                    long d = read8(Fast.ea(this, in));
                    flags(Flags.SUB, (d - in.imm) & 0xFF, d, in.imm, 1);
                }
                case Op.JCC -> {
                    if (Flags.cond(this, in.sub)) {
                        rip += in.imm;
                    }
                }
                case Op.CALL_REL -> {
                    long sp = r[RSP] - 8;
                    write64(sp, rip);
                    r[RSP] = sp;
                    rip += in.imm;
                }
                case Fast.RET_NEAR -> {
                    long sp = r[RSP];
                    rip = read64(sp);
                    r[RSP] = sp + 8;
                }
                default -> {
                    Exec.execute(this, in);
                    prev = null; // it may have changed mappings, privilege or the code itself
                }
            }
            icount++;
        }
    }

    /** Translates the trace starting at {@code in} (at {@code pc}, in the current code page); null if none. */
    private CompiledBlock translate(Insn in, long pc) {
        CodePage cp = mmu.curCode;
        int off = (int) pc & 0xFFF;
        if (cp == null || cp.insns[off] != in) {
            in.heat = 0;
            return null;
        }
        if (blockCount >= MAX_BLOCKS) {
            mmu.dropBlocks(); // the cap on translated code: drop it whole, translate again what is still hot
            blockCount = 0;
            in.heat = 0;
            return null;
        }
        CompiledBlock b = BlockCompiler.compile(mmu, cp, off);
        if (b == null) {
            in.heat = Integer.MIN_VALUE; // too short to be worth a class: not again
            return null;
        }
        in.block = b;
        blockCount++;
        blocksTranslated++;
        return b;
    }

    /**
     * Sets after how many interpretations an instruction starts a translated block ({@link BlockCompiler}); 0 turns
     * translation off (every instruction interpreted). Results, instruction counts and events are the same either
     * way; only the speed differs.
     */
    public void setBlockThreshold(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("block threshold must be 0 (off) or positive, not " + threshold);
        }
        blockThreshold = threshold;
    }

    public int blockThreshold() {
        return blockThreshold;
    }

    /** Traces translated to JVM bytecode since this CPU was made. */
    public long blocksTranslated() {
        return blocksTranslated;
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

    /**
     * Mappings or decoded code changed: the run loop must not follow its instruction chain any further. Ends the
     * loop after the current instruction; {@link #run} enters it again.
     */
    void breakChain() {
        if (runLimit > icount + 1) {
            runLimit = icount + 1;
        }
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

    /**
     * Reads an MSR as RDMSR at CPL 0 would (see {@link Msrs} for the list); empty when the MSR does not exist.
     */
    public java.util.OptionalLong readMsr(int msr) {
        long[] out = new long[1];
        return Msrs.read(this, msr, out) ? java.util.OptionalLong.of(out[0]) : java.util.OptionalLong.empty();
    }

    /** Writes an MSR as WRMSR at CPL 0 would; false when it does not exist or refuses the value (#GP). */
    public boolean writeMsr(int msr, long value) {
        return Msrs.write(this, msr, value);
    }

    /**
     * Up to {@code length} bytes of guest memory at linear address {@code la}, for a debugger: the guest page
     * tables are walked through {@link #memory()} without setting accessed or dirty bits and without touching the
     * TLB; the bytes stop at the first page that is not mapped or not RAM. Call between runs (machine thread).
     */
    public byte[] peekLinear(long la, int length) {
        GuestPageWalker look = new GuestPageWalker(memory, false);
        TlbFill fill = new TlbFill();
        VmExit scratch = new VmExit();
        byte[] out = new byte[length];
        int got = 0;
        while (got < length) {
            long a = la + got;
            scratch.clear();
            if (a << 16 >> 16 != a || look.translate(this, a, Access.READ, 0, fill, scratch) != Translator.OK
                    || fill.page == null) {
                break;
            }
            int off = (int) a & 0xFFF;
            int n = Math.min(4096 - off, length - got);
            System.arraycopy(fill.page, off, out, got, n);
            got += n;
        }
        return java.util.Arrays.copyOf(out, got);
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
