package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.PreFaultResult;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.trace.Stat;
import dev.memscope.emulator.x86.PhysicalMemory;
import dev.memscope.emulator.x86.Translator;
import dev.memscope.emulator.x86.VmExit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One vCPU ({@code struct kvm_vcpu}): its exit handling ({@code vmx_handle_exit} and the handlers it calls), its
 * view of memory for the hardware (EPT walk) and for the emulator, the shadow MMU's translator, its MMIO cache,
 * {@code KVM_PRE_FAULT_MEMORY}, {@code kvm_vcpu_map}, and its {@code kvm_run}.
 */
public final class KvmVcpu {
    /** {@code KVM_EXIT_MEMORY_FAULT} (include/uapi/linux/kvm.h): KVM_RUN failed with -EFAULT on guest memory. */
    public static final int KVM_EXIT_MEMORY_FAULT = 39;
    /** VM-exit interruption info of a #PF: valid, hardware exception, error code valid, vector 14. */
    static final int PF_INTR_INFO = 0x80000B0E;

    private final Kvm kvm;
    private final int id;
    private final GuestPagingState paging;
    private final KvmRun run = new KvmRun();
    final SpteWalk walk = new SpteWalk();
    private final KvmPageFault[] recent = new KvmPageFault[256];
    private long faultSeq = 1; // faults are numbered from 1, as stop positions (fault:N) count them
    private final KvmShadowRoots shadowRoots = new KvmShadowRoots();
    private BooleanSupplier signalPending = () -> false;
    // vcpu->arch.mmio_gva / mmio_gfn / mmio_access / mmio_gen
    long mmioGva;
    long mmioGfn;
    int mmioAccess;
    long mmioGen;
    // pending guest #PF (kvm_inject_page_fault)
    boolean pfPending;
    private long pfCr2;
    private long pfErrorCode;
    PreFaultResult lastPreFault;
    private final EptView eptView;
    private final EmulatorView emulatorView;
    private final ShadowTranslator shadowTranslator;
    final VcpuMap vcpuMap;
    private final VcpuExits exits;

    KvmVcpu(Kvm kvm, int id, GuestPagingState paging) {
        this.kvm = kvm;
        this.id = id;
        this.paging = paging;
        this.eptView = new EptView(this);
        this.emulatorView = new EmulatorView(this);
        this.shadowTranslator = new ShadowTranslator(this);
        this.vcpuMap = new VcpuMap(this);
        this.exits = new VcpuExits(this);
    }

    public Kvm kvm() {
        return kvm;
    }

    public int id() {
        return id;
    }

    public GuestPagingState paging() {
        return paging;
    }

    /** The vCPU's {@code kvm_run}, filled when {@link #handleExit} returns USERSPACE. */
    public KvmRun run() {
        return run;
    }

    /** Address space of the vCPU's memory accesses: 1 in SMM ({@code kvm_arch_vcpu_memslots_id}). */
    public int asId() {
        return paging.smm() ? 1 : 0;
    }

    /** {@code kvm_vcpu_memslots()}. */
    public Memslots memslots() {
        return kvm.memslots(asId());
    }

    /** Makes {@code signal_pending(current)} answer with this (for -EINTR of pre-fault and faults). */
    public void setSignalPending(BooleanSupplier s) {
        this.signalPending = s == null ? () -> false : s;
    }

    boolean signalPending() {
        return signalPending.getAsBoolean();
    }

    // ---- observation of mapped accesses (Memscope's own; no kernel counterpart) ------------------------------------

    private long observeStart = -1;
    private long observeEnd = -1;
    private java.util.function.ObjLongConsumer<Integer> observer;

    /**
     * Watches [start, end) of guest-physical memory: the hardware view tells the CPU not to cache those pages in its
     * TLB and reports every access that a mapped page serves (the hole's "mapped reads", which no exit reveals).
     * The CPU runs slower on those pages only; nothing else changes.
     */
    public void observe(long start, long end, java.util.function.ObjLongConsumer<Integer> accessByKind) {
        observeStart = start;
        observeEnd = end;
        observer = accessByKind;
    }

    boolean observes(long gpa) {
        return observer != null && Long.compareUnsigned(gpa, observeStart) >= 0
                && Long.compareUnsigned(gpa, observeEnd) < 0;
    }

    void observedAccess(long gpa, int access) {
        observer.accept(access, gpa);
    }

    /** The CPU's TLB flush, called on every {@code kvm_flush_remote_tlbs}. */
    public void addTlbFlushListener(Runnable flush) {
        kvm.mmu().addTlbFlushListener(flush);
    }

