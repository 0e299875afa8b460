package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmSegment;

/**
 * Exceptions and their delivery through the guest's IDT in 64-bit mode (Intel SDM Vol. 3, 6.14): gate checks, stack
 * switch to the TSS's RSPn or IST, the 64-bit frame, #DF from the double-fault table (Vol. 3, Table 6-5), and a
 * triple fault that ends the run with a message naming the original exception, its RIP and instruction bytes.
 */
final class Events {
    static final int DE = 0, DB = 1, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8, TS = 10, NP = 11, SS = 12,
            GP = 13, PF = 14, MF = 16, AC = 17;
    private static final String[] NAMES = {"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#MF(9)",
        "#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP"};

    private final Cpu c;
    // An exception raised by the current instruction.
    private boolean raised;
    private int raisedVector;
    private long raisedError;
    private boolean raisedHasError;
    private boolean raisedSoftware;
    // An event waiting for the next entry (injected by KVM, or raised by emulateOne).
    private boolean pending;
    private int pendingVector;
    private long pendingError;
    private boolean pendingHasError;
    /** Why the last delivery failed, for the triple-fault message. */
    private String deliveryProblem;

    Events(Cpu c) {
        this.c = c;
    }

    static String name(int vector) {
        return vector >= 0 && vector < NAMES.length ? NAMES[vector] : "vector " + vector;
    }

    void raise(int vector, long errorCode, boolean hasErrorCode, boolean software) {
        raised = true;
        raisedVector = vector;
        raisedError = errorCode;
        raisedHasError = hasErrorCode;
        raisedSoftware = software;
    }

    void clearRaised() {
        raised = false;
    }

    void inject(int vector, long errorCode, boolean hasErrorCode) {
        pending = true;
        pendingVector = vector;
        pendingError = errorCode;
        pendingHasError = hasErrorCode;
    }

    boolean hasPending() {
        return pending;
    }

    void queueRaisedForInjection() {
        if (raised) {
            raised = false;
            inject(raisedVector, raisedError, raisedHasError);
        }
    }

    /** Delivers an injected event at entry. Returns false when the run must end (exit or triple fault). */
    boolean deliverPending() {
        if (!pending) {
            return true;
        }
        pending = false;
        c.curRip = c.rip;
        return deliver(pendingVector, pendingError, pendingHasError, false);
    }

    /** Delivers the exception the aborted instruction raised (RIP is back at the instruction). */
    boolean deliverRaised() {
        if (!raised) {
            c.internalError("an instruction was abandoned without an exception or an exit");
            return false;
        }
        raised = false;
        if (raisedSoftware) {
            // INT n / INT3 / INT1 push the address of the next instruction.
            c.rip = c.curRip + softwareLength;
        }
        return deliver(raisedVector, raisedError, raisedHasError, raisedSoftware);
    }

    private int softwareLength;

    /** INT n, INT3, INT1: a trap; the frame holds the RIP after the instruction. */
    RuntimeException softwareInterrupt(int vector, int insnLength, boolean checkDpl) {
        softwareLength = insnLength;
        raise(vector, 0, false, checkDpl);
        return CpuAbort.INSTANCE;
    }

    private static boolean contributory(int v) {
        return v == DE || v == TS || v == NP || v == SS || v == GP;
    }

    private boolean deliver(int vector, long err, boolean hasErr, boolean software) {
        long faultRip = c.rip;
        int first = vector;
        for (int attempt = 0; ; attempt++) {
            deliveryProblem = null;
            try {
                deliverOnce(vector, err, hasErr, software);
                return true;
            } catch (CpuAbort a) {
                c.rip = faultRip;
                c.mmu.implicitSupervisor = false;
                if (c.exit.reason != VmExit.NONE) {
                    inject(vector, err, hasErr); // retried at the next entry, as KVM re-injects
                    return false;
                }
                raised = false;
                int second = raisedVector;
                if (vector == DF) {
                    return tripleFault(first, faultRip, "the #DF handler could not be reached either: "
                            + problem(second));
                }
                boolean doubleFault = (contributory(vector) && contributory(second))
                        || (vector == PF && (contributory(second) || second == PF));
                if (doubleFault) {
                    vector = DF;
                    err = 0;
                    hasErr = true;
                } else {
                    vector = second;
                    err = raisedError;
                    hasErr = raisedHasError;
                }
                software = false;
                if (attempt > 4) {
                    return tripleFault(first, faultRip, problem(second));
                }
            }
        }
    }

