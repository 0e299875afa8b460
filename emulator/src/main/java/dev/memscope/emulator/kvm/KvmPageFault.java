package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.HugepageDecision;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.RetPf;
import java.util.ArrayList;
import java.util.List;

/**
 * One page fault: {@code struct kvm_page_fault} (arch/x86/kvm/mmu/mmu_internal.h) plus the phase it is in, advanced
 * one phase at a time by {@link #step()} so that a debugger can stop between phases. Fields are grouped as the
 * kernel groups them: inputs, derived values, levels, outputs; then the decisions and the result.
 */
public final class KvmPageFault {
    // Not final: a vcpu reuses the object of a fault that has left its history of 256 (KvmVcpu.fault), so the exit
    // path allocates far less; init() sets every field.
    // ---- inputs
    KvmVcpu vcpu;
    public long addr;
    public long errorCode;
    public boolean prefetch;
    public int asId;
    public long rip;
    public long seq;
    // ---- derived
    public boolean exec;
    public boolean write;
    public boolean present;
    public boolean rsvd;
    public boolean user;
    public boolean isTdp;
    public boolean nxHugePageWorkaroundEnabled;
    // ---- levels (PG_LEVEL_*: 1 4K, 2 2M, 3 1G)
    int maxLevel;
    int reqLevel;
    int goalLevel;
    boolean hugePageDisallowed;
    // ---- outputs
    long gfn;
    long gpa;
    Memslot slot;
    long pfn;
    long hva;
    boolean mapWritable;
    long mmuSeq;
    /** Shadow paging: the guest walk's result. */
    GuestWalker walker;
    // ---- decisions and result
    HugepageDecision hugepage;
    PrefetchDecision prefetchDecision;
    /** The TDP MMU skipped prefetch: {@link #prefetchDecision()} makes that decision when asked (not per fault). */
    boolean prefetchSkippedOnTdp;
    /** The per-candidate account of the prefetch step, for the Prefetch pane (null until it ran or was skipped). */
    dev.memscope.emulator.api.PrefetchWindow prefetchWindow;
    PrefetchWindowBuilder windowBuilder;
    java.util.List<dev.memscope.emulator.api.PrefetchWindow.Candidate> windowRuns;
    KvmMmuPage leafSp;
    int leafIndex;
    long spte;
    FaultPhase phase;
    RetPf result;
    /** A negative errno when the fault path failed with one (-EFAULT, -EINTR, -EAGAIN), else 0. */
    int errno;
    /** Phases run so far, as ordinals (no list on the hot path). */
    private static final FaultPhase[] PHASES = FaultPhase.values();
    private final byte[] visited = new byte[PHASES.length];
    private int nvisited;

    KvmPageFault(KvmVcpu vcpu, long addr, long errorCode, boolean prefetch) {
        init(vcpu, addr, errorCode, prefetch);
    }

    /** Makes this a new fault, numbered next on {@code vcpu}: every field as a fresh object would have it. */
    void init(KvmVcpu vcpu, long addr, long errorCode, boolean prefetch) {
        this.vcpu = vcpu;
        this.addr = addr;
        this.errorCode = errorCode;
        this.prefetch = prefetch;
        this.asId = vcpu.asId();
        this.rip = vcpu.paging().rip();
        this.seq = vcpu.nextFaultSeq();
        // kvm_mmu_do_page_fault(): the derived fields
        this.exec = (errorCode & Pferr.FETCH) != 0;
        this.write = (errorCode & Pferr.WRITE) != 0;
        this.present = (errorCode & Pferr.PRESENT) != 0;
        this.rsvd = (errorCode & Pferr.RSVD) != 0;
        this.user = (errorCode & Pferr.USER) != 0;
        this.isTdp = vcpu.kvm().config().mmuMode().isTdp();
        this.nxHugePageWorkaroundEnabled = vcpu.kvm().config().nxHugePages();
        maxLevel = 3;
        reqLevel = 1;
        goalLevel = 1;
        hugePageDisallowed = false;
        gfn = 0;
        gpa = -1;
        slot = null;
        pfn = KvmPfn.ERR_FAULT;
        hva = 0;
        mapWritable = false;
        mmuSeq = 0;
        walker = null;
        hugepage = null;
        prefetchDecision = null;
        prefetchSkippedOnTdp = false;
        prefetchWindow = null;
        windowBuilder = null;
        windowRuns = null;
        leafSp = null;
        leafIndex = -1;
        spte = 0;
        phase = FaultPhase.DECODE;
        result = null;
        errno = 0;
        nvisited = 0;
    }

