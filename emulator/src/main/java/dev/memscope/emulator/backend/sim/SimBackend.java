package dev.memscope.emulator.backend.sim;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.HoleObservation;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.KvmSregs;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.kvm.ExitAction;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmHooks;
import dev.memscope.emulator.kvm.KvmVcpu;
import dev.memscope.emulator.trace.EventLog;
import dev.memscope.emulator.x86.Cpu;
import dev.memscope.emulator.x86.CpuHooks;
import dev.memscope.emulator.x86.VmExit;
import java.util.List;
import java.util.Map;

/**
 * The simulated backend: the Java x86-64 CPU as the hardware, the KVM model as the kernel. {@link #run} is the
 * kernel's {@code vcpu_run} loop: enter the guest, handle each VM exit in the model (page faults, emulation, #PF
 * injection), and return to userspace only for what userspace must handle (port I/O, MMIO the kernel cannot serve,
 * HLT, shutdown).
 */
public final class SimBackend implements VmBackend, Introspection, HoleObservation {
    private final SimOptions options;
    private final Kvm kvm;
    private final KvmVcpu vcpu;
    private final Cpu cpu;
    private final SimCounters counters = new SimCounters();
    private volatile boolean stopRequested;
    private boolean inPending;
    /** The last run ended for the debugger (budget, stop request, RIP breakpoint), not for an exit: see run(). */
    private boolean resumeInGuest;
    private boolean closed;
    /** Exits handled after a stop request before giving up on reaching an instruction boundary. */
    static final int STOP_REQUEST_EXIT_LIMIT = 1000;

    private SimBackend(SimOptions options) {
        this.options = options;
        this.kvm = Kvm.create(options.kvmConfig());
        CpuPagingState paging = new CpuPagingState();
        this.vcpu = kvm.createVcpu(paging);
        this.cpu = new Cpu(vcpu.hardwareMemory()); // the hardware's view: EPT over the model's SPTEs
        paging.attach(cpu);
        if (options.mmu() == MmuMode.SHADOW) {
            cpu.setTranslator(vcpu.shadowTranslator());
        }
        vcpu.addTlbFlushListener(cpu::flushTlb);
        kvm.log().costModel().setInstructionClock(cpu::instructionCount,
                options.picosPerInstruction() > 0 ? options.picosPerInstruction() : 1000);
        options.costNanos().forEach((kind, nanos) -> kvm.log().costModel().setCost(kind, nanos));
        kvm.setHooks(counters);
    }

    public static SimBackend create(SimOptions options) {
        return new SimBackend(options);
    }

    /** Hooks of a debugger on top of this backend's own bookkeeping; null removes them. Machine thread only. */
    public void setDebugHooks(KvmHooks kvmHooks, CpuHooks cpuHooks) {
        counters.delegate = kvmHooks == null ? KvmHooks.NONE : kvmHooks;
        cpu.setHooks(cpuHooks == null ? CpuHooks.NONE : cpuHooks);
    }

    public Kvm kvm() {
        return kvm;
    }

    public KvmVcpu vcpu() {
        return vcpu;
    }

    public Cpu cpu() {
        return cpu;
    }

    public SimOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String describe() {
        return "Java x86-64 emulator with the KVM model: " + options.mmu().summary() + ", ALLONES prefetch "
                + options.prefetchPolicy() + (options.mmioCaching() ? "" : ", MMIO caching off");
    }

    @Override
    public int checkExtension(int cap) {
        return kvm.checkExtension(cap);
    }

    // ---- userspace memory ---------------------------------------------------------------------------------------

    @Override
    public long mmap(long bytes, MemoryBacking backing) throws BackendException {
        try {
            return kvm.host().mmap(bytes, backing);
        } catch (IllegalArgumentException e) {
            throw new BackendException("cannot map " + bytes + " bytes of " + backing + " memory: " + e.getMessage(),
                    Errno.EINVAL);
        }
    }

    @Override
    public void munmap(long hva, long bytes) {
        kvm.host().munmap(hva, bytes);
    }

