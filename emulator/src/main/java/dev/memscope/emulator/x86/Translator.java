package dev.memscope.emulator.x86;

/**
 * How the CPU's hardware turns a linear address into a page of memory on a TLB miss. Two implementations: the
 * two-dimensional walk of {@link GuestPageWalker} (guest page tables in guest-physical memory, each access through
 * {@link PhysicalMemory}: the TDP case and the no-KVM case), and the KVM model's shadow-MMU walk (shadow SPTEs map
 * linear addresses to host pages; a miss is a #PF intercepted by KVM).
 */
public interface Translator {
    /** {@code out} is filled; the access may proceed. */
    int OK = 0;
    /** The guest gets a page fault: {@code exit.vector} = 14, {@code exit.errorCode}, {@code exit.gla} = CR2.
     *  The CPU delivers it through the guest's IDT (no VM exit). */
    int GUEST_FAULT = 1;
    /** A VM exit is needed; {@code exit} is filled (EPT violation or misconfiguration during the walk, or the
     *  #PF intercept of shadow paging). */
    int EXIT = 2;

    /**
     * Translates {@code la} (canonical, already checked) for an access of kind {@code access} at privilege
     * {@code cpl}. Sets guest A/D bits as the hardware would. On GUEST_FAULT and EXIT, {@code exit} says why.
     */
    int translate(Cpu cpu, long la, int access, int cpl, TlbFill out, VmExit exit);

    /** The guest wrote CR3 (the CPU has already flushed its non-global TLB entries). Shadow paging intercepts this. */
    default void cr3Written(Cpu cpu, long cr3) {
    }

    /** The guest executed INVLPG (the CPU has already dropped the entry). Shadow paging intercepts this. */
    default void invlpg(Cpu cpu, long la) {
    }

    /** CR0, CR4 or EFER changed in a way that changes paging (PG, WP, PAE, PSE, LME, NXE, SMEP, SMAP). */
    default void pagingModeChanged(Cpu cpu) {
    }
}