    /** The phase the next {@link #step()} will run, or DONE. */
    public FaultPhase phase() {
        return phase;
    }

    public boolean isDone() {
        return phase == FaultPhase.DONE;
    }

    /** RET_PF result once done (null before). When {@link #errno()} is non-zero the result is meaningless. */
    public RetPf result() {
        return result;
    }

    public int errno() {
        return errno;
    }

    public long gfn() {
        return gfn;
    }

    public long pfn() {
        return pfn;
    }

    public int goalLevel() {
        return goalLevel;
    }

    /**
     * The per-candidate window of the prefetch step, once it ran. On the TDP MMU the step only decides to skip, so
     * the window (no candidates) is made here when someone asks, not on every fault.
     */
    public dev.memscope.emulator.api.PrefetchWindow prefetchWindow() {
        if (prefetchWindow == null && prefetchDecision() != null) {
            prefetchWindow = PrefetchWindowBuilder.window(this, prefetchDecision, java.util.List.of());
        }
        return prefetchWindow;
    }

    /** What the prefetch step decided, once it ran (null before). */
    public PrefetchDecision prefetchDecision() {
        if (prefetchDecision == null && prefetchSkippedOnTdp) {
            prefetchDecision = Prefetch.none(this, PrefetchDecision.Policy.KERNEL_WINDOW,
                    PrefetchDecision.Reason.TDP_MMU);
        }
        return prefetchDecision;
    }

    /** SPTEs the prefetch step installed (0 before it ran and when it was skipped). */
    public int prefetchMapped() {
        return prefetchDecision == null ? 0 : prefetchDecision.mapped();
    }

    public HugepageDecision hugepageDecision() {
        return hugepage;
    }

    /** Runs the current phase and moves to the next one. Returns false once the fault is DONE. */
    public boolean step() {
        if (phase == FaultPhase.DONE) {
            return false;
        }
        if (nvisited == 0) {
            vcpu.kvm().hooks().beforeFault(this);
        }
        FaultPhase ran = phase;
        visited[nvisited++] = (byte) ran.ordinal();
        FaultPaths.run(this);
        vcpu.kvm().log().record(EventKind.FAULT_PHASE, vcpu.id(), addr, ran.ordinal(),
                phase == FaultPhase.DONE && errno == 0 && result != null ? result.ordinal() : -1, gfn);
        vcpu.kvm().hooks().afterPhase(this);
        return phase != FaultPhase.DONE;
    }

    /** Steps until DONE and returns the result. */
    public RetPf runToCompletion() {
        while (step()) {
            // next phase
        }
        return result;
    }

    /** Ends the fault with a result. */
    void finish(RetPf r) {
        result = r;
        phase = FaultPhase.DONE;
    }

    /** Ends the fault with an errno (kernel functions returning a negative value). */
    void fail(int negErrno) {
        errno = negErrno;
        result = RetPf.RETRY;
        phase = FaultPhase.DONE;
    }

    /** The phases run so far, in order. */
    public List<FaultPhase> phases() {
        List<FaultPhase> out = new ArrayList<>(nvisited);
        for (int i = 0; i < nvisited; i++) {
            out.add(PHASES[visited[i]]);
        }
        return out;
    }

    /** An immutable copy for the views. */
    public FaultRecord toRecord() {
        return new FaultRecord(seq, vcpu.id(), vcpu.kvm().config().mmuMode().cliName(), addr, errorCode, prefetch,
                asId, exec, write, present, rsvd, user, isTdp, maxLevel, reqLevel, goalLevel, gpa, gfn,
                slot == null ? -1 : slot.id, slot == null ? 0 : slot.flags, pfn, KvmPfn.describe(pfn), hva,
                mapWritable, mmuSeq, spte, hugepage, prefetchDecision(), errno != 0 ? null : result, phases());
    }

    @Override
    public String toString() {
        return String.format("fault addr %x err %x gfn %x phase %s result %s%s", addr, errorCode, gfn, phase, result,
                errno != 0 ? " errno " + errno : "");
    }
}
