package dev.memscope.emulator.vmm;

import static dev.memscope.emulator.vmm.GuestAbi.BOOT_INFO_GPA;
import static dev.memscope.emulator.vmm.GuestAbi.GDT_GPA;
import static dev.memscope.emulator.vmm.GuestAbi.IMAGE_MIN_GPA;
import static dev.memscope.emulator.vmm.GuestAbi.PAGE_TABLES_GPA;
import static dev.memscope.emulator.vmm.GuestAbi.TSS_GPA;

import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSegment;
import dev.memscope.emulator.backend.KvmSregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the guest ABI's entry state (DESIGN.md, "Guest ABI"): a GDT with a flat 64-bit code segment, a data segment
 * and a TSS; the boot-info block; 4-level page tables below 1 MiB that identity-map all of RAM and the ECAM window
 * (2 MiB pages by default, 4 KiB on request); the image's segments; and the registers of long-mode entry.
 */
public final class BootLayout {
    /** Page-table entry bits (Intel SDM Vol. 3, 4.5). */
    static final long PTE_P = 1L, PTE_RW = 1L << 1, PTE_PWT = 1L << 3, PTE_PCD = 1L << 4, PTE_PS = 1L << 7;
    static final long PTE_NX = 1L << 63;

    public enum PageSize {
        SIZE_4K(1L << 12), SIZE_2M(1L << 21);

        public final long bytes;

        PageSize(long bytes) {
            this.bytes = bytes;
        }
    }

    private BootLayout() {
    }

    public static BootImage build(ElfImage image, MemoryMap map, PageSize pageSize) throws ElfFormatException {
        return build(image, map, pageSize, java.util.List.of());
    }

    /**
     * As {@link #build(ElfImage, MemoryMap, PageSize)}, also identity-mapping {@code extra} ranges ({gpa, bytes}, each
     * rounded out to 2 MiB and mapped with 2 MiB pages) for memslots a scenario adds beside RAM.
     */
    public static BootImage build(ElfImage image, MemoryMap map, PageSize pageSize, java.util.List<long[]> extra)
            throws ElfFormatException {
        image.checkFits(map.ramBytes());
        List<BootImage.Write> writes = new ArrayList<>();
        writes.add(new BootImage.Write(GDT_GPA, gdt()));
        writes.add(new BootImage.Write(TSS_GPA, tss()));
        writes.add(new BootImage.Write(BOOT_INFO_GPA, bootInfo(map)));

        PageTableBuilder tables = new PageTableBuilder(PAGE_TABLES_GPA, IMAGE_MIN_GPA);
        tables.identityMap(0, map.ramBytes(), pageSize, PTE_P | PTE_RW);
        // ECAM is device memory: uncached (PCD|PWT) and never executable, as Linux's ioremap of MMCONFIG maps it.
        tables.identityMap(map.ecamBase(), map.ecamBytes(), pageSize, PTE_P | PTE_RW | PTE_PCD | PTE_PWT | PTE_NX);
        for (long[] r : extra) {
            long start = r[0] & ~((2L << 20) - 1);
            long end = (r[0] + r[1] + (2L << 20) - 1) & ~((2L << 20) - 1);
            tables.identityMap(start, end - start, PageSize.SIZE_2M, PTE_P | PTE_RW);
        }
        writes.add(new BootImage.Write(PAGE_TABLES_GPA, tables.bytes()));

        for (ElfImage.Segment s : image.segments()) {
            if (s.data().length > 0) {
                writes.add(new BootImage.Write(s.gpa(), s.data()));
            }
        }

        long[] gpr = new long[16];
        gpr[KvmRegs.RSP] = map.ramBytes() & ~15L;
        gpr[KvmRegs.RDI] = BOOT_INFO_GPA;
        KvmRegs regs = new KvmRegs(gpr, image.entry(), GuestAbi.ENTRY_RFLAGS);
        KvmSegment data = KvmSegment.flatData(GuestAbi.SELECTOR_DATA);
        KvmSegment unusableLdt = new KvmSegment(0, 0, 0, 0x2, false, 0, false, false, false, false, false, true);
        KvmSregs sregs = new KvmSregs(KvmSegment.flatCode64(GuestAbi.SELECTOR_CODE64), data, data, data, data, data,
                KvmSegment.tss64(GuestAbi.SELECTOR_TSS, TSS_GPA), unusableLdt, GDT_GPA, GDT_ENTRIES * 8 - 1, 0, 0,
                GuestAbi.ENTRY_CR0, 0, PAGE_TABLES_GPA, GuestAbi.ENTRY_CR4, 0, GuestAbi.ENTRY_EFER,
                0xFEE00000L | (1L << 8) | (1L << 11));
        return new BootImage(writes, regs, sregs, tables.sizeBytes());
    }

    /** Null, 64-bit code (0x08), data (0x10), and a 16-byte TSS descriptor (0x18). */
    private static final int GDT_ENTRIES = 5;

    private static byte[] gdt() {
        ByteBuffer b = ByteBuffer.allocate(GDT_ENTRIES * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0);
        b.putLong(0x00AF9A000000FFFFL); // P, DPL 0, S, type execute/read, L=1, G=1
        b.putLong(0x00CF92000000FFFFL); // P, DPL 0, S, type read/write, D/B=1, G=1
        long base = TSS_GPA;
        long limit = 0x67;
        long low = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x8BL << 40) | (((limit >> 16) & 0xF) << 48)
                | (((base >> 24) & 0xFF) << 56);
        b.putLong(low); // P, type 0xB (busy 64-bit TSS), as KVM_SET_SREGS loads TR
        b.putLong(base >>> 32);
        return b.array();
    }

    private static byte[] tss() {
        ByteBuffer b = ByteBuffer.allocate(0x68).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0x66, (short) 0x68); // I/O map base beyond the limit: no I/O permission bitmap
        return b.array();
    }

    private static byte[] bootInfo(MemoryMap map) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(GuestAbi.BOOT_INFO_MAGIC);
        b.putLong(map.ramBytes());
        b.putLong(map.ecamBase());
        b.putInt(map.ecamBuses());
        b.putInt(0);
        return b.array();
    }
}