    /** Guest-physical memory as the hardware sees it under TDP: the EPT walk over the SPTEs. */
    public PhysicalMemory hardwareMemory() {
        return eptView;
    }

    /** Guest-physical memory as KVM's instruction emulator sees it: memslots, in-kernel devices, userspace MMIO. */
    public PhysicalMemory emulatorMemory() {
        return emulatorView;
    }

    /** Under shadow paging: the CPU's translator (shadow SPTEs map gvas; a miss is a #PF intercepted by KVM). */
    public Translator shadowTranslator() {
        return shadowTranslator;
    }

    /** The root the hardware walks now: the direct root of the address space, or the shadow root of CR3. */
    KvmMmuPage currentRoot() {
        KvmMmu mmu = kvm.mmu();
        if (kvm.config().mmuMode().isTdp() || !paging.paging()) {
            return mmu.directRoot(asId());
        }
        return shadowRoots.rootFor(this, mmu);
    }

    void dropShadowRoots() {
        shadowRoots.clear();
    }

    // ---- exits -----------------------------------------------------------------------------------------------------

    /**
     * Handles one VM exit the way the kernel's exit handler would, and says what happens next. For a page fault
     * exit this runs the whole fault; a debugger uses {@link #pageFaultFor} and {@link #completeFault} instead.
     */
    public ExitAction handleExit(VmExit exit) {
        KvmPageFault f = pageFaultFor(exit);
        if (f != null) {
            f.runToCompletion();
            return completeFault(f);
        }
        return exits.handleOtherExit(exit);
    }

    /**
     * Starts the fault of a page-fault exit (EPT violation, EPT misconfiguration, #PF intercept under shadow
     * paging), recording {@code kvm_exit} and {@code kvm_page_fault}; null for other exits. The fault has not run
     * any phase yet.
     */
    public KvmPageFault pageFaultFor(VmExit exit) {
        return exits.pageFaultFor(exit);
    }

    /** A fault raised directly (tests, or the session's "fault here" command): {@code kvm_mmu_page_fault}. */
    public KvmPageFault newFault(long addr, long errorCode) {
        return new KvmPageFault(this, addr, errorCode, false);
    }

    /** Runs a directly raised fault to completion and finishes it as the exit handler would. */
    public ExitAction pageFault(long addr, long errorCode) {
        KvmPageFault f = newFault(addr, errorCode);
        f.runToCompletion();
        return completeFault(f);
    }

    /** The tail of {@code kvm_mmu_page_fault()}: counters, then emulate, inject, exit to userspace, or re-enter. */
    public ExitAction completeFault(KvmPageFault f) {
        return exits.completeFault(f);
    }

    /**
     * Called at the start of every KVM_RUN ({@code complete_userspace_io}): the data userspace put in kvm_run for a
     * pending MMIO read becomes available to the re-executed instruction; then {@code kvm_entry}.
     */
    public void enter() {
        emulatorView.completeUserspaceMmio(run);
        kvm.log().record(EventKind.KVM_ENTRY, id, paging.rip());
    }

    /**
     * After {@link #enter()}: userspace answered an MMIO read, so the interrupted instruction goes on in the
     * emulator ({@code complete_emulated_mmio} re-enters it with EMULTYPE_NO_DECODE): the CPU re-executes it with
     * {@link #emulatorMemory()}, without a new VM exit.
     */
    public boolean mmioCompletionPending() {
        return emulatorView.completionPending();
    }

    // ---- #PF injection (shadow paging) --------------------------------------------------------------------------

    /** {@code kvm_inject_emulated_page_fault()}. */
    void injectPageFault(long cr2, long errorCode) {
        pfPending = true;
        pfCr2 = cr2;
        pfErrorCode = errorCode;
        kvm.stats().inc(Stat.PF_GUEST);
        kvm.log().record(EventKind.KVM_INJ_EXCEPTION, id, 14, 1, errorCode);
    }

    public long pendingPageFaultCr2() {
        return pfCr2;
    }

    public long pendingPageFaultErrorCode() {
        return pfErrorCode;
    }

    /** The CPU took the pending #PF: clears it. */
    public void pageFaultDelivered() {
        pfPending = false;
    }

    // ---- the MMIO cache -------------------------------------------------------------------------------------------

    /** {@code vcpu_cache_mmio_info()}. */
    void cacheMmioInfo(long gva, long gfn, int access) {
        mmioGva = gva & -4096L;
        mmioGfn = gfn;
        mmioAccess = access;
        mmioGen = memslots().generation();
    }

