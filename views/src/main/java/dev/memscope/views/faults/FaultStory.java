package dev.memscope.views.faults;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.SpteBits;
import dev.memscope.views.common.Hex;
import dev.memscope.views.faults.PhaseCard.Field;
import dev.memscope.views.faults.PhaseCard.State;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.gpa.MemslotFlags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A fault record told phase by phase, as the fields of {@code struct kvm_page_fault} fill in: the phases it went
 * through and, for a fault in progress, the phases still ahead on its path. Pure: a record in, cards out.
 */
public final class FaultStory {
    private FaultStory() {
    }

    /**
     * The cards of {@code f}; {@code inProgress} when the machine is stopped inside it (the current fault). A fault
     * with a result ends with a DONE card whether or not its record lists DONE (the model records the phases it ran,
     * and DONE is where it stops, not a phase it runs).
     */
    public static List<PhaseCard> cards(FaultRecord f, boolean inProgress, MachineSnapshot.Setup setup) {
        List<FaultPhase> ran = new ArrayList<>(f.phases());
        FaultPhase last = ran.isEmpty() ? null : ran.get(ran.size() - 1);
        boolean finished = f.result() != null || !inProgress;
        if (finished && last != FaultPhase.DONE) {
            ran.add(FaultPhase.DONE);
        }
        List<PhaseCard> out = new ArrayList<>();
        for (int i = 0; i < ran.size(); i++) {
            FaultPhase p = ran.get(i);
            FaultPhase next = i + 1 < ran.size() ? ran.get(i + 1) : null;
            State state = inProgress && next == null ? State.STOPPED_AFTER : State.RAN;
            out.add(new PhaseCard(p, state, function(p, f), fields(p, next, f, setup)));
        }
        if (!finished) {
            for (FaultPhase p : expectedPath(f)) {
                if (last == null || p.ordinal() > last.ordinal()) {
                    out.add(new PhaseCard(p, State.PENDING, function(p, f), List.of()));
                }
            }
        }
        return out;
    }

    static MmuMode mmu(FaultRecord f) {
        return MmuMode.fromCliName(f.mmu()).orElse(f.isTdp() ? MmuMode.TDP : MmuMode.SHADOW);
    }

    /** The phases a fault like this one goes through when nothing ends it early. */
    static Set<FaultPhase> expectedPath(FaultRecord f) {
        Set<FaultPhase> path = EnumSet.of(FaultPhase.DECODE, FaultPhase.PAGE_TRACK, FaultPhase.FAULTIN_PFN,
                FaultPhase.HUGEPAGE_ADJUST, FaultPhase.MAP, FaultPhase.PREFETCH, FaultPhase.DONE);
        if (f.rsvd()) {
            path.add(FaultPhase.MMIO_CHECK);
        }
        if (mmu(f) == MmuMode.SHADOW) {
            path.add(FaultPhase.GUEST_WALK);
        } else {
            path.add(FaultPhase.FAST_PAGE_FAULT);
        }
        return path;
    }

    static String function(FaultPhase p, FaultRecord f) {
        MmuMode mmu = mmu(f);
        switch (p) {
            case DECODE:
                return "kvm_mmu_do_page_fault()";
            case MMIO_CHECK:
                return "handle_mmio_page_fault()";
            case GUEST_WALK:
                return "FNAME(walk_addr)()";
            case PAGE_TRACK:
                return "page_fault_handle_page_track()";
            case FAST_PAGE_FAULT:
                return "fast_page_fault()";
            case FAULTIN_PFN:
                return "kvm_mmu_faultin_pfn()";
            case HUGEPAGE_ADJUST:
                return "kvm_mmu_hugepage_adjust()";
            case MAP:
                return mmu == MmuMode.TDP ? "kvm_tdp_mmu_map()" : mmu == MmuMode.DIRECT ? "direct_map()"
                        : "FNAME(fetch)()";
            case PREFETCH:
                return mmu == MmuMode.SHADOW ? "FNAME(pte_prefetch)()" : "direct_pte_prefetch()";
            default:
                return "kvm_mmu_page_fault() returns";
        }
    }

