package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.trace.EventLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host side of guest memory: the VMM's HVA space (its userspace mappings and their backings) and the host
 * frames behind it. Frames are handed out on first touch as {@code get_user_pages} would fault them in; their
 * {@code byte[4096]} storage is made when someone first reads or writes the data. Huge backings are accounted a whole
 * huge page at a time, as the kernel allocates them, while storage stays per 4 KiB page.
 *
 * <p>Accounting is per VM (this VMM process): pages with a struct page, frames without one, and the bytes they stand
 * for. The kernel's single shared 0xff page of the ALLONES RFC belongs to the host, not to a VM: it is reported apart.
 */
public final class HostMemory {
    /** Where the model's mmap places mappings (the kernel would pick addresses near the top of the user range). */
    public static final long MMAP_BASE = 0x7F00_0000_0000L;
    private static final byte[] ALLONES_PAGE_DATA = filledFf();
    private static final byte[] ZERO_PAGE_DATA = new byte[4096];

    /** Called when a range of HVAs loses its backing (munmap): the MMU-notifier path. */
    public interface InvalidateListener {
        void invalidateHvaRange(long startHva, long endHva);
    }

    private final TreeMap<Long, HostMapping> mappings = new TreeMap<>();
    private final FrameTable ram = new FrameTable(KvmPfn.RAM_BASE);
    private final FrameTable pfnOnly = new FrameTable(KvmPfn.PFN_ONLY_BASE);
    private final EventLog log;
    private final List<InvalidateListener> listeners = new ArrayList<>();
    private long nextHva = MMAP_BASE;
    private long nextRamPfn = KvmPfn.RAM_BASE;
    private long nextPfnOnly = KvmPfn.PFN_ONLY_BASE;
    private HostMapping lastMapping;
    private boolean lastMapWritable;
    // accounting, in 4 KiB pages
    private long structPages;
    private long pfnOnlyPages;

    public HostMemory(EventLog log) {
        this.log = log;
    }

    public void addInvalidateListener(InvalidateListener l) {
        listeners.add(l);
    }

    /** mmap(2) of anonymous (or /dev/mem) memory: returns the HVA. PFN_ONLY frames count as e820 RAM. */
    public long mmap(long bytes, MemoryBacking backing) {
        return mmap(bytes, backing, true);
    }

    /**
     * @param e820Ram for PFN_ONLY: whether the frames are RAM in the e820 table (memory hidden with {@code mem=}:
     *        true) or device memory (false: {@code kvm_is_mmio_pfn} is then true and SPTEs get UC)
     */
    public long mmap(long bytes, MemoryBacking backing, boolean e820Ram) {
        long align = switch (backing) {
            case ANONYMOUS_HUGE_2M -> 1L << 21;
            case ANONYMOUS_HUGE_1G -> 1L << 30;
            default -> 1L << 12;
        };
        if (bytes <= 0 || (bytes & (align - 1)) != 0) {
            throw new IllegalArgumentException("mmap of 0x" + Long.toHexString(bytes) + " bytes: not a multiple of "
                    + align + " for " + backing);
        }
        long hva = (nextHva + align - 1) & -align;
        nextHva = hva + bytes + (1L << 21); // a guard gap between mappings, as separate mmaps would leave
        HostMapping m = new HostMapping(hva, bytes, backing, e820Ram);
        mappings.put(hva, m);
        if (backing == MemoryBacking.FILLED_FF) {
            structPages += bytes >>> 12; // the VMM wrote 0xff to every page at mmap time
        } else if (backing == MemoryBacking.SINGLE_PAGE_FF) {
            long pfn = nextRamPfn++;
            ram.put(pfn, filledFf());
            m.setPfn(hva, pfn);
            structPages++;
            log.record(EventKind.HOST_PAGE_ALLOC, 0, hva, pfn, 4096, 2);
        }
        return hva;
    }

