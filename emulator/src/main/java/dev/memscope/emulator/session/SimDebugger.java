package dev.memscope.emulator.session;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmHooks;
import dev.memscope.emulator.kvm.KvmPageFault;
import dev.memscope.emulator.kvm.Memslot;
import dev.memscope.emulator.kvm.MemslotChange;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.Cpu;
import dev.memscope.emulator.x86.CpuHooks;
import java.util.List;

/**
 * The debugger's hooks into the simulated machine: where stepping and breakpoints stop inside the kernel model or
 * inside an instruction. A stop here blocks the machine thread in {@link Machine#stopInside} until the user resumes;
 * a RIP breakpoint instead ends the run before the instruction (the CPU's DEBUG_STOP exit).
 */
final class SimDebugger implements KvmHooks, CpuHooks {
    private final Machine machine;
    private final MemoryMap map;
    /** The number of the fault in progress (the model numbers faults from 1: {@code FaultRecord.seq}). */
    private long faults;
    /** The last phase the current (or last) fault finished, or null before its first. */
    private FaultPhase lastPhase;
    private boolean inFault;
    /** Instructions retired when the last fault finished (-1: none yet). */
    private long faultDoneAtInstruction = -1;
    /** What made the CPU end its run with DEBUG_STOP (read by the machine when the exit arrives). */
    String debugStopReason = "debugger stop";

    SimDebugger(Machine machine, MemoryMap map) {
        this.machine = machine;
        this.map = map;
    }

    long faults() {
        return faults;
    }

    /** Faults the VMM made before entry (KVM_PRE_FAULT_MEMORY) are not inside any instruction. */
    void entered() {
        faultDoneAtInstruction = -1;
    }

    long faultDoneAtInstruction() {
        return faultDoneAtInstruction;
    }

    /** The current (or last) fault as a stop position: {@code fault:N} before its first phase, else after its last. */
    StopAt faultPosition() {
        return new StopAt.NthFault(faults, lastPhase);
    }

    /** The nearest earlier point that has a name, for stops that have none (a memory access, an SPTE change). */
    private StopAt nearestEarlier() {
        return inFault ? faultPosition() : new StopAt.Instructions(machine.instructions());
    }

    private void stopInside(String why) {
        machine.stopInside(why, nearestEarlier(), false);
    }

    // ---- the KVM model -------------------------------------------------------------------------------------------

    @Override
    public void beforeFault(KvmPageFault f) {
        faults = f.seq;
        lastPhase = null;
        inFault = true;
        StepKind s = machine.stepping();
        String where = String.format("page fault #%d at %s 0x%x (error code 0x%x)", faults,
                f.isTdp ? "gpa" : "gva", f.addr, f.errorCode);
        if (s == StepKind.PAGE_FAULT || s == StepKind.FAULT_PHASE) {
            machine.stopInside(where + ", before its first phase", faultPosition(), true);
        } else if (machine.target() instanceof StopAt.NthFault n && n.n() == faults && n.phase() == null) {
            machine.stopInside(where + " (" + n.text() + ")", faultPosition(), true);
        }
    }

    @Override
    public void afterPhase(KvmPageFault f) {
        List<FaultPhase> ran = f.phases();
        FaultPhase last = ran.isEmpty() ? null : ran.get(ran.size() - 1);
        lastPhase = last;
        if (f.isDone()) {
            inFault = false;
            faultDoneAtInstruction = machine.instructions();
        }
        String where = String.format("page fault #%d: %s done%s", faults, last == null ? "?" : last.label(),
                f.isDone() ? ", " + (f.result() == null ? "error" : f.result().kernelName()) : "");
        if (machine.stepping() == StepKind.FAULT_PHASE) {
            machine.stopInside(where, faultPosition(), true);
        } else if (machine.target() instanceof StopAt.NthFault n && n.n() == faults && n.phase() == last) {
            machine.stopInside(where + " (" + n.text() + ")", faultPosition(), true);
        }
    }

