package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.trace.Stat;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.PhysicalMemory;
import dev.memscope.emulator.x86.VmExit;

/**
 * Guest-physical memory as KVM's instruction emulator sees it ({@code emulator_read_write()} and
 * {@code emulator_read_write_onepage()}, arch/x86/kvm/x86.c): memslot RAM is read and written directly (a write
 * marks the page dirty), the in-kernel PCI_HOLE device answers reads with all-ones, and everything else becomes
 * {@code KVM_EXIT_MMIO} with the kernel's {@code kvm_run.mmio} contents. A read that exits is completed by the data
 * userspace leaves in kvm_run, delivered on the next entry ({@code complete_emulated_mmio}); up to
 * {@code KVM_MAX_MMIO_FRAGMENTS} = 2 completed fragments wait for the re-executed instruction.
 */
final class EmulatorView implements PhysicalMemory {
    private static final int KVM_MAX_MMIO_FRAGMENTS = 2;
    private final KvmVcpu vcpu;
    // the read waiting for userspace
    private boolean readPending;
    private long pendingGpa;
    private int pendingLen;
    // completed fragments waiting for the re-executed instruction
    private final long[] fragGpa = new long[KVM_MAX_MMIO_FRAGMENTS];
    private final int[] fragLen = new int[KVM_MAX_MMIO_FRAGMENTS];
    private final long[] fragVal = new long[KVM_MAX_MMIO_FRAGMENTS];
    private int nfrags;

    EmulatorView(KvmVcpu vcpu) {
        this.vcpu = vcpu;
    }

    @Override
    public int resolve(long gpa, int access, long gla, boolean pageWalk, PageRef out, VmExit exit) {
        long gfn = gpa >>> 12;
        Memslot slot = vcpu.memslots().gfnToMemslot(gfn);
        if (slot == null || slot.isInvalid() || slot.isPciHole()) {
            return MMIO;
        }
        boolean write = access == Access.WRITE;
        HostMemory host = vcpu.kvm().host();
        if (slot.isAllones()) {
            if (write) {
                return MMIO;
            }
            out.set(host.pageOfPfn(KvmPfn.ALLONES_PAGE), false, true);
            return RESOLVED;
        }
        // Read-only: KVM_EXIT_MMIO. A shadowed page table: the emulator's own write goes through mmioWrite and
        // kvm_mmu_pte_write(); the walk's A/D update does not (a cmpxchg on the user mapping and
        // kvm_vcpu_mark_page_dirty(): FNAME(update_accessed_dirty_bits), arch/x86/kvm/mmu/paging_tmpl.h).
        if (write && (slot.isReadonly() || !pageWalk && vcpu.kvm().mmu().isWriteTracked(gfn))) {
            return MMIO;
        }
        long pfn = host.hvaToPfn(slot.gfnToHvaMemslot(gfn), write, true);
        if (KvmPfn.isErrorPfn(pfn)) {
            return MMIO;
        }
        if (write) {
            slot.markPageDirty(gfn); // kvm_vcpu_write_guest() -> mark_page_dirty_in_slot()
        }
        out.set(host.pageOfPfn(pfn), write && host.lastMapWritable(), true);
        return RESOLVED;
    }

    @Override
    public long mmioRead(long gpa, int size, VmExit exit) {
        for (int i = 0; i < nfrags; i++) {
            if (fragGpa[i] == gpa && fragLen[i] == size) {
                long v = fragVal[i];
                removeFrag(i);
                return v;
            }
        }
        Memslot slot = vcpu.memslots().gfnToMemslot(gpa >>> 12);
        Kvm kvm = vcpu.kvm();
        if (slot != null && !slot.isInvalid() && slot.isPciHole()) {
            // KVM_MEM_PCI_HOLE v2: the guest-read helper fills 0xff, no exit
            long v = size == 8 ? -1L : (1L << (size * 8)) - 1;
            kvm.log().record(EventKind.KVM_MMIO, vcpu.id(), 1, size, gpa, v);
            kvm.log().record(EventKind.HOLE_ACCESS, vcpu.id(), gpa, size, 0, 3, 0, v);
            kvm.hooks().holeAccess(gpa, size, false, true);
            return v;
        }
        // vcpu_mmio_read() found no in-kernel device: exit to userspace
        KvmRun run = vcpu.run();
        run.clear();
        run.exitReason = KvmExitReason.MMIO;
        run.mmioPhysAddr = gpa;
        run.mmioLen = size;
        run.mmioIsWrite = false;
        readPending = true;
        pendingGpa = gpa;
        pendingLen = size;
        kvm.stats().inc(Stat.MMIO_EXITS);
        kvm.log().record(EventKind.KVM_MMIO, vcpu.id(), 0, size, gpa, 0);
        kvm.log().record(EventKind.HOLE_ACCESS, vcpu.id(), gpa, size, 0, holeKind(slot), 1, 0);
        fillExit(exit, gpa, size, false, 0);
        return 0;
    }