    private static List<Field> fields(FaultPhase p, FaultPhase next, FaultRecord f, MachineSnapshot.Setup setup) {
        List<Field> out = new ArrayList<>();
        boolean endsHere = next == FaultPhase.DONE;
        switch (p) {
            case DECODE -> {
                String ecam = EcamWindow.describeOf(setup, f.isTdp() ? f.addr() : f.gpa());
                out.add(new Field(f.isTdp() ? "addr (gpa)" : "addr (gva)", Hex.of(f.addr()),
                        ecam == null ? "" : "ECAM " + ecam));
                out.add(new Field("error_code", Hex.of(f.errorCode()), ErrorCode.bits(f.errorCode())
                        + (f.isTdp() && !f.write() && !f.exec() && (f.errorCode() & 4) != 0
                        ? " (EPT: a read sets USER)" : "")));
                out.add(new Field("derived", String.format("exec %d write %d present %d rsvd %d user %d is_tdp %d",
                        b(f.exec()), b(f.write()), b(f.present()), b(f.rsvd()), b(f.user()), b(f.isTdp()))));
                out.add(new Field("prefetch", Integer.toString(b(f.prefetch()))));
                out.add(new Field("as_id", Integer.toString(f.asId())));
                if (f.isTdp()) {
                    out.add(new Field("gfn", Hex.of(f.gfn())));
                }
            }
            case MMIO_CHECK -> out.add(endsHere && f.result() == RetPf.EMULATE
                    ? new Field("MMIO spte", "generation matches", "RET_PF_EMULATE: the cached MMIO info answers")
                    : endsHere ? new Field("spte", "not an MMIO spte", "RET_PF_RETRY: someone zapped it")
                    : new Field("MMIO spte", "stale generation", "RET_PF_INVALID: the full path rebuilds it"));
            case GUEST_WALK -> out.add(f.gpa() == -1 || endsHere
                    ? new Field("guest walk", "faults", "a guest #PF is injected (kvm_mmu_walker_error)")
                    : new Field("gpa", Hex.of(f.gpa()), "gfn " + Hex.of(f.gfn())));
            case PAGE_TRACK -> out.add(endsHere
                    ? new Field("write-tracked", "yes", "a shadowed guest page table: RET_PF_WRITE_PROTECTED")
                    : new Field("write-tracked", "no", "go on"));
            case FAST_PAGE_FAULT -> out.add(endsHere
                    ? new Field("lockless fix", "yes", "the spte was fixed in place (pf_fast)")
                    : new Field("lockless fix", "no", f.present()
                            ? "not fixable without mmu_lock: RET_PF_INVALID, slow path"
                            : "nothing present to fix: RET_PF_INVALID, slow path"));
            case FAULTIN_PFN -> {
                out.add(new Field("slot", f.slotId() < 0 ? "none" : f.slotId() + " (" + MemslotFlags.describe(
                        f.slotFlags()) + ")", f.slotId() < 0 ? "no memslot: the gfn is MMIO" : ""));
                out.add(new Field("pfn", pfnText(f.pfn()), FaultWords.pfnState(f.pfnState())));
                if (f.hva() != 0) {
                    out.add(new Field("hva", Hex.of(f.hva())));
                }
                out.add(new Field("map_writable", Integer.toString(b(f.mapWritable()))));
                out.add(new Field("mmu_seq", Long.toString(f.mmuSeq())));
            }
            case HUGEPAGE_ADJUST -> {
                if (f.hugepage() != null) {
                    out.add(new Field("max / req / goal", FaultWords.level(f.hugepage().maxLevel()) + " / "
                            + FaultWords.level(f.hugepage().reqLevel()) + " / "
                            + FaultWords.level(f.hugepage().goalLevel())));
                    out.add(new Field("why", f.hugepage().reason().name(), FaultWords.hugepage(
                            f.hugepage().reason())));
                } else {
                    out.add(new Field("goal_level", FaultWords.level(f.goalLevel())));
                }
            }
            case MAP -> {
                SpteBits.Format fmt = mmu(f) == MmuMode.SHADOW ? SpteBits.Format.PT : SpteBits.Format.EPT;
                out.add(new Field("spte written", Hex.padded(f.spte(), 16),
                        SpteBits.describe(fmt, f.spte(), f.goalLevel())));
                out.add(new Field("level", FaultWords.level(f.goalLevel()), f.spte() != 0 && SpteBits.isMmio(fmt,
                        f.spte()) ? "make_mmio_spte(): the next access takes the MMIO check" : ""));
            }
            case PREFETCH -> {
                PrefetchDecision d = f.prefetchDecision();
                if (d != null) {
                    out.add(new Field("policy", FaultWords.policy(d.policy())));
                    out.add(new Field("outcome", d.reason().name(), FaultWords.prefetchReason(d.reason())));
                    if (d.windowPages() > 0) {
                        out.add(new Field("window", "gfn " + Hex.of(d.windowStartGfn()) + " + " + d.windowPages(),
                                d.mapped() + " mapped" + (d.stopGfn() >= 0 ? ", stopped at gfn "
                                        + Hex.of(d.stopGfn()) : "") + "; see the Prefetch pane"));
                    }
                }
            }
            case DONE -> out.add(new Field("result", f.result() == null ? "errno"
                    : f.result().kernelName() + " (" + f.result().value() + ")", FaultWords.result(f.result())));
            default -> {
            }
        }
        return out;
    }

    static String pfnText(long pfn) {
        if (pfn == 1L << 63) {
            return "KVM_PFN_NOSLOT";
        }
        if ((pfn & 0x7FFL << 52) != 0) {
            return "error " + Hex.of(pfn);
        }
        return Hex.of(pfn);
    }

    private static int b(boolean v) {
        return v ? 1 : 0;
    }
}
