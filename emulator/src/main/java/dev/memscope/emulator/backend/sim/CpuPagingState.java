package dev.memscope.emulator.backend.sim;

import dev.memscope.emulator.kvm.GuestPagingState;
import dev.memscope.emulator.x86.Cpu;

/** The CPU's state as the KVM model reads it ({@code kvm_read_cr3}, {@code is_cr0_wp}, ...). */
final class CpuPagingState implements GuestPagingState {
    private static final long CR0_PG = 1L << 31;
    private static final long CR0_WP = 1L << 16;
    private static final long CR4_SMEP = 1L << 20;
    private static final long CR4_SMAP = 1L << 21;
    private static final long EFER_NXE = 1L << 11;
    private Cpu cpu;

    /** The vCPU is created before the CPU (the CPU's memory is the vCPU's hardware view): attach it once made. */
    void attach(Cpu c) {
        this.cpu = c;
    }

    @Override
    public long cr3() {
        return cpu.cr3();
    }

    @Override
    public boolean paging() {
        return (cpu.cr0() & CR0_PG) != 0;
    }

    @Override
    public boolean cr0Wp() {
        return (cpu.cr0() & CR0_WP) != 0;
    }

    @Override
    public boolean cr4Smep() {
        return (cpu.cr4() & CR4_SMEP) != 0;
    }

    @Override
    public boolean cr4Smap() {
        return (cpu.cr4() & CR4_SMAP) != 0;
    }

    @Override
    public boolean eferNx() {
        return (cpu.efer() & EFER_NXE) != 0;
    }

    @Override
    public int cpl() {
        return cpu.cpl();
    }

    @Override
    public long rip() {
        return cpu.rip();
    }
}
