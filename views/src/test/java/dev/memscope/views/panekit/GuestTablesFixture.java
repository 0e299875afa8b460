package dev.memscope.views.panekit;

import dev.memscope.emulator.api.GuestTables;
import dev.memscope.emulator.api.GuestWalk;
import java.util.List;

/**
 * The boot page tables the VMM builds for pci-scan (BootLayout, PageTableBuilder): at gpa 0x10000 a PML4, a PDPT, a PD
 * identity-mapping the 64 MiB of RAM with 2M pages (P RW PS) and a PD mapping the ECAM window at 0xb0000000 with 2M
 * pages (P RW PWT PCD PS NX). A and D start clear; the CPU sets them. Two stops: just before the scan's first ECAM
 * access, and at its fault (the walk set A on PDPT[2] and on the first ECAM PDE).
 */
public final class GuestTablesFixture {
    public static final long PML4 = 0x10000, PDPT = 0x11000, PD_RAM = 0x12000, PD_ECAM = 0x13000;
    static final long P = 1, RW = 2, PWT = 8, PCD = 16, A = 32, D = 64, PS = 128, NX = 1L << 63;

    private GuestTablesFixture() {
    }

    public static GuestTables tables(boolean afterEcamAccess) {
        long[] pml4 = new long[512];
        long[] pdpt = new long[512];
        long[] pdRam = new long[512];
        long[] pdEcam = new long[512];
        pml4[0] = PDPT | P | RW | A;
        pdpt[0] = PD_RAM | P | RW | A;
        pdpt[2] = PD_ECAM | P | RW | (afterEcamAccess ? A : 0);
        for (int i = 0; i < 32; i++) {
            pdRam[i] = (long) i << 21 | P | RW | PS;
        }
        pdRam[0] |= A | D; // page tables, boot info, code and data
        pdRam[31] |= A | D; // the stack
        for (int i = 0; i < 128; i++) {
            pdEcam[384 + i] = 0xB0000000L + ((long) i << 21) | P | RW | PWT | PCD | PS | NX;
        }
        if (afterEcamAccess) {
            pdEcam[384] |= A;
        }
        return new GuestTables(PML4, List.of(new GuestTables.Table(PML4, 4, pml4),
                new GuestTables.Table(PDPT, 3, pdpt), new GuestTables.Table(PD_RAM, 2, pdRam),
                new GuestTables.Table(PD_ECAM, 2, pdEcam)));
    }

    /** The walk of {@code gva} over {@link #tables(boolean) tables(true)}, as the CPU does it. */
    public static GuestWalk walk(long gva) {
        GuestTables t = tables(true);
        long table = t.cr3();
        List<GuestWalk.Step> steps = new java.util.ArrayList<>();
        for (int level = 4; level >= 1; level--) {
            int index = (int) (gva >>> (12 + 9 * (level - 1)) & 511);
            long tableGpa = table;
            long entry = t.tables().stream().filter(x -> x.gpa() == tableGpa).findFirst().orElseThrow()
                    .entry(index);
            steps.add(new GuestWalk.Step(level, tableGpa, index, entry));
            if ((entry & P) == 0) {
                return new GuestWalk(gva, t.cr3(), steps, -1, level, "not present at level " + level);
            }
            if (level == 2 && (entry & PS) != 0) {
                long gpa = (entry & 0x000F_FFFF_FFE0_0000L) | (gva & 0x1FFFFF);
                return new GuestWalk(gva, t.cr3(), steps, gpa, 2, "");
            }
            table = entry & 0x000F_FFFF_FFFF_F000L;
        }
        throw new IllegalStateException("the boot tables have no 4K pages");
    }
}