    /** {@code mmio_info_in_cache()}: a gpa (direct) or gva match with the current generation. */
    boolean mmioInfoInCache(long addr, boolean direct) {
        if (mmioGen != memslots().generation()) {
            return false;
        }
        if (direct) {
            return mmioGfn != 0 && mmioGfn == addr >>> 12;
        }
        return mmioGva != 0 && mmioGva == (addr & -4096L);
    }

    // ---- guest memory from the kernel side -------------------------------------------------------------------------

    /** Reads a guest PTE through the memslots ({@code kvm_vcpu_read_guest}); false when no RAM backs it. */
    boolean readGuestPte(long gpa, long[] out) {
        Memslot s = memslots().gfnToMemslot(gpa >>> 12);
        if (s == null || s.isInvalid() || s.isPciHole()) {
            return false;
        }
        byte[] page;
        if (s.isAllones()) {
            page = kvm.host().pageOfPfn(KvmPfn.ALLONES_PAGE);
        } else {
            long pfn = kvm.host().hvaToPfn(s.gfnToHvaMemslot(gpa >>> 12), false, true);
            if (KvmPfn.isErrorPfn(pfn)) {
                return false;
            }
            page = kvm.host().pageOfPfn(pfn);
        }
        out[0] = EmulatorView.getLong(page, (int) (gpa & 4088));
        return true;
    }

    /** Writes a guest PTE's A/D bits through {@code kvm_vcpu_map} / {@code kvm_vcpu_unmap(dirty)}. */
    void writeGuestPteMapped(long tableGfn, int index, long pte) {
        KvmHostMap map = new KvmHostMap();
        if (vcpuMap.map(tableGfn, map) != 0) {
            return;
        }
        EmulatorView.putLong(map.data, index * 8, pte);
        vcpuMap.unmap(map, true);
    }

    /** {@code kvm_vcpu_map()}: 0, or -EINVAL (no slot, error pfn) or -EFAULT (no mapping could be made). */
    public int kvmVcpuMap(long gfn, KvmHostMap map) {
        return vcpuMap.map(gfn, map);
    }

    /** Reproduce the 2019 series' unmap bug (a memremapped map is kunmapped, as the poison is non-NULL). */
    public void setVcpuMapPoisonBug(boolean on) {
        vcpuMap.poisonBug = on;
    }

    /** {@code kvm_vcpu_unmap()}: undo the map; with {@code dirty}, mark the gfn dirty. */
    public void kvmVcpuUnmap(KvmHostMap map, boolean dirty) {
        vcpuMap.unmap(map, dirty);
    }

    // ---- pre-fault ----------------------------------------------------------------------------------------------

    /** {@code KVM_PRE_FAULT_MEMORY}: 0 (the remaining range written back) or -errno. */
    public int preFaultMemory(KvmPreFaultMemory range) {
        return PreFault.preFaultMemory(this, range);
    }

    public PreFaultResult lastPreFault() {
        return lastPreFault;
    }

    // ---- fault history ----------------------------------------------------------------------------------------------

    /**
     * A new fault for the exit path: the object of the fault that this one pushes out of the history (256 faults
     * ago) is reused when that fault finished, so the exit path allocates far less (docs/perf.md).
     */
    KvmPageFault fault(long addr, long errorCode, boolean prefetch) {
        KvmPageFault old = recent[(int) (faultSeq & (recent.length - 1))];
        if (old != null && old.seq == faultSeq - recent.length && old.isDone()) {
            old.init(this, addr, errorCode, prefetch);
            return old;
        }
        return new KvmPageFault(this, addr, errorCode, prefetch);
    }

    long nextFaultSeq() {
        return faultSeq++;
    }

    void recordFault(KvmPageFault f) {
        recent[(int) (f.seq & (recent.length - 1))] = f;
    }

    /** The per-candidate prefetch window of a remembered fault (the last 256), if its prefetch step ran. */
    public java.util.Optional<dev.memscope.emulator.api.PrefetchWindow> prefetchWindowOf(long seq) {
        KvmPageFault f = recent[(int) (seq & (recent.length - 1))];
        return f != null && f.seq == seq ? java.util.Optional.ofNullable(f.prefetchWindow()) : java.util.Optional.empty();
    }

    /** The most recent faults (at most 256), oldest first, as records for the views. */
    public List<FaultRecord> recentFaults() {
        List<FaultRecord> out = new ArrayList<>();
        for (long s = Math.max(0, faultSeq - recent.length); s < faultSeq; s++) {
            KvmPageFault f = recent[(int) (s & (recent.length - 1))];
            if (f != null && f.seq == s && f.isDone()) {
                out.add(f.toRecord());
            }
        }
        return out;
    }
}
