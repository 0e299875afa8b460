package dev.memscope.emulator.kvm;

/**
 * The CPU state the KVM model reads (the lead adapts {@code x86.Cpu} to it): what {@code kvm_read_cr3},
 * {@code is_cr0_wp}, {@code is_cr4_smep} and friends return in the kernel. Only the shadow MMU's guest walk, the
 * SMM address-space choice and the tracepoints' RIP use it.
 */
public interface GuestPagingState {
    /** CR3 (the guest's PML4 gpa in bits 12-51). */
    long cr3();

    /** CR0.PG: guest paging on (false: shadow paging maps gva = gpa). */
    boolean paging();

    /** CR0.WP. */
    boolean cr0Wp();

    /** CR4.SMEP. */
    boolean cr4Smep();

    /** CR4.SMAP. */
    boolean cr4Smap();

    /** EFER.NXE. */
    boolean eferNx();

    /** Current privilege level (0-3). */
    int cpl();

    /** In SMM: memslots and SPTEs of address space 1. */
    default boolean smm() {
        return false;
    }

    /** Running a nested (L2) guest: {@code is_guest_mode()}. */
    default boolean guestMode() {
        return false;
    }

    /** RIP, for the tracepoints. */
    default long rip() {
        return 0;
    }
}