    private String problem(int vector) {
        return deliveryProblem != null ? deliveryProblem : name(vector) + " while delivering it";
    }

    private boolean tripleFault(int first, long rip, String why) {
        byte[] bytes = c.mmu.peekBytes(rip, 15);
        StringBuilder hex = new StringBuilder();
        Insn in = new Insn();
        int n = new Decoder().decode(bytes, bytes.length, in) == Decoder.OK ? in.len : bytes.length;
        for (int i = 0; i < n; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        c.exit.reason = VmExit.TRIPLE_FAULT;
        c.exit.rip = rip;
        c.exit.vector = first;
        String what = first == UD ? "invalid or unimplemented instruction"
                : first == PF ? String.format("page fault at 0x%x", c.cr2) : "exception";
        c.exit.message = String.format("triple fault: %s (%s) at RIP 0x%x, instruction bytes [%s], and the guest "
                + "has no handler for it: %s", name(first), what, rip, hex, why);
        return false;
    }

    private void deliverOnce(int vector, long err, boolean hasErr, boolean software) {
        Mmu m = c.mmu;
        if (vector * 16L + 15 > c.idtLimit) {
            deliveryProblem = String.format("vector %d lies beyond the IDT limit 0x%x (IDTR base 0x%x)", vector,
                    c.idtLimit, c.idtBase);
            throw c.fault(GP, vector * 8L + 2, true);
        }
        m.implicitSupervisor = true;
        long gateLo;
        long gateHi;
        try {
            gateLo = c.read64(c.idtBase + vector * 16L);
            gateHi = c.read64(c.idtBase + vector * 16L + 8);
        } finally {
            m.implicitSupervisor = false;
        }
        int type = (int) (gateLo >>> 40) & 0xF;
        int dpl = (int) (gateLo >>> 45) & 3;
        boolean present = (gateLo & (1L << 47)) != 0;
        if (type != 0xE && type != 0xF) {
            deliveryProblem = String.format("IDT entry %d is not a 64-bit interrupt or trap gate (type %d)", vector,
                    type);
            throw c.fault(GP, vector * 8L + 2, true);
        }
        if (software && dpl < c.cpl) {
            deliveryProblem = String.format("INT %d from CPL %d through a gate of DPL %d", vector, c.cpl, dpl);
            throw c.fault(GP, vector * 8L + 2, true);
        }
        if (!present) {
            deliveryProblem = String.format("IDT entry %d is not present", vector);
            throw c.fault(NP, vector * 8L + 2, true);
        }
        int selector = (int) (gateLo >>> 16) & 0xFFFF;
        int ist = (int) (gateLo >>> 32) & 7;
        long target = (gateLo & 0xFFFF) | ((gateLo >>> 32) & 0xFFFF0000L) | (gateHi << 32);
        KvmSegment cs = Descriptors.loadCode(c, selector, vector);
        int newCpl = cs.dpl();
        long oldRsp = c.regs[Cpu.RSP];
        int oldSs = c.seg[Cpu.SS].selector();
        long rsp = oldRsp;
        m.implicitSupervisor = true;
        try {
            if (ist != 0) {
                rsp = c.read64(c.tr.base() + 0x24 + (ist - 1) * 8L);
            } else if (newCpl < c.cpl) {
                rsp = c.read64(c.tr.base() + 4 + newCpl * 8L);
            }
            rsp &= ~15L;
            long rflags = c.rflags();
            long[] frame = {oldSs, oldRsp, rflags, c.seg[Cpu.CS].selector(), c.rip, err};
            int n = hasErr ? 6 : 5;
            for (int i = 0; i < n; i++) {
                c.write64(rsp - 8L * (i + 1), frame[i]);
            }
            rsp -= 8L * n;
        } finally {
            m.implicitSupervisor = false;
        }
        // Committed: nothing below can fault.
        if (newCpl < c.cpl) {
            c.loadSegment(Cpu.SS, Descriptors.nullSegment(newCpl));
        }
        c.regs[Cpu.RSP] = rsp;
        c.loadSegment(Cpu.CS, Descriptors.withSelector(cs, (selector & ~3) | newCpl));
        c.setCpl(newCpl);
        c.rip = target;
        c.materializeFlags();
        c.rflagsRest &= ~(Flags.TF | Flags.NT | Flags.RF | Flags.VM);
        if (type == 0xE) {
            c.rflagsRest &= ~Flags.IF;
        }
    }
}
