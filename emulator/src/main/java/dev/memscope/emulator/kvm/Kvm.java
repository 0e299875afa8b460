package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HostMemoryInfo;
import dev.memscope.emulator.api.KvmSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.trace.CostModel;
import dev.memscope.emulator.trace.EventLog;
import dev.memscope.emulator.trace.KvmStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One VM: {@code struct kvm} with its memslots (two address spaces), the host memory of its VMM, its MMU, its vCPUs,
 * its event log and its counters. Every memslot change goes through {@link #swapActiveMemslots}, which bumps the
 * generation and records the commit. Only the machine thread calls into it.
 */
public final class Kvm {
    /** {@code KVM_MAX_NR_ADDRESS_SPACES} on x86: 0 normal, 1 SMM. */
    public static final int ADDRESS_SPACES = 2;

    private final KvmConfig config;
    private final EventLog log;
    private final KvmStats stats = new KvmStats();
    private final HostMemory host;
    private final KvmMmu mmu;
    private final Memslots[] memslots = new Memslots[ADDRESS_SPACES];
    private final List<KvmVcpu> vcpus = new ArrayList<>();
    private KvmHooks hooks = KvmHooks.NONE;
    /** {@code kvm->mmu_invalidate_seq}: bumped by every MMU-notifier invalidation. */
    long mmuInvalidateSeq;
    /** {@code kvm->mmu_invalidate_in_progress}. */
    int mmuInvalidateInProgress;

    private Kvm(KvmConfig config) {
        this.config = config;
        this.log = new EventLog(config.eventCapacity(), new CostModel());
        this.host = new HostMemory(log);
        for (int as = 0; as < ADDRESS_SPACES; as++) {
            // kvm_create_vm(): the generation of address space i starts at i
            memslots[as] = new Memslots(as, as, Map.of());
        }
        this.mmu = new KvmMmu(this);
        host.addInvalidateListener(this::mmuNotifierInvalidate);
    }

    /** {@code KVM_CREATE_VM}. */
    public static Kvm create(KvmConfig config) {
        return new Kvm(config);
    }

    public KvmConfig config() {
        return config;
    }

    public EventLog log() {
        return log;
    }

    public KvmStats stats() {
        return stats;
    }

    public HostMemory host() {
        return host;
    }

    public KvmMmu mmu() {
        return mmu;
    }

    public KvmHooks hooks() {
        return hooks;
    }

    public void setHooks(KvmHooks hooks) {
        this.hooks = hooks == null ? KvmHooks.NONE : hooks;
    }

    /** {@code __kvm_memslots(kvm, as_id)}: the active memslots of an address space. */
    public Memslots memslots(int asId) {
        return memslots[asId];
    }

    /** {@code KVM_CREATE_VCPU}. */
    public KvmVcpu createVcpu(GuestPagingState paging) {
        KvmVcpu v = new KvmVcpu(this, vcpus.size(), paging);
        vcpus.add(v);
        return v;
    }

    public List<KvmVcpu> vcpus() {
        return List.copyOf(vcpus);
    }

    /** {@code KVM_CHECK_EXTENSION} for the capabilities the model knows. */
    public int checkExtension(int cap) {
        return switch (cap) {
            case KvmCap.USER_MEMORY, KvmCap.SYNC_MMU -> 1;
            case KvmCap.NR_MEMSLOTS -> MemoryRegionCheck.KVM_USER_MEM_SLOTS;
            case KvmCap.MULTI_ADDRESS_SPACE -> ADDRESS_SPACES;
            case KvmCap.READONLY_MEM -> config.readonlyMemCap() ? 1 : 0;
            case KvmCap.PRE_FAULT_MEMORY -> config.mmuMode().isTdp() ? 1 : 0; // r = tdp_enabled
            case KvmCap.ALLONES_MEM -> config.allonesMemCap() ? 1 : 0;
            case KvmCap.PCI_HOLE_MEM -> config.pciHoleMemCap() ? 1 : 0;
            case KvmCap.NR_VCPUS, KvmCap.MAX_VCPUS -> 1;
            default -> 0;
        };
    }

    // ---- KVM_SET_USER_MEMORY_REGION --------------------------------------------------------------------------------

    /** {@code KVM_SET_USER_MEMORY_REGION}: 0 or -errno; {@code slot} is {@code as_id << 16 | id}. */
    public int setUserMemoryRegion(int slot, int flags, long gpa, long size, long uaddr) {
        MemoryRegionCheck.Decision d = MemoryRegionCheck.check(config, memslots, slot, flags, gpa, size, uaddr);
        if (d.errno() != 0 || d.change() == null) {
            return d.errno();
        }
        int asId = slot >>> 16;
        int id = slot & 0xFFFF;
        Memslot old = d.old();
        MemslotChange change = d.change();
        // kvm_set_memslot(): DELETE and MOVE first make the old slot INVALID, then zap what it mapped
        if (change == MemslotChange.DELETE || change == MemslotChange.MOVE) {
            Memslot invalid = old.withFlags(old.flags | MemFlags.INVALID);
            Map<Integer, Memslot> m = new HashMap<>(memslots[asId].byIdMap());
            m.put(id, invalid);
            swapActiveMemslots(asId, m, 4, invalid);
            hooks.memslotInvalidated(this, invalid);
            // kvm_arch_flush_shadow_memslot(): zap the slot's SPTEs
            mmu.zapGfnRange(asId, old.baseGfn, old.endGfn());
        }
        Memslot created = null;
        Map<Integer, Memslot> m = new HashMap<>(memslots[asId].byIdMap());
        switch (change) {
            case CREATE, MOVE -> {
                created = new Memslot(asId, id, gpa >>> 12, size >>> 12, flags, uaddr);
                created.allocLpageInfo(); // kvm_alloc_memslot_metadata()
                if ((flags & MemFlags.LOG_DIRTY_PAGES) != 0) {
                    // kvm_prepare_memory_region(): a MOVE keeps the old bitmap
                    created.dirtyBitmap = old != null && old.dirtyBitmap != null ? old.dirtyBitmap
                            : new long[(int) ((created.npages + 63) >>> 6)];
                }
                m.put(id, created);
            }
            case FLAGS_ONLY -> {
                created = old.withFlags(flags);
                // kvm_prepare_memory_region(): a bitmap only while LOG_DIRTY_PAGES is on
                if ((flags & MemFlags.LOG_DIRTY_PAGES) == 0) {
                    created.dirtyBitmap = null;
                } else if (created.dirtyBitmap == null) {
                    created.dirtyBitmap = new long[(int) ((created.npages + 63) >>> 6)];
                }
                m.put(id, created);
            }
            case DELETE -> m.remove(id);
        }
        swapActiveMemslots(asId, m, change.ordinal(), change == MemslotChange.DELETE ? old : created);
        if (change == MemslotChange.FLAGS_ONLY) {
            kvmMmuSlotApplyFlags(old, created);
        }
        hooks.memslotCommitted(this, change, old, created);
        return 0;
    }

    /**
     * The one door for memslot changes ({@code kvm_swap_active_memslots}): the new set is published with the
     * in-progress bit set, then the generation advances by the number of address spaces and the commit is recorded.
     */
    private void swapActiveMemslots(int asId, Map<Integer, Memslot> slots, int changeCode, Memslot shown) {
        long gen = memslots[asId].generation;
        if ((gen & Memslots.GEN_UPDATE_IN_PROGRESS) != 0) {
            throw new IllegalStateException("memslot update already in progress");
        }
        memslots[asId] = new Memslots(asId, gen | Memslots.GEN_UPDATE_IN_PROGRESS, slots);
        hooks.memslotsUpdating(this, asId); // the new set is visible, with the in-progress bit
        gen += ADDRESS_SPACES;
        kvmArchMemslotsUpdated(gen);
        memslots[asId] = new Memslots(asId, gen, slots);
        log.record(EventKind.MEMSLOT_COMMIT, 0, ((long) asId << 16) | shown.id, changeCode, gen, shown.baseGfn,
                shown.npages, shown.flags);
    }

    /** {@code kvm_mmu_invalidate_mmio_sptes()}: when the MMIO generation wraps, every SPTE goes. */
    private void kvmArchMemslotsUpdated(long gen) {
        long g = gen & SpteFormat.MMIO_SPTE_GEN_MASK;
        g &= ~((long) ADDRESS_SPACES - 1);
        if (g == 0) {
            mmu.zapAll();
        }
    }

    /**
     * {@code kvm_mmu_slot_apply_flags()}: enabling dirty logging write-protects the slot. The kernel splits huge
     * pages eagerly ({@code eager_page_split}); the model zaps them instead, so they come back at 4K on the next
     * fault. Disabling dirty logging does not recover huge pages here (the kernel zaps collapsible SPTEs).
     */
    private void kvmMmuSlotApplyFlags(Memslot old, Memslot neu) {
        boolean was = old.dirtyTrackEnabled();
        boolean now = neu.dirtyTrackEnabled();
        if (!was && now) {
            mmu.zapHugeLeaves(neu.asId, neu.baseGfn, neu.endGfn());
            mmu.writeProtectGfnRange(neu.asId, neu.baseGfn, neu.endGfn(), 1);
        }
    }

    // ---- KVM_GET_DIRTY_LOG ---------------------------------------------------------------------------------------

    /**
     * {@code KVM_GET_DIRTY_LOG} ({@code kvm_get_dirty_log_protect}): copies out and clears the slot's bitmap, then
     * write-protects the pages that were dirty so that their next write is seen. -EINVAL for a bad slot number,
     * -ENOENT for a missing slot or one without dirty logging, -EFAULT when {@code bitmap} is too small.
     */
    public int getDirtyLog(int slot, long[] bitmap) {
        int asId = slot >>> 16;
        int id = slot & 0xFFFF;
        if (asId >= ADDRESS_SPACES || id >= MemoryRegionCheck.KVM_USER_MEM_SLOTS) {
            return -Errno.EINVAL;
        }
        Memslot s = memslots[asId].idToMemslot(id);
        if (s == null || s.dirtyBitmap == null) {
            return -Errno.ENOENT;
        }
        long[] bits = s.dirtyBitmap;
        if (bitmap.length < bits.length) {
            return -Errno.EFAULT;
        }
        long dirty = 0;
        for (int i = 0; i < bits.length; i++) {
            long mask = bits[i];
            bits[i] = 0;
            bitmap[i] = mask;
            if (mask != 0) {
                dirty += Long.bitCount(mask);
                // kvm_arch_mmu_enable_log_dirty_pt_masked(): write-protect the dirty pages again
                long base = s.baseGfn + ((long) i << 6);
                for (long w = mask; w != 0; w &= w - 1) {
                    long gfn = base + Long.numberOfTrailingZeros(w);
                    mmu.forEachLeaf(asId, gfn, gfn + 1, (sp, idx) -> {
                        long spte = sp.spte(idx);
                        if (Spte.isShadowPresentPte(spte) && Spte.isWritablePte(spte)) {
                            mmu.mmuSpteSet(sp, idx, Spte.spteWriteProtect(spte));
                        }
                    });
                }
            }
        }
        mmu.flushIfPending(1);
        log.record(EventKind.DIRTY_LOG, 0, slot & 0x1FFFF, dirty, s.npages);
        return 0;
    }

    // ---- MMU notifier ----------------------------------------------------------------------------------------------

    /** {@code kvm_mmu_notifier_invalidate_range_start/end}: zap the gfns whose HVA lost its backing. */
    private void mmuNotifierInvalidate(long startHva, long endHva) {
        mmuInvalidateInProgress++;
        for (int as = 0; as < ADDRESS_SPACES; as++) {
            for (Memslot s : memslots[as].slots()) {
                if (s.isAllones() || s.isPciHole()) {
                    continue;
                }
                long sStart = s.userspaceAddr;
                long sEnd = s.userspaceAddr + (s.npages << 12);
                long lo = Math.max(sStart, startHva);
                long hi = Math.min(sEnd, endHva);
                if (Long.compareUnsigned(lo, hi) < 0) {
                    mmu.zapGfnRange(as, s.baseGfn + ((lo - sStart) >>> 12), s.baseGfn + ((hi - sStart + 4095) >>> 12));
                }
            }
        }
        mmuInvalidateSeq++;
        mmuInvalidateInProgress--;
    }

    /** Shadow roots were dropped by a zap-all: vCPUs must look their roots up again. */
    void shadowRootsDropped() {
        for (KvmVcpu v : vcpus) {
            v.dropShadowRoots();
        }
    }

    // ---- views ----------------------------------------------------------------------------------------------------

    /** A copy of everything the views show ({@link KvmSnapshot}); cheap enough for once a frame on small guests. */
    public KvmSnapshot snapshot() {
        List<HostMemoryInfo.Mapping> maps = new ArrayList<>();
        for (HostMapping m : host.mappings()) {
            maps.add(new HostMemoryInfo.Mapping(m.startHva(), m.bytes(), m.backing().name()));
        }
        boolean allonesUsed = false;
        for (Memslots ms : memslots) {
            for (Memslot s : ms.slots()) {
                allonesUsed |= s.isAllones();
            }
        }
        HostMemoryInfo hi = new HostMemoryInfo(host.structPages(), host.pfnOnlyPages(), host.hostBytes(),
                allonesUsed ? 1 : 0, maps);
        List<dev.memscope.emulator.api.FaultRecord> faults = vcpus.isEmpty() ? List.of() : vcpus.get(0).recentFaults();
        return new KvmSnapshot(config.mmuMode().cliName(),
                new long[] {memslots[0].generation, memslots[1].generation}, memslotInfos(), mmu.snapshot(),
                stats.snapshot(), hi, faults, log.modelledNanos(), log.nextSeq());
    }

    /** Every memslot of both address spaces, for the views. */
    public List<MemslotInfo> memslotInfos() {
        List<MemslotInfo> out = new ArrayList<>();
        for (Memslots ms : memslots) {
            for (Memslot s : ms.slots()) {
                out.add(new MemslotInfo(s.asId, s.id, s.baseGfn, s.npages, s.flags, s.userspaceAddr, ms.generation,
                        s.dirtyCount()));
            }
        }
        return out;
    }
}
