package dev.memscope.emulator.x86;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates a hot trace of decoded guest code into a JVM method (a hidden class extending {@link CompiledBlock}),
 * so that HotSpot compiles guest code itself: no dispatch, no operand loads from {@link Insn}, register numbers and
 * immediates as constants, one instruction-count update per exit instead of one per instruction.
 *
 * <p>A trace starts at a hot instruction and follows the code the way it most likely runs, inside one 4 KiB page:
 * straight on past conditional branches (a taken branch leaves the trace, or jumps back to its head when it targets
 * it, which makes a guest loop a JVM loop), into a called function and back (a return to anywhere but the call's
 * successor leaves the trace), through direct jumps. It ends at an instruction it does not handle (system
 * instructions, string instructions, I/O, RDTSC, indirect jumps; these stay in the run loop), at the page end (or an
 * instruction that crosses it), at one it already holds, or after {@link #MAX_INSNS}.
 *
 * <p>Exactness: each instruction does what {@link Exec#execute} does, through the same helpers; before each one
 * that touches memory the block sets {@code curRip} and {@code rip} as the run loop does, so faults, exits, events
 * and hooks see the same state; an exception leaves {@code icount} at the instructions completed before it; after
 * each such instruction the block leaves if the run limit moved ({@link Cpu#breakChain}: mappings or decoded code
 * changed, an exit completes the instruction), exactly where the run loop would have stopped following its chain.
 */
final class BlockCompiler {
    /** The longest trace; keeps a block's method well under HotSpot's 8,000-byte limit for compiling methods. */
    static final int MAX_INSNS = 64;
    private static final int MAX_CODE_BYTES = 7_500;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String CPU = "dev/memscope/emulator/x86/Cpu";
    private static final String BLOCK = "dev/memscope/emulator/x86/CompiledBlock";
    private static final String INSN = "dev/memscope/emulator/x86/Insn";
    private static final String FAST = "dev/memscope/emulator/x86/Fast";

    // What a trace step is.
    private static final int NONE = 0, INLINE = 1, GENERIC = 2, JCC = 3, JMP = 4, CALL = 5, RET = 6, NOP = 7;

    // Local variable slots of the generated run(Cpu c, long pc0).
    private static final int THIS = 0, C = 1, R = 4, IC = 5, LIM = 7, BASE = 9, T1 = 11, T2 = 13;

    /**
     * Blocks by the code they translate, shared by every CPU in this JVM: a new machine running the same guest (the
     * next session, a comparison, a benchmark round) finds its hot code translated and compiled by HotSpot already.
     * A block depends only on its instructions' bytes and their offsets in the page (decoding is a function of the
     * bytes; the instructions it hands to the general executor are never changed after decoding).
     */
    private static final Map<TraceKey, CompiledBlock> CACHE = new ConcurrentHashMap<>();
    static final int MAX_CACHED = 16_384;

    private BlockCompiler() {
    }

    /** What a block is made from: for each step its page offset, length and bytes. */
    private record TraceKey(byte[] code, int hash) {
        static TraceKey of(CodePage cp, Trace t) {
            int n = 0;
            for (Step s : t.steps) {
                n += 3 + s.in.len;
            }
            byte[] code = new byte[n];
            int p = 0;
            for (Step s : t.steps) {
                code[p++] = (byte) s.off;
                code[p++] = (byte) (s.off >>> 8);
                code[p++] = (byte) s.in.len;
                System.arraycopy(cp.page, s.off, code, p, s.in.len);
                p += s.in.len;
            }
            return new TraceKey(code, Arrays.hashCode(code));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TraceKey k && k.hash == hash && Arrays.equals(k.code, code);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One instruction of a trace. */
    private static final class Step {
        final Insn in;
        final int off;
        final int kind;
        /** JCC: the taken target; CALL, JMP: the target; as page offsets (may lie outside the page). */
        long target;
        /** RET: the predicted return offset, or -1 when the trace does not know where it returns. */
        long predicted = -1;

        Step(Insn in, int off, int kind) {
            this.in = in;
            this.off = off;
            this.kind = kind;
        }

        int next() {
            return off + in.len;
        }
    }

    /** A trace: its steps and where execution goes after the last one. */
    static final class Trace {
        final int head;
        final List<Step> steps = new ArrayList<>();
        /** Page offset where the trace continues after its last step (an exit, or the head for a loop). */
        long endOff;
        /** The last step leaves by itself (a return the trace could not predict). */
        boolean endsItself;

        Trace(int head) {
            this.head = head;
        }

        int size() {
            return steps.size();
        }
    }

    /**
     * Builds and translates the trace at page offset {@code head} of {@code cp}; null when the trace is too short to
     * be worth a class (fewer than two instructions).
     */
    static CompiledBlock compile(Mmu m, CodePage cp, int head) {
        int max = MAX_INSNS;
        for (;;) {
            Trace t = trace(m, cp, head, max);
            if (t.size() < 2) {
                return null;
            }
            TraceKey key = TraceKey.of(cp, t);
            CompiledBlock cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            byte[] bytes;
            try {
                bytes = emit(t);
                if (bytes != null) {
                    CompiledBlock b = define(bytes, t);
                    if (CACHE.size() >= MAX_CACHED) {
                        CACHE.clear(); // the cap on translated code kept for later machines: drop it whole
                    }
                    CACHE.put(key, b);
                    return b;
                }
            } catch (RuntimeException | LinkageError e) {
                // A bug here, not in the guest: say so, and how to run without translation meanwhile.
                throw new IllegalStateException(String.format("translating the guest code at page offset 0x%x of "
                        + "gpa 0x%x to JVM bytecode failed (%s); -Dmemscope.blocks=0 (MEMSCOPE_JAVA_OPTS) runs it "
                        + "interpreted", head, cp.gpa, e), e);
            }
            max = t.size() / 2; // the method came out too large: a shorter trace
        }
    }

    /** The trace from {@code head}, at most {@code max} instructions; decodes what was not decoded yet. */
    static Trace trace(Mmu m, CodePage cp, int head, int max) {
        Trace t = new Trace(head);
        BitSet seen = new BitSet(4096);
        Deque<Integer> returns = new ArrayDeque<>();
        long off = head;
        for (;;) {
            if (off == head && t.size() > 0) {
                break; // back to the head: a loop
            }
            if (t.size() >= max || off < 0 || off >= 4096 || seen.get((int) off)) {
                break;
            }
            Insn in = cp.insns[(int) off];
            if (in == null) {
                in = m.decodeAhead(cp, (int) off);
            }
            if (in == null || off + in.len > 4096) {
                break; // it crosses into the next page
            }
            int kind = kindOf(in);
            if (kind == NONE) {
                break;
            }
            seen.set((int) off);
            Step s = new Step(in, (int) off, kind);
            t.steps.add(s);
            off = s.next();
            switch (kind) {
                case JCC -> s.target = s.next() + in.imm;
                case JMP -> {
                    s.target = s.next() + in.imm;
                    off = s.target;
                }
                case CALL -> {
                    s.target = s.next() + in.imm;
                    returns.push(s.next());
                    off = s.target;
                }
                case RET -> {
                    if (returns.isEmpty()) {
                        t.endsItself = true;
                        return t;
                    }
                    s.predicted = returns.pop();
                    off = s.predicted;
                }
                default -> {
                }
            }
        }
        t.endOff = off;
        return t;
    }

    /** How a trace handles {@code in}; {@link #NONE} ends the trace before it. */
    static int kindOf(Insn in) {
        int x = in.xop;
        if (x >= Fast.ALU_KIND_BASE && x < Fast.ALU_KIND_BASE + 24) {
            return INLINE;
        }
        return switch (x) {
            case Fast.MOV64_RR_EG, Fast.MOV32_RR_EG, Fast.MOV64_RR_GE, Fast.MOV32_RR_GE, Fast.LOAD64, Fast.LOAD32,
                    Fast.STORE64, Fast.STORE32, Fast.STORE8_I, Fast.MOV_RI, Fast.LEA64, Fast.SHIFT64_RI,
                    Fast.SHIFT32_RI, Fast.TEST_RR, Fast.CMP8_MI, Fast.PUSH64, Fast.POP64, Fast.ALU64_MR -> INLINE;
            case Op.JCC -> JCC;
            case Op.JMP_REL -> JMP;
            case Op.CALL_REL -> CALL;
            case Fast.RET_NEAR -> RET;
            case Op.NOP -> NOP;
            // Data instructions that neither branch nor change modes, privilege or mappings: the general executor.
            // (POPF may set IF or TF: interrupts are delivered only when a run starts, and TF traps are not modelled.)
            case Op.MOV_EG, Op.MOV_GE, Op.MOV_EI, Op.LEA, Op.MOVZX, Op.MOVSX, Op.XCHG, Op.MOV_MOFFS_LOAD,
                    Op.MOV_MOFFS_STORE, Op.CMOV, Op.SETCC, Op.BSWAP, Op.ALU_EG, Op.ALU_GE, Op.ALU_EI, Op.TEST_EG,
                    Op.TEST_EI, Op.INC, Op.DEC, Op.NOT, Op.NEG, Op.MUL, Op.IMUL1, Op.IMUL2, Op.IMUL3, Op.DIV,
                    Op.IDIV, Op.CBW, Op.CWD, Op.CMPXCHG, Op.CMPXCHG16B, Op.XADD, Op.SHIFT_1, Op.SHIFT_CL,
                    Op.SHIFT_I, Op.SHLD_I, Op.SHLD_CL, Op.SHRD_I, Op.SHRD_CL, Op.BT_G, Op.BT_I, Op.BSF, Op.BSR,
                    Op.TZCNT, Op.LZCNT, Op.POPCNT, Op.PUSH_R, Op.POP_R, Op.PUSH_I, Op.PUSH_E, Op.POP_E, Op.LEAVE,
                    Op.CMC, Op.CLC, Op.STC, Op.CLD, Op.STD, Op.LAHF, Op.SAHF, Op.PUSHF, Op.POPF -> GENERIC;
            default -> NONE;
        };
    }

    private static CompiledBlock define(byte[] bytes, Trace t) {
        Insn[] insns = new Insn[t.size()];
        for (int k = 0; k < insns.length; k++) {
            insns[k] = t.steps.get(k).in;
        }
        try {
            MethodHandles.Lookup l = LOOKUP.defineHiddenClass(bytes, true);
            return (CompiledBlock) l.findConstructor(l.lookupClass(),
                    MethodType.methodType(void.class, int.class, Insn[].class)).invoke(t.size(), insns);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the JVM refused the translated block: " + e, e);
        }
    }

    // ---- code generation -------------------------------------------------------------------------------------

    /** A place the block leaves from: RIP to set (a page offset, or the value in {@link #T1}) and instructions done. */
    private record Exit(Label label, int done, boolean ripFromT1, long ripOff, boolean setRip) {
    }

    /** An exception handler: instructions completed before the one that raised it. */
    private record Handler(Label label, int done) {
    }

    /** The class file, or null when its method would be too large for HotSpot to compile. */
    static byte[] emit(Trace t) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // only Throwable meets another type here; no class loading needed
            }
        };
        String name = "dev/memscope/emulator/x86/Block";
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, BLOCK, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(I[L" + INSN + ";)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ILOAD, 1);
        init.visitVarInsn(ALOAD, 2);
        init.visitMethodInsn(INVOKESPECIAL, BLOCK, "<init>", "(I[L" + INSN + ";)V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor mv = cw.visitMethod(0, "run", "(L" + CPU + ";J)V", null, null);
        Gen g = new Gen(mv, t);
        g.body();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        if (g.codeEnd.getOffset() > MAX_CODE_BYTES) {
            return null;
        }
        return cw.toByteArray();
    }

    /** Emits the body of {@code run} for one trace. */
    private static final class Gen {
        final MethodVisitor mv;
        final Trace t;
        final List<Exit> exits = new ArrayList<>();
        final List<Handler> handlers = new ArrayList<>();
        final Label headLabel = new Label();
        final Label codeEnd = new Label();

        Gen(MethodVisitor mv, Trace t) {
            this.mv = mv;
            this.t = t;
        }

        void body() {
            mv.visitCode();
            // long[] r = c.regs; long ic = c.icount; long lim = c.runLimit; long base = pc0 - head;
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "regs", "[J");
            mv.visitVarInsn(ASTORE, R);
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "icount", "J");
            mv.visitVarInsn(LSTORE, IC);
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "runLimit", "J");
            mv.visitVarInsn(LSTORE, LIM);
            mv.visitVarInsn(LLOAD, 2);
            pushLong(t.head);
            mv.visitInsn(LSUB);
            mv.visitVarInsn(LSTORE, BASE);
            pushLong(0);
            mv.visitVarInsn(LSTORE, T1);
            pushLong(0);
            mv.visitVarInsn(LSTORE, T2);
            mv.visitLabel(headLabel);
            for (int k = 0; k < t.size(); k++) {
                step(k, t.steps.get(k));
            }
            if (!t.endsItself) {
                if (t.endOff == t.head) {
                    backEdge(t.size());
                } else {
                    exitNow(t.size(), false, t.endOff);
                }
            }
            for (Exit e : exits) {
                mv.visitLabel(e.label());
                if (e.setRip()) {
                    mv.visitVarInsn(ALOAD, C);
                    if (e.ripFromT1()) {
                        mv.visitVarInsn(LLOAD, T1);
                    } else {
                        address(e.ripOff());
                    }
                    mv.visitFieldInsn(PUTFIELD, CPU, "rip", "J");
                }
                setIcount(e.done());
                mv.visitInsn(RETURN);
            }
            for (Handler h : handlers) {
                mv.visitLabel(h.label());
                setIcount(h.done()); // the exception stays on the stack beneath
                mv.visitInsn(ATHROW);
            }
            mv.visitLabel(codeEnd);
        }

        /** Emits step {@code k}; {@code k} instructions of this pass are complete before it. */
        void step(int k, Step s) {
            Insn in = s.in;
            switch (s.kind) {
                case NOP -> {
                }
                case INLINE -> {
                    if (touchesMemory(in)) {
                        guarded(k, s, () -> inline(s), false, s.next());
                    } else {
                        inline(s);
                    }
                }
                case GENERIC -> guarded(k, s, () -> {
                    mv.visitVarInsn(ALOAD, C);
                    mv.visitVarInsn(ALOAD, THIS);
                    mv.visitFieldInsn(GETFIELD, BLOCK, "insns", "[L" + INSN + ";");
                    pushInt(k);
                    mv.visitInsn(AALOAD);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/memscope/emulator/x86/Exec", "execute",
                            "(L" + CPU + ";L" + INSN + ";)V", false);
                }, false, s.next());
                case JCC -> {
                    mv.visitVarInsn(ALOAD, C);
                    pushInt(in.sub);
                    mv.visitMethodInsn(INVOKESTATIC, "dev/memscope/emulator/x86/Flags", "cond",
                            "(Ldev/memscope/emulator/x86/CpuState;I)Z", false);
                    if (s.target == t.head) {
                        Label notTaken = new Label();
                        mv.visitJumpInsn(IFEQ, notTaken);
                        backEdge(k + 1);
                        mv.visitLabel(notTaken);
                    } else {
                        mv.visitJumpInsn(IFNE, exit(k + 1, false, s.target, true));
                    }
                }
                case JMP -> {
                }
                case CALL -> guarded(k, s, () -> {
                    // write64(r[RSP] - 8, next); r[RSP] -= 8
                    mv.visitVarInsn(ALOAD, C);
                    reg(Cpu.RSP);
                    pushLong(8);
                    mv.visitInsn(LSUB);
                    address(s.next());
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "write64", "(JJ)V", false);
                    mv.visitVarInsn(ALOAD, R);
                    pushInt(Cpu.RSP);
                    reg(Cpu.RSP);
                    pushLong(8);
                    mv.visitInsn(LSUB);
                    mv.visitInsn(LASTORE);
                }, false, s.target);
                case RET -> {
                    guarded(k, s, this::popToT1, true, 0);
                    if (s.predicted < 0) {
                        exitNow(k + 1, true, 0);
                    } else {
                        mv.visitVarInsn(LLOAD, T1);
                        address(s.predicted);
                        mv.visitInsn(LCMP);
                        mv.visitJumpInsn(IFNE, exit(k + 1, true, 0, true));
                    }
                }
                default -> throw new IllegalStateException("step kind " + s.kind);
            }
        }

        /**
         * An instruction that may fault or exit: curRip and rip as the run loop sets them, an exception handler that
         * counts the instructions before it, and afterwards a check of the run limit (leaving with RIP at
         * {@code after}, or at {@link #T1} when {@code afterFromT1}).
         */
        void guarded(int k, Step s, Runnable code, boolean afterFromT1, long after) {
            mv.visitVarInsn(ALOAD, C);
            address(s.off);
            mv.visitFieldInsn(PUTFIELD, CPU, "curRip", "J");
            mv.visitVarInsn(ALOAD, C);
            address(s.next());
            mv.visitFieldInsn(PUTFIELD, CPU, "rip", "J");
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, null);
            handlers.add(new Handler(handler, k));
            mv.visitLabel(start);
            code.run();
            mv.visitLabel(end);
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "runLimit", "J");
            mv.visitVarInsn(LLOAD, LIM);
            mv.visitInsn(LCMP);
            boolean ripAlreadyThere = !afterFromT1 && after == s.next();
            mv.visitJumpInsn(IFNE, exit(k + 1, afterFromT1, after, !ripAlreadyThere));
        }

        /** Back to the head with {@code done} instructions more, if the budget holds a whole pass. */
        void backEdge(int done) {
            // ic += done; if (ic + maxLen > lim) leave at the head; else goto head
            mv.visitVarInsn(LLOAD, IC);
            pushLong(done);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, IC);
            mv.visitVarInsn(LLOAD, IC);
            pushLong(t.size());
            mv.visitInsn(LADD);
            mv.visitVarInsn(LLOAD, LIM);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFGT, exit(0, false, t.head, true));
            mv.visitJumpInsn(GOTO, headLabel);
        }

        Label exit(int done, boolean ripFromT1, long ripOff, boolean setRip) {
            Label l = new Label();
            exits.add(new Exit(l, done, ripFromT1, ripOff, setRip));
            return l;
        }

        void exitNow(int done, boolean ripFromT1, long ripOff) {
            mv.visitJumpInsn(GOTO, exit(done, ripFromT1, ripOff, true));
        }

        void setIcount(int done) {
            mv.visitVarInsn(ALOAD, C);
            mv.visitVarInsn(LLOAD, IC);
            pushLong(done);
            mv.visitInsn(LADD);
            mv.visitFieldInsn(PUTFIELD, CPU, "icount", "J");
        }

        static boolean touchesMemory(Insn in) {
            return switch (in.xop) {
                case Fast.LOAD64, Fast.LOAD32, Fast.STORE64, Fast.STORE32, Fast.STORE8_I, Fast.CMP8_MI, Fast.PUSH64,
                        Fast.POP64, Fast.ALU64_MR -> true;
                default -> false;
            };
        }

        /** The specialised forms, as {@link Exec#execute} runs them. */
        void inline(Step s) {
            Insn in = s.in;
            int x = in.xop;
            if (x >= Fast.ALU_KIND_BASE && x < Fast.ALU_KIND_BASE + 24) {
                int kind = Fast.ALU_KINDS[(x - Fast.ALU_KIND_BASE) % 6];
                int form = (x - Fast.ALU_KIND_BASE) / 6; // 0 RR64, 1 RI64, 2 RR32, 3 RI32
                mv.visitVarInsn(ALOAD, C);
                pushInt(kind);
                pushInt(in.rm);
                if (form == 0 || form == 2) {
                    reg(in.reg);
                    if (form == 2) {
                        pushLong(0xFFFFFFFFL);
                        mv.visitInsn(LAND);
                    }
                } else {
                    pushLong(in.imm);
                }
                mv.visitMethodInsn(INVOKESTATIC, FAST, form < 2 ? "alu64" : "alu32", "(L" + CPU + ";IIJ)V", false);
                return;
            }
            switch (x) {
                case Fast.MOV64_RR_EG -> setReg(in.rm, () -> reg(in.reg));
                case Fast.MOV32_RR_EG -> setReg(in.rm, () -> reg32(in.reg));
                case Fast.MOV64_RR_GE -> setReg(in.reg, () -> reg(in.rm));
                case Fast.MOV32_RR_GE -> setReg(in.reg, () -> reg32(in.rm));
                case Fast.MOV_RI -> setReg(in.rm, () -> pushLong(in.imm));
                case Fast.LEA64 -> setReg(in.reg, () -> ea(s));
                case Fast.LOAD64, Fast.LOAD32 -> setReg(in.reg, () -> {
                    mv.visitVarInsn(ALOAD, C);
                    ea(s);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, x == Fast.LOAD64 ? "read64" : "read32", "(J)J", false);
                });
                case Fast.STORE64, Fast.STORE32 -> {
                    mv.visitVarInsn(ALOAD, C);
                    ea(s);
                    reg(in.reg);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, x == Fast.STORE64 ? "write64" : "write32", "(JJ)V", false);
                }
                case Fast.STORE8_I -> {
                    mv.visitVarInsn(ALOAD, C);
                    ea(s);
                    pushLong(in.imm);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "write8", "(JJ)V", false);
                }
                case Fast.SHIFT64_RI, Fast.SHIFT32_RI -> {
                    mv.visitVarInsn(ALOAD, C);
                    pushInt(in.sub);
                    pushInt(in.rm);
                    pushInt((int) in.imm2);
                    pushLong(in.mask);
                    pushInt(x == Fast.SHIFT64_RI ? 8 : 4);
                    mv.visitMethodInsn(INVOKESTATIC, FAST, "shift", "(Ldev/memscope/emulator/x86/CpuState;IIIJI)V",
                            false);
                }
                case Fast.TEST_RR -> {
                    // flags(LOGIC, r[rm] & r[reg] & mask, 0, 0, osize)
                    mv.visitVarInsn(ALOAD, C);
                    pushInt(Flags.LOGIC);
                    reg(in.rm);
                    reg(in.reg);
                    mv.visitInsn(LAND);
                    pushLong(in.mask);
                    mv.visitInsn(LAND);
                    pushLong(0);
                    pushLong(0);
                    pushInt(in.osize);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "flags", "(IJJJI)V", false);
                }
                case Fast.CMP8_MI -> {
                    // T1 = read8(ea); flags(SUB, (T1 - imm) & 0xFF, T1, imm, 1)
                    mv.visitVarInsn(ALOAD, C);
                    ea(s);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "read8", "(J)J", false);
                    mv.visitVarInsn(LSTORE, T1);
                    mv.visitVarInsn(ALOAD, C);
                    pushInt(Flags.SUB);
                    mv.visitVarInsn(LLOAD, T1);
                    pushLong(in.imm);
                    mv.visitInsn(LSUB);
                    pushLong(0xFF);
                    mv.visitInsn(LAND);
                    mv.visitVarInsn(LLOAD, T1);
                    pushLong(in.imm);
                    pushInt(1);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "flags", "(IJJJI)V", false);
                }
                case Fast.PUSH64 -> {
                    mv.visitVarInsn(ALOAD, C);
                    reg(in.reg);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "push64", "(J)V", false);
                }
                case Fast.POP64 -> {
                    popToT1();
                    setReg(in.reg, () -> mv.visitVarInsn(LLOAD, T1));
                }
                case Fast.ALU64_MR -> {
                    mv.visitVarInsn(ALOAD, C);
                    ea(s);
                    pushInt(in.sub);
                    reg(in.reg);
                    mv.visitMethodInsn(INVOKESTATIC, FAST, "alu64Mem", "(L" + CPU + ";JIJ)V", false);
                }
                default -> throw new IllegalStateException("no inline form for xop " + x);
            }
        }

        /** The plain effective address of a specialised memory form ({@link Fast#ea}); RIP is the next instruction. */
        void ea(Step s) {
            Insn in = s.in;
            pushLong(in.disp);
            int b = in.base;
            if (b == Insn.RIP) {
                address(s.next());
                mv.visitInsn(LADD);
            } else if (b >= 0) {
                reg(b);
                mv.visitInsn(LADD);
            }
            if (in.index >= 0) {
                reg(in.index);
                if (in.scale != 0) {
                    pushInt(in.scale);
                    mv.visitInsn(LSHL);
                }
                mv.visitInsn(LADD);
            }
        }

        /** base + a page offset: the linear address of that offset. */
        void address(long off) {
            mv.visitVarInsn(LLOAD, BASE);
            if (off != 0) {
                pushLong(off);
                mv.visitInsn(LADD);
            }
        }

        /** Pops the stack's top into T1 (POP, RET): T2 = r[RSP]; T1 = read64(T2); r[RSP] = T2 + 8. */
        void popToT1() {
            reg(Cpu.RSP);
            mv.visitVarInsn(LSTORE, T2);
            mv.visitVarInsn(ALOAD, C);
            mv.visitVarInsn(LLOAD, T2);
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "read64", "(J)J", false);
            mv.visitVarInsn(LSTORE, T1);
            setReg(Cpu.RSP, () -> {
                mv.visitVarInsn(LLOAD, T2);
                pushLong(8);
                mv.visitInsn(LADD);
            });
        }

        void reg(int n) {
            mv.visitVarInsn(ALOAD, R);
            pushInt(n);
            mv.visitInsn(LALOAD);
        }

        void reg32(int n) {
            reg(n);
            pushLong(0xFFFFFFFFL);
            mv.visitInsn(LAND);
        }

        void setReg(int n, Runnable value) {
            mv.visitVarInsn(ALOAD, R);
            pushInt(n);
            value.run();
            mv.visitInsn(LASTORE);
        }

        void pushInt(int v) {
            if (v >= -1 && v <= 5) {
                mv.visitInsn(ICONST_0 + v);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                mv.visitIntInsn(BIPUSH, v);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                mv.visitIntInsn(SIPUSH, v);
            } else {
                mv.visitLdcInsn(v);
            }
        }

        void pushLong(long v) {
            if (v == 0) {
                mv.visitInsn(LCONST_0);
            } else if (v == 1) {
                mv.visitInsn(LCONST_1);
            } else {
                mv.visitLdcInsn(v);
            }
        }
    }
}