    @Override
    public void writeHost(long hva, byte[] src, int offset, int length) {
        kvm.host().writeHost(hva, src, offset, length);
        cpu.flushCodeCache(); // userspace may have written guest code (the code cache is keyed by gpa)
    }

    @Override
    public void readHost(long hva, byte[] dst, int offset, int length) {
        kvm.host().readHost(hva, dst, offset, length);
    }

    // ---- VM ioctls ------------------------------------------------------------------------------------------------

    @Override
    public int setUserMemoryRegion(int slot, int flags, long guestPhysAddr, long memorySize, long userspaceAddr) {
        return kvm.setUserMemoryRegion(slot, flags, guestPhysAddr, memorySize, userspaceAddr);
    }

    @Override
    public int getDirtyLog(int slot, long[] bitmap) {
        return kvm.getDirtyLog(slot, bitmap);
    }

    // ---- vCPU ioctls -----------------------------------------------------------------------------------------------

    @Override
    public KvmRegs getRegs() {
        return cpu.getRegs();
    }

    @Override
    public void setRegs(KvmRegs regs) {
        cpu.setRegs(regs);
    }

    @Override
    public KvmSregs getSregs() {
        return cpu.getSregs();
    }

    @Override
    public void setSregs(KvmSregs sregs) {
        cpu.setSregs(sregs);
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        return vcpu.preFaultMemory(range);
    }

    /**
     * {@code KVM_RUN}. Completes what the last exit to userspace left pending (an IN's value, an MMIO read's data),
     * then runs the guest, handling exits in the model until one needs userspace or the budget runs out.
     */
    @Override
    public KvmRun run(long instructionBudget) {
        KvmRun run = vcpu.run();
        if (closed) {
            return internalError(run, "the VM is closed");
        }
        if (inPending) {
            inPending = false;
            cpu.completeIn(run.ioData); // complete_fast_pio_in(): the value userspace put in kvm_run
        }
        // A run the debugger ended (an instruction budget, a stop request, a RIP breakpoint) is not a VM exit of the
        // modelled machine, so going on is not a VM entry: no kvm_entry. The trace then does not depend on how the
        // debugger sliced the run, and a replay to the same stop gives the same event log.
        if (!resumeInGuest) {
            vcpu.enter();
        }
        resumeInGuest = false;
        // The budget counts from here: the MMIO instruction completed below retires within it, so a run to insn:N
        // that starts on a pending MMIO read stops at N, as the run that named N did.
        long end = cpu.instructionCount() + Math.max(0, instructionBudget);
        if (vcpu.mmioCompletionPending()) { // complete_emulated_mmio(): re-execute with the data
            int r = cpu.emulateOne(vcpu.emulatorMemory());
            if (r != VmExit.NONE && !handle(cpu.exit())) {
                return finishUserspaceExit(run);
            }
        }
        int exitsSinceStopRequest = -1;
        while (true) {
            if (stopRequested) {
                // Stop at the next instruction boundary (insn:N), where a stop has a name that replays exactly: after
                // a fault the instruction it interrupted is retried and retired first.
                stopRequested = false;
                end = Math.min(end, cpu.instructionCount() + 1);
                exitsSinceStopRequest = 0;
            }
            if (exitsSinceStopRequest >= 0 && exitsSinceStopRequest++ > STOP_REQUEST_EXIT_LIMIT) {
                return interrupted(run, "stop requested (the instruction did not complete after "
                        + STOP_REQUEST_EXIT_LIMIT + " exits)");
            }
            long left = end - cpu.instructionCount();
            if (left <= 0) {
                return interrupted(run, "instruction budget used up");
            }
            int reason = cpu.run(left);
            switch (reason) {
                case VmExit.BUDGET -> {
                    return interrupted(run, "instruction budget used up");
                }
                case VmExit.DEBUG_STOP -> {
                    resumeInGuest = true;
                    run.clear();
                    run.exitReason = KvmExitReason.DEBUG;
                    run.detail = cpu.exit().message == null ? "debugger stop" : cpu.exit().message;
                    return run;
                }
                case VmExit.TRIPLE_FAULT -> {
                    counters.vmExit(reason);
                    run.clear();
                    run.exitReason = KvmExitReason.SHUTDOWN;
                    run.detail = cpu.exit().message;
                    return run;
                }
                case VmExit.INTERNAL_ERROR -> {
                    return internalError(run, cpu.exit().message);
                }
                default -> {
                    if (!handle(cpu.exit())) {
                        return finishUserspaceExit(run);
                    }
                }
            }
        }
    }

