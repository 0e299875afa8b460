package dev.memscope.emulator.x86;

/**
 * The hardware's 4-level page walk (Intel SDM Vol. 3, 4.5 "4-level paging"): PML4E, PDPTE, PDE, PTE, with 1 GiB and
 * 2 MiB leaves, present/write/user/NX and reserved-bit checks, and accessed/dirty bits set in the guest's own tables.
 * Every table read and A/D write goes through {@link PhysicalMemory#resolve} with {@code pageWalk = true}: under
 * TDP that is the two-dimensional walk; without KVM it reads plain RAM.
 */
public final class GuestPageWalker implements Translator {
    static final long P = 1, RW = 1 << 1, US = 1 << 2, A = 1 << 5, D = 1 << 6, PS = 1 << 7;
    static final long XD = 1L << 63;
    /** MAXPHYADDR of the CPU model (see Cpuid): 46 bits. */
    static final int MAXPHYADDR = 46;
    static final long ADDR_MASK = ((1L << MAXPHYADDR) - 1) & ~0xFFFL;
    /** Bits 51:MAXPHYADDR of an entry are reserved (bit 52..62 are ignored, available to software). */
    static final long RSVD_HIGH = ((1L << 52) - 1) & ~((1L << MAXPHYADDR) - 1);

    /** Page-fault error code bits (Intel SDM Vol. 3, 4.7). */
    public static final int PFERR_PRESENT = 1, PFERR_WRITE = 2, PFERR_USER = 4, PFERR_RSVD = 8, PFERR_FETCH = 16;

    private final PhysicalMemory memory;
    /** False for a debugger's look: the walk then leaves the guest's accessed and dirty bits alone. */
    private final boolean setAccessedDirty;
    private final PageRef ref = new PageRef();
    private final long[] entryGpa = new long[5];
    private final long[] entries = new long[5];

    public GuestPageWalker(PhysicalMemory memory) {
        this(memory, true);
    }

    /** A walker that sets A/D bits as the hardware does ({@code true}), or one that only looks ({@code false}). */
    public GuestPageWalker(PhysicalMemory memory, boolean setAccessedDirty) {
        this.memory = memory;
        this.setAccessedDirty = setAccessedDirty;
    }

    @Override
    public int translate(Cpu cpu, long la, int access, int cpl, TlbFill out, VmExit exit) {
        out.clear();
        long gpa4k;
        if ((cpu.cr0 & Cpu.GuestAbiBits.CR0_PG) == 0) {
            gpa4k = la & ~0xFFFL;
            out.writable = true;
            out.user = true;
            out.executable = true;
        } else {
            int r = walk(cpu, la, access, cpl, out, exit);
            if (r != OK) {
                return r;
            }
            gpa4k = out.gpa;
        }
        // The final access to the page itself.
        int st = memory.resolve(gpa4k, access, la, false, ref, exit);
        if (st == PhysicalMemory.EXIT) {
            return EXIT;
        }
        out.gpa = gpa4k;
        if (st == PhysicalMemory.MMIO) {
            out.page = null;
            out.writable = false;
            return OK;
        }
        out.page = ref.page;
        out.writable &= ref.writable;
        out.executable &= ref.executable;
        out.observe = ref.observe;
        return OK;
    }

