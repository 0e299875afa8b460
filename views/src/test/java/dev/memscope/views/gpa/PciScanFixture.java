package dev.memscope.views.gpa;

import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.SpteMap;
import dev.memscope.views.common.FakeMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model produces for the scripted scenario: the pci-scan guest under the {@code allones} variant (TDP MMU,
 * the RFC's whole-slot prefetch), stopped mid-scan in the fault of the ID read of 00:1f.4. The scan (the guest's
 * {@code scan_bus}) has done bus 0 devices 00-1c, all of bus 1 behind the root port 00:1c.0, devices 1d and 1e, and
 * functions 0-3 of the multi-function device 1f. Present functions (q35 default topology) stay unslotted, so every
 * access to them exits to userspace; their BARs were sized (2 reads and 2 writes per BAR).
 */
public final class PciScanFixture {
    public static final long ECAM_BASE = 0xB000_0000L;
    public static final int ECAM_BUSES = 256;
    public static final long RAM_BYTES = 64L << 20;
    public static final long RAM_HVA = 0x7f4c_2000_0000L;
    /** Eight slot commits (RAM, then seven ALLONES slots), each adding 2 (two address spaces). */
    public static final long GENERATION = 16;
    /** The absent runs of ECAM pages that became ALLONES slots 1-7: {first page, pages}. */
    public static final long[][] ABSENT_RUNS = {{1, 7}, {9, 7}, {17, 207}, {225, 23}, {249, 1}, {252, 4},
            {257, 65279}};
    /** Present functions: {page index, name}; header type 0 endpoints unless noted. */
    public static final Map<Integer, String> PRESENT = new LinkedHashMap<>();

    static {
        PRESENT.put(0, "q35 host bridge");
        PRESENT.put(8, "virtio-net");
        PRESENT.put(16, "virtio-blk");
        PRESENT.put(224, "pcie-root-port");
        PRESENT.put(248, "ICH9 LPC bridge");
        PRESENT.put(250, "ICH9 AHCI controller");
        PRESENT.put(251, "ICH9 SMBus");
        PRESENT.put(256, "NVMe controller");
    }

    private PciScanFixture() {
    }

    public static MachineSnapshot.Setup setup() {
        return new MachineSnapshot.Setup("pci-scan", "9c1f0e5d".repeat(8), "sim", "simulated KVM, TDP MMU (EPT)",
                HoleVariant.ALLONES, MmuMode.TDP, "whole-slot", RAM_BYTES, ECAM_BASE, ECAM_BUSES);
    }

    public static List<MemslotInfo> memslots() {
        List<MemslotInfo> out = new ArrayList<>();
        out.add(new MemslotInfo(0, 0, 0, RAM_BYTES >>> 12, 0, RAM_HVA, GENERATION, 0));
        int id = 1;
        for (long[] run : ABSENT_RUNS) {
            out.add(new MemslotInfo(0, id++, (ECAM_BASE >>> 12) + run[0], run[1], MemslotFlags.ALLONES, 0,
                    GENERATION, 0));
        }
        return out;
    }

    /** The same slots at another generation (the model reports the address space's generation on every slot). */
    public static List<MemslotInfo> atGeneration(List<MemslotInfo> slots, long generation) {
        return slots.stream().map(m -> new MemslotInfo(m.asId(), m.id(), m.baseGfn(), m.npages(), m.flags(),
                m.userspaceAddr(), generation, m.dirtyPages())).toList();
    }

    public static List<HoleHits> holeHits() {
        List<HoleHits> out = new ArrayList<>();
        for (int dev = 0; dev <= 0x1c; dev++) {
            out.add(hit(0, dev, 0));
        }
        for (int dev = 0; dev < 32; dev++) {
            out.add(hit(1, dev, 0));
        }
        out.add(hit(0, 0x1d, 0));
        out.add(hit(0, 0x1e, 0));
        for (int fn = 0; fn <= 3; fn++) {
            out.add(hit(0, 0x1f, fn));
        }
        out.sort(java.util.Comparator.comparingInt(h -> EcamWindow.pageIndex(h.bus(), h.device(), h.function())));
        return out;
    }