    /** Handles one VM exit in the kernel model; false when KVM_RUN must return to userspace. */
    private boolean handle(VmExit exit) {
        counters.vmExit(exit.reason);
        ExitAction action = vcpu.handleExit(exit);
        while (true) {
            switch (action) {
                case REENTER -> {
                    return true;
                }
                case INJECT_PAGE_FAULT -> {
                    cpu.injectException(14, vcpu.pendingPageFaultErrorCode(), true, vcpu.pendingPageFaultCr2());
                    vcpu.pageFaultDelivered();
                    return true;
                }
                case EMULATE -> {
                    counters.emulated++;
                    int r = cpu.emulateOne(vcpu.emulatorMemory());
                    if (r == VmExit.NONE) {
                        return true;
                    }
                    counters.vmExit(r);
                    action = vcpu.handleExit(cpu.exit());
                }
                case USERSPACE -> {
                    return false;
                }
                default -> throw new IllegalStateException("unknown exit action " + action);
            }
        }
    }

    private KvmRun finishUserspaceExit(KvmRun run) {
        inPending = run.exitReason == KvmExitReason.IO && run.ioDirection == KvmRun.IO_IN;
        return run;
    }

    private KvmRun interrupted(KvmRun run, String why) {
        resumeInGuest = true;
        run.clear();
        run.exitReason = KvmExitReason.INTR;
        run.detail = why;
        return run;
    }

    private static KvmRun internalError(KvmRun run, String why) {
        run.clear();
        run.exitReason = KvmExitReason.INTERNAL_ERROR;
        run.detail = why;
        return run;
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- introspection ------------------------------------------------------------------------------------------

    @Override
    public long instructionsRetired() {
        return cpu.instructionCount();
    }

    @Override
    public List<MemslotInfo> memslots() {
        return kvm.memslotInfos();
    }

    @Override
    public long memslotGeneration() {
        return kvm.memslots(0).generation();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new java.util.LinkedHashMap<>(kvm.stats().snapshot());
        counters.addTo(out);
        out.put("hole_mapped_reads", mappedHoleReads.values().stream().mapToLong(Long::longValue).sum());
        return out;
    }

    @Override
    public EventLog eventLog() {
        return kvm.log();
    }

    @Override
    public FaultRecord currentFault() {
        return counters.currentFault();
    }

    @Override
    public List<FaultRecord> recentFaults(int max) {
        List<FaultRecord> all = vcpu.recentFaults();
        return all.subList(Math.max(0, all.size() - max), all.size());
    }

    /** The per-candidate prefetch window of fault {@code seq}, while the model remembers it. */
    public java.util.Optional<dev.memscope.emulator.api.PrefetchWindow> prefetchWindowOf(long seq) {
        var current = counters.inProgressWindow(seq);
        return current.isPresent() ? current : vcpu.prefetchWindowOf(seq);
    }

    private final java.util.HashMap<Long, Long> mappedHoleReads = new java.util.HashMap<>();

    @Override
    public void observeHole(long gpaStart, long gpaEnd) {
        vcpu.observe(gpaStart, gpaEnd, (access, gpa) -> {
            if (access == dev.memscope.emulator.x86.Access.READ) {
                mappedHoleReads.merge(gpa >>> 12, 1L, Long::sum);
            }
        });
        cpu.flushTlb();
    }

    @Override
    public Map<Long, Long> mappedHoleReadsByGfn() {
        return Map.copyOf(mappedHoleReads);
    }

    /** Reads in the kernel per gfn (PCI_HOLE), for the hole-hits view. */
    public Map<Long, Long> kernelHoleReadsByGfn() {
        return counters.kernelHoleReads();
    }

    @Override
    public byte[] readGuestPhysical(long gpa, int length) {
        return GuestPhysicalReader.read(kvm, vcpu, gpa, length);
    }
}