    private int walk(Cpu cpu, long la, int access, int cpl, TlbFill out, VmExit exit) {
        boolean nxe = (cpu.efer & Cpu.GuestAbiBits.EFER_NXE) != 0;
        long rsvd = RSVD_HIGH | (nxe ? 0 : XD);
        long table = cpu.cr3 & ADDR_MASK;
        boolean writable = true, user = true, nx = false;
        int level = 4;
        long leafBase = 0;
        long pageMask = 0;
        for (;; level--) {
            long gpa = table + ((la >>> (12 + 9 * (level - 1))) & 511) * 8;
            int st = memory.resolve(gpa & ~0xFFFL, Access.READ, la, true, ref, exit);
            long e;
            if (st == PhysicalMemory.EXIT) {
                return EXIT;
            } else if (st == PhysicalMemory.MMIO) {
                e = memory.mmioRead(gpa, 8, exit);
                if (exit.pending()) {
                    return EXIT;
                }
            } else {
                e = (long) Cpu.LE64.get(ref.page, (int) gpa & 0xFFF);
            }
            entryGpa[level] = gpa;
            entries[level] = e;
            if ((e & P) == 0) {
                return pageFault(la, access, cpl, 0, nxe, exit);
            }
            long levelRsvd = rsvd;
            boolean leaf = level == 1 || (level <= 3 && (e & PS) != 0);
            if (level == 4) {
                levelRsvd |= PS; // PML4E bit 7 is reserved
            } else if (leaf && level == 3) {
                levelRsvd |= 0x3FFFE000L; // 1 GiB page: bits 29:13
            } else if (leaf && level == 2) {
                levelRsvd |= 0x1FE000L; // 2 MiB page: bits 20:13
            }
            if ((e & levelRsvd) != 0) {
                return pageFault(la, access, cpl, PFERR_PRESENT | PFERR_RSVD, nxe, exit);
            }
            writable &= (e & RW) != 0;
            user &= (e & US) != 0;
            nx |= nxe && (e & XD) != 0;
            if (leaf) {
                pageMask = (1L << (12 + 9 * (level - 1))) - 1;
                leafBase = e & ADDR_MASK & ~pageMask;
                break;
            }
            table = e & ADDR_MASK;
        }
        // Access rights (Intel SDM Vol. 3, 4.6).
        boolean wp = (cpu.cr0 & Cpu.GuestAbiBits.CR0_WP) != 0;
        boolean userAccess = cpl == 3;
        boolean ok = true;
        if (userAccess && !user) {
            ok = false;
        } else if (access == Access.WRITE && !writable && (userAccess || wp)) {
            ok = false;
        } else if (access == Access.FETCH && nx) {
            ok = false;
        }
        if (!ok) {
            return pageFault(la, access, cpl, PFERR_PRESENT, nxe, exit);
        }
        // Accessed flags on every entry used, dirty on the leaf of a write (Intel SDM Vol. 3, 4.8).
        int leafLevel = level;
        for (int l = 4; setAccessedDirty && l >= leafLevel; l--) {
            long set = A | (l == leafLevel && access == Access.WRITE ? D : 0);
            if ((entries[l] & set) != set) {
                int r = writeEntry(la, entryGpa[l], entries[l] | set, exit);
                if (r != OK) {
                    return r;
                }
                entries[l] |= set;
            }
        }
        out.gpa = leafBase | (la & pageMask & ~0xFFFL);
        out.user = user;
        out.executable = !nx;
        out.writable = (writable || (!userAccess && !wp)) && (entries[leafLevel] & D) != 0;
        out.level = leafLevel;
        return OK;
    }

    private int writeEntry(long la, long gpa, long value, VmExit exit) {
        int st = memory.resolve(gpa & ~0xFFFL, Access.WRITE, la, true, ref, exit);
        if (st == PhysicalMemory.EXIT) {
            return EXIT;
        }
        if (st == PhysicalMemory.MMIO) {
            memory.mmioWrite(gpa, 8, value, exit);
            return exit.pending() ? EXIT : OK;
        }
        Cpu.LE64.set(ref.page, (int) gpa & 0xFFF, value);
        return OK;
    }

    private static int pageFault(long la, int access, int cpl, int bits, boolean nxe, VmExit exit) {
        int err = bits;
        if (access == Access.WRITE) {
            err |= PFERR_WRITE;
        }
        if (cpl == 3) {
            err |= PFERR_USER;
        }
        if (access == Access.FETCH && nxe) {
            err |= PFERR_FETCH; // I/D is reported only when NX (or SMEP, not modelled) is enabled
        }
        exit.errorCode = err;
        exit.gla = la;
        exit.vector = 14;
        return GUEST_FAULT;
    }
}
