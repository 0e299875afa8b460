package dev.memscope.views.events;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event stream of pci-scan under {@code allones} on the TDP MMU, as the model records it: the memslots set up,
 * then bus 0 scanned device by device. Present functions (00:00.0, 00:01.0, 00:02.0-1) have no memslot and exit to
 * the VMM's device model; absent ones fault once into the ALLONES slot and read 0xff from its shared page. The
 * stream stops mid-fault at device 00:03.0, where the CPU fixture stops.
 */
final class EventFixtures {
    static final long ECAM_BASE = 0xB0000000L;
    static final long ECAM_GFN = ECAM_BASE >>> 12;
    static final long RIP = 0x100bb3;
    static final long ALLONES_PFN = 0x7f3;
    private final List<TraceEvent> events = new ArrayList<>();
    private long seq;
    private long nanos = 1_000_000;

    static List<TraceEvent> pciScan() {
        EventFixtures f = new EventFixtures();
        f.emit(EventKind.MEMSLOT_COMMIT, 0, 0, 2, 0, 0x4000, 0);                 // RAM, 64 MiB
        f.emit(EventKind.MEMSLOT_COMMIT, 1, 0, 4, ECAM_GFN + 0x12, 0x6, 0x100);   // 00:02.2..00:02.7 ALLONES
        f.emit(EventKind.MEMSLOT_COMMIT, 2, 0, 6, ECAM_GFN + 0x18, 0xe8, 0x100);  // 00:03.0..00:1f.7
        f.emit(EventKind.MEMSLOT_COMMIT, 3, 0, 8, ECAM_GFN + 0x100, 0xff00, 0x100); // buses 01..ff
        f.emit(EventKind.HOST_PAGE_ALLOC, 0x7f0a4c200000L, ALLONES_PFN, 4096, 4);
        f.present(0, 0, 0x29c08086L, 0x00);
        f.present(1, 0, 0x11111234L, 0x00);
        f.present(2, 0, 0x29228086L, 0x80);
        f.present(2, 1, 0x29308086L, 0x00);
        f.absentFunctions(2, 2);
        f.faultStart(3);
        return f.events;
    }

    /** A snapshot of the same moment. */
    static MachineSnapshot snapshot(long version, long lastSeq, Map<String, Long> counters) {
        return new MachineSnapshot(version, RunState.STOPPED, "step fault phase", setup(), null, 48_213, 0, "",
                counters, List.of(), 6, null, List.of(), List.of(), null, lastSeq, 0, 0, List.of(), true);
    }

    static MachineSnapshot.Setup setup() {
        return new MachineSnapshot.Setup("pci-scan", "9f2c41d0", "sim", "Java emulator + KVM model, TDP MMU",
                HoleVariant.ALLONES, MmuMode.TDP, "kernel-window", 64L << 20, ECAM_BASE, 256);
    }