    /** munmap(2) of a whole mapping: its frames are freed and the MMU notifier zaps what mapped them. */
    public void munmap(long hva, long bytes) {
        HostMapping m = mappings.get(hva);
        if (m == null || m.bytes() != bytes) {
            throw new IllegalArgumentException("no mapping of 0x" + Long.toHexString(bytes) + " bytes at 0x"
                    + Long.toHexString(hva));
        }
        for (InvalidateListener l : listeners) {
            l.invalidateHvaRange(hva, hva + bytes);
        }
        mappings.remove(hva);
        lastMapping = null;
        long[] freed = {0};
        m.forEachPresentPfn(pfn -> {
            if (pfn == KvmPfn.ZERO_PAGE) {
                return;
            }
            if (KvmPfn.hasStructPage(pfn)) {
                ram.clear(pfn);
            } else {
                pfnOnly.clear(pfn);
                pfnOnlyPages--;
            }
            freed[0]++;
        });
        switch (m.backing()) {
            case FILLED_FF -> structPages -= bytes >>> 12;
            case PFN_ONLY -> {
            }
            default -> structPages -= freed[0];
        }
    }

    /** The mapping holding {@code hva}, or null. */
    public HostMapping mappingAt(long hva) {
        HostMapping m = lastMapping;
        if (m != null && m.contains(hva)) {
            return m;
        }
        Map.Entry<Long, HostMapping> e = mappings.floorEntry(hva);
        if (e == null || !e.getValue().contains(hva)) {
            return null;
        }
        lastMapping = e.getValue();
        return lastMapping;
    }

    /** Whether every page of [hva, hva+bytes) lies in mappings ({@code access_ok} plus VMAs). */
    public boolean isMapped(long hva, long bytes) {
        long end = hva + bytes;
        long at = hva;
        while (Long.compareUnsigned(at, end) < 0) {
            HostMapping m = mappingAt(at);
            if (m == null) {
                return false;
            }
            at = m.endHva();
        }
        return true;
    }

    /**
     * The host frame behind {@code hva}, as {@code hva_to_pfn} finds it: {@link KvmPfn#ERR_FAULT} without a mapping;
     * 0 when the page is absent and {@code mayFault} is false (the prefetch and fast-GUP case); otherwise the page is
     * faulted in (allocated and accounted) and its pfn returned. Every mapping here is readable and writable.
     */
    public long hvaToPfn(long hva, boolean mayFault) {
        return hvaToPfn(hva, true, mayFault);
    }

    /**
     * {@code hva_to_pfn()} for a read or a write. A read of an anonymous 4 KiB page never touched maps the host's
     * shared zero page, read-only, as the kernel does (so a read fault does not break copy-on-write); a write then
     * allocates a private page. After the call {@link #lastMapWritable()} says whether the pfn may be mapped writable.
     * With {@code mayFault} false only pages already present (and, for a write, writable) are returned, else 0: the
     * {@code get_user_page_fast_only} of prefetch.
     */
    public long hvaToPfn(long hva, boolean write, boolean mayFault) {
        HostMapping m = mappingAt(hva);
        lastMapWritable = false;
        if (m == null) {
            return KvmPfn.ERR_FAULT;
        }
        long pfn = m.pfnAt(hva);
        if (pfn == KvmPfn.ZERO_PAGE) {
            if (!write) {
                return pfn;
            }
            if (!mayFault) {
                return 0;
            }
            // breaking copy-on-write replaces the PTE: the MMU notifier invalidates the old translation
            long page = hva & -4096L;
            for (InvalidateListener l : listeners) {
                l.invalidateHvaRange(page, page + 4096);
            }
            m = mappingAt(hva);
            pfn = 0;
        }
        if (pfn != 0) {
            lastMapWritable = true;
            return pfn;
        }
        if (!mayFault) {
            return 0;
        }
        if (!write && m.backing() == MemoryBacking.ANONYMOUS) {
            m.setPfn(hva, KvmPfn.ZERO_PAGE);
            return KvmPfn.ZERO_PAGE;
        }
        lastMapWritable = true;
        return faultIn(m, hva);
    }

    /** Whether the pfn of the last {@link #hvaToPfn} may be mapped writable (not the zero page, not absent). */
    public boolean lastMapWritable() {
        return lastMapWritable;
    }