    private static HoleHits hit(int bus, int dev, int fn) {
        int page = EcamWindow.pageIndex(bus, dev, fn);
        String name = PRESENT.get(page);
        if (name == null) { // absent: one ID read, served from the mapped 0xff page
            return new HoleHits(bus, dev, fn, false, "", 0, 0, 1, 0, 0);
        }
        if (page == 224) { // the bridge: ID, header type, class, secondary bus; no BARs sized
            return new HoleHits(bus, dev, fn, true, name, 4, 0, 0, 0, 0);
        }
        return new HoleHits(bus, dev, fn, true, name, 15, 0, 0, 12, 0); // ID, header, class, 6 BARs x 2
    }

    /** The SpteMap state of every gfn the scenario has, as the model's SpteMapRange would report it. */
    public static int state(long gfn) {
        long ecamFirst = ECAM_BASE >>> 12;
        if (gfn < (RAM_BYTES >>> 12)) {
            return ramState(gfn);
        }
        if (gfn < ecamFirst || gfn >= ecamFirst + ECAM_BUSES * 256L) {
            return SpteMap.NO_SLOT;
        }
        int page = (int) (gfn - ecamFirst);
        if (PRESENT.containsKey(page)) {
            return SpteMap.NO_SLOT | SpteMap.MMIO; // unslotted: the first access installed an MMIO SPTE
        }
        boolean fn0 = (page & 7) == 0;
        if (page >= 17 && page <= 223 || page >= 225 && page <= 247 || page >= 257) {
            // the slot was mapped whole at its first read; the ID reads since then have set Accessed
            boolean read = fn0 && (page <= 223 ? page >= 24 : page <= 247 ? page >= 232 : page <= 504);
            return read ? SpteMap.PRESENT : SpteMap.PRESENT | SpteMap.PREFETCHED;
        }
        if (page == 249) {
            return SpteMap.PRESENT;
        }
        return 0; // slots 1, 2 never read; slot 6 is being faulted in right now
    }

    private static int ramState(long gfn) {
        int rw = SpteMap.PRESENT | SpteMap.WRITABLE | SpteMap.DIRTY;
        if (gfn >= 1 && gfn <= 6) { // page tables (A bits set by the CPU), boot info, GDT
            return rw;
        }
        if (gfn >= 0x100 && gfn <= 0x103) { // .text and .rodata: fetched and read
            return SpteMap.PRESENT;
        }
        if (gfn >= 0x104 && gfn <= 0x105) { // .data and .bss
            return rw;
        }
        if (gfn >= 0x3ffe) { // the stack at the top of RAM
            return rw;
        }
        return 0;
    }

    public static SpteMap map(int asId, long firstGfn, int pages) {
        byte[] states = new byte[pages];
        for (int i = 0; i < pages; i++) {
            states[i] = (byte) state(firstGfn + i);
        }
        return new SpteMap(asId, firstGfn, states);
    }

    public static Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("pf_taken", 12L);
        c.put("pf_fixed", 5L);
        c.put("pf_emulate", 7L);
        c.put("pf_mmio_spte_created", 7L);
        c.put("mmio_exits", 159L);
        c.put("exits.MMIO", 159L);
        c.put("exits.IO", 212L);
        return c;
    }

    public static MachineSnapshot snapshot(long version) {
        return snapshot(version, memslots(), GENERATION, true);
    }

    public static MachineSnapshot snapshot(long version, List<MemslotInfo> memslots, long generation,
            boolean kernelInternalsVisible) {
        return new MachineSnapshot(version, RunState.STOPPED, "stopped in a page fault at gpa 0xb00fc000 (00:1f.4)",
                setup(), null, 48_213, 212, "pci-scan: ECAM at 0xb0000000, 256 buses\n", counters(), memslots,
                generation, null, List.of(), holeHits(), null, 4_120, 1_412_000, 38_000_000, List.of(),
                kernelInternalsVisible);
    }

    /** A fake machine showing the scenario and answering SPTE-map questions from {@link #state(long)}. */
    public static FakeMachine machine() {
        FakeMachine m = new FakeMachine();
        m.snapshot = snapshot(1);
        m.answer(Query.SpteMapRange.class, q -> map(q.asId(), q.firstGfn(), q.pages()));
        return m;
    }
}