    @Override
    public void mmioWrite(long gpa, int size, long value, VmExit exit) {
        long gfn = gpa >>> 12;
        Memslot slot = vcpu.memslots().gfnToMemslot(gfn);
        Kvm kvm = vcpu.kvm();
        if (slot != null && !slot.isInvalid() && !slot.isReadonly() && !slot.isAllones() && !slot.isPciHole()
                && kvm.mmu().isWriteTracked(gfn)) {
            // emulator_write_phys(): write the guest page, then kvm_page_track_write() -> kvm_mmu_pte_write()
            long pfn = kvm.host().hvaToPfn(slot.gfnToHvaMemslot(gfn), true, true);
            byte[] page = kvm.host().pageOfPfn(pfn);
            for (int i = 0; i < size && (gpa & 4095) + i < 4096; i++) {
                page[(int) (gpa & 4095) + i] = (byte) (value >>> (8 * i));
            }
            slot.markPageDirty(gfn);
            kvm.mmu().pteWrite(gpa, size);
            return;
        }
        KvmRun run = vcpu.run();
        run.clear();
        run.exitReason = KvmExitReason.MMIO;
        run.mmioPhysAddr = gpa;
        run.mmioLen = size;
        run.mmioIsWrite = true;
        run.setMmioValue(value);
        kvm.stats().inc(Stat.MMIO_EXITS);
        kvm.log().record(EventKind.KVM_MMIO, vcpu.id(), 2, size, gpa, value);
        kvm.log().record(EventKind.HOLE_ACCESS, vcpu.id(), gpa, size, 1, holeKind(slot), 1, value);
        fillExit(exit, gpa, size, true, value);
    }

    /** On entry: the read userspace answered becomes a completed fragment ({@code complete_emulated_mmio}). */
    void completeUserspaceMmio(KvmRun run) {
        if (!readPending) {
            return;
        }
        readPending = false;
        long v = run.mmioValue();
        if (nfrags == KVM_MAX_MMIO_FRAGMENTS) {
            removeFrag(0);
        }
        fragGpa[nfrags] = pendingGpa;
        fragLen[nfrags] = pendingLen;
        fragVal[nfrags] = v;
        nfrags++;
        vcpu.kvm().log().record(EventKind.KVM_MMIO, vcpu.id(), 1, pendingLen, pendingGpa, v);
    }

    boolean completionPending() {
        return nfrags > 0;
    }

    private void removeFrag(int i) {
        for (int j = i + 1; j < nfrags; j++) {
            fragGpa[j - 1] = fragGpa[j];
            fragLen[j - 1] = fragLen[j];
            fragVal[j - 1] = fragVal[j];
        }
        nfrags--;
    }

    private static void fillExit(VmExit exit, long gpa, int size, boolean write, long value) {
        exit.reason = VmExit.MMIO;
        exit.gpa = gpa;
        exit.size = size;
        exit.isWrite = write;
        exit.value = value;
    }

    /** HOLE_ACCESS kinds: 0 no slot, 1 read-only slot, 2 ALLONES, 3 PCI_HOLE. */
    private static int holeKind(Memslot slot) {
        if (slot == null || slot.isInvalid()) {
            return 0;
        }
        if (slot.isAllones()) {
            return 2;
        }
        if (slot.isPciHole()) {
            return 3;
        }
        return 1;
    }

    static long getLong(byte[] p, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (p[off + i] & 0xFF);
        }
        return v;
    }

    static void putLong(byte[] p, int off, long v) {
        for (int i = 0; i < 8; i++) {
            p[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
