package dev.memscope.emulator.guests;

import dev.memscope.emulator.vmm.MemoryMap;

/**
 * What the small sample guests print, derived from their C sources (sample-guests/guests/NAME/NAME.c) and the memory
 * map, never from a previous run. The compute-heavy guests are in {@link ExpectedCompute}.
 */
final class ExpectedConsole {
    private static final long MIB = 1L << 20;

    private ExpectedConsole() {
    }

    /** hello.c: RAM in MiB and the ECAM base from the boot-info block. */
    static String hello(MemoryMap map) {
        return String.format("Hello from a Memscope guest: %d MiB of RAM, ECAM at 0x%x.\n", map.ramBytes() >> 20,
                map.ecamBase());
    }

    /** boot-touch.c: pages from 4 MiB to half of RAM in order, then 2048 touches up to 2 MiB below the top. */
    static String bootTouch(MemoryMap map) {
        long seqStart = 4 * MIB;
        long seqEnd = map.ramBytes() / 2;
        long scatterEnd = map.ramBytes() - 2 * MIB;
        return String.format("boot-touch: %d pages touched in order from 0x%x to 0x%x\n"
                + "boot-touch: 2048 scattered touches between 0x%x and 0x%x\n", (seqEnd - seqStart) / 4096, seqStart,
                seqEnd, seqEnd, scatterEnd);
    }

    /** prefault.c: TEST_SIZE = 2 MiB + 4 KiB of pages, then the page after the slot reads all-ones. */
    static String prefault() {
        return String.format("prefault: read %d pages of the test slot, each holding its own address\n"
                + "prefault: the page after the slot reads 0xffffffff (no memslot there)\n", (2 * MIB + 4096) / 4096);
    }

    /** dirty-log.c: 256 pages; round r writes every (r+1)-th page, 4 rounds. */
    static String dirtyLog(long bufferGpa) {
        StringBuilder sb = new StringBuilder(String.format("dirty-log: buffer of 256 pages at 0x%x\n", bufferGpa));
        for (int round = 0; round < 4; round++) {
            sb.append(String.format("dirty-log: round %d wrote %d pages\n", round, pagesWritten(round)));
        }
        return sb.append(String.format("dirty-log: buffer contents check out\n")).toString();
    }

    /** Buffer pages dirty-log.c writes in round {@code round}: 0, r+1, 2(r+1), ... below 256. */
    static int pagesWritten(int round) {
        return (256 + round) / (round + 1);
    }

    static boolean pageWritten(int round, int page) {
        return page % (round + 1) == 0;
    }

    /** guest-map.c: 256 data pages read, every other one written. */
    static String guestMap() {
        return String.format("guest-map: running on page tables in PFN-only memory\n"
                + "guest-map: 256 of 256 PTEs accessed, 128 dirty\n"
                + "guest-map: remapped a page with lock cmpxchg on its PTE\n");
    }

    /**
     * pagewalk.c, every check passing; #PF error codes per Intel SDM Vol. 3, 4.7 (P=1, W=2, RSVD=8, I/D=16), the
     * fifth fault at RSVD_VA plus the address of the static {@code magic}.
     */
    static String pagewalk(long magicGpa) {
        return String.format("pagewalk: own page tables and IDT loaded\n"
                + "high alias: reads the same memory, accessed bit set\n"
                + "demand paging: read and write faults handled; A on the read page, A and D on the written one\n"
                + "accessed and dirty bits set again after clearing them and invlpg\n"
                + "write to a read-only page: fault handled, write retried\n"
                + "remap: window page 0 now shows frame 3\n"
                + "fetch from an NX page: fault handled, NX cleared, call retried\n"
                + "reserved bit in a PML4E: fault with RSVD, bit cleared, access retried\n"
                + "#BP, #UD and #DE handled by the guest\n"
                + "page faults: 5\n"
                + "  #PF 0: cr2 40000000 error 0\n"
                + "  #PF 1: cr2 40001008 error 2\n"
                + "  #PF 2: cr2 40002018 error 3\n"
                + "  #PF 3: cr2 40004000 error 11\n"
                + "  #PF 4: cr2 %x error 9\n"
                + "pagewalk: all checks passed\n", PAGEWALK_RSVD_VA + magicGpa);
    }

    /** pagewalk.c's RSVD_VA (a PML4E with the reserved PS bit). */
    static final long PAGEWALK_RSVD_VA = 0x10000000000L;
}
