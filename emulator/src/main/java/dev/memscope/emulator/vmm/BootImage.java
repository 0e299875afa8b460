package dev.memscope.emulator.vmm;

import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSregs;
import java.util.List;

/**
 * What the VMM writes into guest RAM before the first entry, and the vCPU state it sets: the result of
 * {@link BootLayout#build}. Applied the same way to the simulated and the real backend.
 *
 * @param writes guest-physical ranges and their bytes (GDT, TSS, boot info, page tables, image segments); the rest
 *        of RAM, BSS included, is zero because fresh anonymous memory is
 * @param pageTableBytes bytes of boot page tables (for the summary)
 */
public record BootImage(List<Write> writes, KvmRegs regs, KvmSregs sregs, long pageTableBytes) {
    public record Write(long gpa, byte[] bytes) {
    }

    public BootImage {
        writes = List.copyOf(writes);
    }
}
