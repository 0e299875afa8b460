package dev.memscope.emulator.vmm;

/** Constants of the Memscope guest ABI (DESIGN.md, "Guest ABI"). */
public final class GuestAbi {
    /** Debug console: {@code outb} writes one byte (the Bochs/QEMU convention). */
    public static final int PORT_CONSOLE = 0xE9;
    /** {@code outl} writes the 32-bit exit code; the run ends. */
    public static final int PORT_EXIT = 0xF4;
    /** {@code outl} writes a 32-bit sync value; the VMM records it and may stop there. */
    public static final int PORT_SYNC = 0xF5;

    /** "MEMSCOPE" as little-endian ASCII: the first field of the boot-info block. */
    public static final long BOOT_INFO_MAGIC = 0x45504F43534D454DL;
    /** Guest images must load at or above 1 MiB; the VMM's own structures live below. */
    public static final long IMAGE_MIN_GPA = 0x100000L;

    // Where the VMM puts its boot structures, all below IMAGE_MIN_GPA.
    public static final long GDT_GPA = 0x1000L;
    public static final long TSS_GPA = 0x1100L;
    public static final long BOOT_INFO_GPA = 0x2000L;
    /** First page of the boot page tables (PML4 first); they may use everything up to IMAGE_MIN_GPA. */
    public static final long PAGE_TABLES_GPA = 0x10000L;

    public static final int SELECTOR_CODE64 = 0x08;
    public static final int SELECTOR_DATA = 0x10;
    public static final int SELECTOR_TSS = 0x18;

    public static final long CR0_PE = 1L;
    public static final long CR0_ET = 1L << 4;
    public static final long CR0_NE = 1L << 5;
    public static final long CR0_WP = 1L << 16;
    public static final long CR0_PG = 1L << 31;
    public static final long CR4_PAE = 1L << 5;
    public static final long EFER_LME = 1L << 8;
    public static final long EFER_LMA = 1L << 10;
    public static final long EFER_NXE = 1L << 11;

    /** The entry state's control registers: paging with write protection, PAE, long mode active, NX enabled. */
    public static final long ENTRY_CR0 = CR0_PE | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
    public static final long ENTRY_CR4 = CR4_PAE;
    public static final long ENTRY_EFER = EFER_LME | EFER_LMA | EFER_NXE;
    /** RFLAGS at entry: only the always-one bit 1. */
    public static final long ENTRY_RFLAGS = 0x2L;

    private GuestAbi() {
    }
}