    @Override
    public void spteChanged(int asId, long gfn, int level, long oldSpte, long newSpte) {
        for (Breakpoint b : machine.breakpoints()) {
            if (b instanceof Breakpoint.SpteChange c && c.gfn() == gfn) {
                stopInside(String.format("breakpoint: the SPTE of gfn 0x%x changed from 0x%x to 0x%x "
                        + "(level %d)", gfn, oldSpte, newSpte, level));
                return;
            }
        }
    }

    @Override
    public void memslotCommitted(Kvm kvm, MemslotChange change, Memslot oldSlot, Memslot newSlot) {
        if (machine.breakpoints().stream().anyMatch(b -> b instanceof Breakpoint.MemslotChange)) {
            Memslot s = newSlot != null ? newSlot : oldSlot;
            stopInside(String.format("breakpoint: memslot %s %s, generation now %d", change,
                    s == null ? "?" : String.valueOf(s.id()), kvm.memslots(0).generation()));
        }
    }

    @Override
    public void holeAccess(long gpa, int size, boolean write, boolean inKernel) {
        if (inKernel) {
            holeHit(gpa, write ? "write" : "read", "emulated in the kernel");
        }
    }

    // ---- the CPU ---------------------------------------------------------------------------------------------------

    @Override
    public boolean wantsInstructions() {
        return machine.breakpoints().stream().anyMatch(b -> b instanceof Breakpoint.Rip);
    }

    @Override
    public boolean beforeInstruction(Cpu cpu, long rip) {
        for (Breakpoint b : machine.breakpoints()) {
            if (b instanceof Breakpoint.Rip r && r.rip() == rip) {
                debugStopReason = String.format("breakpoint at RIP 0x%x", rip);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean wantsMemoryAccesses() {
        return machine.stepping() == StepKind.MEMORY_ACCESS || machine.target() instanceof StopAt.GpaTouched
                || machine.breakpoints().stream().anyMatch(b -> b instanceof Breakpoint.GpaRange
                        || b instanceof Breakpoint.HoleHit);
    }

    @Override
    public void memoryAccess(Cpu cpu, long gva, long gpa, int size, int access, long value) {
        String kind = access == Access.WRITE ? "write" : "read";
        String what = String.format("%s of %d bytes at gva 0x%x, gpa 0x%x: 0x%x", kind, size, gva, gpa, value);
        if (machine.stepping() == StepKind.MEMORY_ACCESS) {
            stopInside("memory access: " + what);
            return;
        }
        if (machine.target() instanceof StopAt.GpaTouched t && Long.compareUnsigned(t.gpa(), gpa) >= 0
                && Long.compareUnsigned(t.gpa(), gpa + size) < 0) {
            stopInside("gpa 0x" + Long.toHexString(t.gpa()) + " touched: " + what + " (" + t.text() + ")");
            return;
        }
        for (Breakpoint b : machine.breakpoints()) {
            if (b instanceof Breakpoint.GpaRange r && Long.compareUnsigned(gpa, r.end()) < 0
                    && Long.compareUnsigned(gpa + size, r.start()) > 0) {
                stopInside("breakpoint: " + r.describe() + ": " + what);
                return;
            }
        }
        holeHit(gpa, kind, "from a mapped page, no exit");
    }

    /** Called by the machine for ECAM accesses that reached userspace. */
    void holeHit(long gpa, String kind, String how) {
        if (!map.inEcam(gpa)) {
            return;
        }
        Bdf bdf = Bdf.ofEcamOffset(gpa - map.ecamBase());
        for (Breakpoint b : machine.breakpoints()) {
            if (b instanceof Breakpoint.HoleHit h && h.bus() == bdf.bus() && h.device() == bdf.device()
                    && h.function() == bdf.function()) {
                stopInside(String.format("breakpoint: config %s of %s at gpa 0x%x, %s", kind, bdf, gpa, how));
                return;
            }
        }
    }
}