    private long faultIn(HostMapping m, long hva) {
        switch (m.backing()) {
            case ANONYMOUS_HUGE_2M, ANONYMOUS_HUGE_1G -> {
                long per = m.pageSize() >>> 12;
                long base = (nextRamPfn + per - 1) & -per;
                nextRamPfn = base + per;
                long hugeHva = hva & -m.pageSize();
                m.setPfn(hugeHva, base);
                structPages += per;
                log.record(EventKind.HOST_PAGE_ALLOC, 0, hugeHva, base, m.pageSize(), 0);
                return m.pfnAt(hva);
            }
            case PFN_ONLY -> {
                long pfn = nextPfnOnly++;
                m.setPfn(hva, pfn);
                pfnOnlyPages++;
                log.record(EventKind.HOST_PAGE_ALLOC, 0, hva & -4096L, pfn, 4096, 3);
                return pfn;
            }
            case FILLED_FF -> {
                long pfn = nextRamPfn++;
                ram.put(pfn, filledFf());
                m.setPfn(hva, pfn);
                log.record(EventKind.HOST_PAGE_ALLOC, 0, hva & -4096L, pfn, 4096, 1);
                return pfn;
            }
            default -> {
                long pfn = nextRamPfn++;
                m.setPfn(hva, pfn);
                structPages++;
                log.record(EventKind.HOST_PAGE_ALLOC, 0, hva & -4096L, pfn, 4096, 0);
                return pfn;
            }
        }
    }

    /** {@code host_pfn_mapping_level()}: the level at which the host maps a present page (1 4K, 2 2M, 3 1G). */
    public int hostMappingLevel(long hva) {
        HostMapping m = mappingAt(hva);
        if (m == null) {
            return 1;
        }
        int level = switch (m.backing()) {
            case ANONYMOUS_HUGE_2M -> 2;
            case ANONYMOUS_HUGE_1G -> 3;
            default -> 1;
        };
        return level == 1 || m.pfnAt(hva) == 0 ? 1 : level;
    }

    /** {@code kvm_is_mmio_pfn()} (arch/x86/kvm/mmu/spte.c): a frame without struct page that is not e820 RAM. */
    public boolean isMmioPfn(long pfn, long hva) {
        if (KvmPfn.hasStructPage(pfn)) {
            return false;
        }
        HostMapping m = mappingAt(hva);
        return m != null && !m.e820Ram();
    }

    /** The storage of a host frame (made zero-filled on first use). The 0xff page of ALLONES is one array. */
    public byte[] pageOfPfn(long pfn) {
        if (pfn == KvmPfn.ALLONES_PAGE) {
            return ALLONES_PAGE_DATA;
        }
        if (pfn == KvmPfn.ZERO_PAGE) {
            return ZERO_PAGE_DATA;
        }
        FrameTable t = KvmPfn.hasStructPage(pfn) ? ram : pfnOnly;
        byte[] p = t.get(pfn);
        if (p == null) {
            p = new byte[4096];
            t.put(pfn, p);
        }
        return p;
    }

    /** The VMM writes its own memory (faulting pages in as a userspace write would). */
    public void writeHost(long hva, byte[] src, int offset, int length) {
        while (length > 0) {
            long pfn = hvaToPfn(hva, true);
            if (KvmPfn.isErrorPfn(pfn)) {
                throw new IllegalArgumentException("SIGSEGV: write to unmapped hva 0x" + Long.toHexString(hva));
            }
            int in = (int) (hva & 4095);
            int n = Math.min(length, 4096 - in);
            System.arraycopy(src, offset, pageOfPfn(pfn), in, n);
            hva += n;
            offset += n;
            length -= n;
        }
    }

    /** The VMM reads its own memory. */
    public void readHost(long hva, byte[] dst, int offset, int length) {
        while (length > 0) {
            long pfn = hvaToPfn(hva, false, true);
            if (KvmPfn.isErrorPfn(pfn)) {
                throw new IllegalArgumentException("SIGSEGV: read of unmapped hva 0x" + Long.toHexString(hva));
            }
            int in = (int) (hva & 4095);
            int n = Math.min(length, 4096 - in);
            System.arraycopy(pageOfPfn(pfn), in, dst, offset, n);
            hva += n;
            offset += n;
            length -= n;
        }
    }

    /** Host pages with a struct page that this VM's memory holds (4 KiB units; huge pages count whole). */
    public long structPages() {
        return structPages;
    }

    /** Frames without struct page faulted in through PFN_ONLY mappings. */
    public long pfnOnlyPages() {
        return pfnOnlyPages;
    }

    /** Host bytes this VM's memory holds: pages with and without struct page. */
    public long hostBytes() {
        return (structPages + pfnOnlyPages) << 12;
    }

    /** The mappings, in HVA order. */
    public List<HostMapping> mappings() {
        return List.copyOf(mappings.values());
    }

    private static byte[] filledFf() {
        byte[] p = new byte[4096];
        Arrays.fill(p, (byte) 0xFF);
        return p;
    }
}