    static Map<String, Long> counters(long pfTaken) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("exits.MMIO", 12L);
        c.put("exits.IO", 58L);
        c.put("pf_taken", pfTaken);
        c.put("pf_fixed", 2L);
        c.put("pf_emulate", 4L);
        c.put("pf_spurious", 0L);
        c.put("pf_mmio_spte_created", 4L);
        c.put("mmio_exits", 12L);
        c.put("mmu_shadow_zapped", 0L);
        return c;
    }

    private static long gfn(int dev, int fn) {
        return ECAM_GFN + (dev << 3) + fn;
    }

    private void emit(EventKind kind, long... args) {
        long[] a = java.util.Arrays.copyOf(args, 6);
        events.add(new TraceEvent(seq++, nanos, 0, kind, a[0], a[1], a[2], a[3], a[4], a[5]));
        nanos += Math.max(kind.defaultCostNanos(), 40);
    }

    private void phase(long gpa, FaultPhase phase, RetPf ret) {
        emit(EventKind.FAULT_PHASE, gpa, phase.ordinal(), ret == null ? -1 : ret.ordinal(), gpa >>> 12);
    }

    /** A present function: the ID read faults, finds no slot, caches an MMIO SPTE and exits; the header read exits. */
    private void present(int dev, int fn, long id, int header) {
        long gpa = ECAM_BASE + ((long) dev << 15) + ((long) fn << 12);
        emit(EventKind.KVM_EXIT, 48, RIP, 0x181, 0, 0, 0);
        emit(EventKind.KVM_PAGE_FAULT, RIP, gpa, 0x181);
        phase(gpa, FaultPhase.DECODE, null);
        phase(gpa, FaultPhase.FAULTIN_PFN, null);
        emit(EventKind.MARK_MMIO_SPTE, 0x3a21000L + (gfn(dev, fn) & 0x1ff) * 8, gfn(dev, fn), 3, 0x6);
        phase(gpa, FaultPhase.DONE, RetPf.EMULATE);
        mmioRead(gpa, 4, id);
        emit(EventKind.KVM_EXIT, 49, RIP + 0x4e, 0, 0, 0, 0);
        emit(EventKind.HANDLE_MMIO_PAGE_FAULT, gpa + 0xe, gfn(dev, fn), 3);
        emit(EventKind.CHECK_MMIO_SPTE, 0x6000000b0000c06L, 0x6, 0x6);
        mmioRead(gpa + 0xe, 1, header);
    }

    private void mmioRead(long gpa, int len, long val) {
        emit(EventKind.KVM_MMIO, 0, len, gpa, 0);
        emit(EventKind.KVM_USERSPACE_EXIT, 6, 0);
        emit(EventKind.HOLE_ACCESS, gpa, len, 0, 0, 1, val);
        emit(EventKind.KVM_MMIO, 1, len, gpa, val);
        emit(EventKind.KVM_ENTRY, RIP);
    }

    /** Functions 2..7 of a multi-function device: each read faults into the ALLONES slot once. */
    private void absentFunctions(int dev, int firstFn) {
        for (int fn = firstFn; fn < 8; fn++) {
            long gpa = ECAM_BASE + ((long) dev << 15) + ((long) fn << 12);
            emit(EventKind.KVM_EXIT, 48, RIP + 0xd2, 0x181, 0, 0, 0);
            emit(EventKind.KVM_PAGE_FAULT, RIP + 0xd2, gpa, 0x181);
            phase(gpa, FaultPhase.DECODE, null);
            phase(gpa, FaultPhase.FAULTIN_PFN, null);
            emit(EventKind.HUGEPAGE_ADJUST, gpa >>> 12, 2, 1, 1, 3);
            emit(EventKind.KVM_MMU_SPTE_REQUESTED, gpa >>> 12, ALLONES_PFN, 1);
            long spte = ALLONES_PFN << 12 | 0x975;
            emit(EventKind.KVM_TDP_MMU_SPTE_CHANGED, 0, gpa >>> 12, 1, 0, spte);
            emit(EventKind.KVM_MMU_SET_SPTE, gpa >>> 12, spte, 0x3a21000L + ((gpa >>> 12) & 0x1ff) * 8, 1, 5);
            emit(EventKind.PREFETCH_DECISION, gpa >>> 12, (gpa >>> 12) & ~7L, 8, 0, 0, 2);
            phase(gpa, FaultPhase.DONE, RetPf.FIXED);
            emit(EventKind.KVM_ENTRY, RIP + 0xd2);
            emit(EventKind.HOLE_ACCESS, gpa, 4, 0, 2, 0, 0xffffffffL);
        }
    }

    /** The ID read of an absent device faults; the machine stops after the faultin_pfn phase. */
    private void faultStart(int dev) {
        long gpa = ECAM_BASE + ((long) dev << 15);
        emit(EventKind.KVM_EXIT, 48, RIP, 0x181, 0, 0, 0);
        emit(EventKind.KVM_PAGE_FAULT, RIP, gpa, 0x181);
        phase(gpa, FaultPhase.DECODE, null);
        phase(gpa, FaultPhase.MMIO_CHECK, null);
        phase(gpa, FaultPhase.FAULTIN_PFN, null);
    }
}
