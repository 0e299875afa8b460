package dev.memscope.emulator.backend;

import dev.memscope.emulator.vmm.GuestAbi;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Lets a test guest drop to ring 3, where hardware (or kvm_pvm, which emulates ring-0 code but runs ring-3 code
 * natively) executes it: the boot page tables get the U/S bit, the GDT gets user code and data segments, and
 * {@link #enter} builds the {@code iretq} frame. RFLAGS.IOPL is 3 so that ring 3 may still use the ABI's ports.
 */
public final class Ring3 {
    /** User data (0x28) and 64-bit user code (0x30) selectors, RPL 3. */
    public static final int USER_SS = 0x28 | 3;
    public static final int USER_CS = 0x30 | 3;
    private static final long USER_DATA = 0x00CFF2000000FFFFL; // P, DPL 3, S, read/write, D/B, G
    private static final long USER_CODE64 = 0x00AFFA000000FFFFL; // P, DPL 3, S, execute/read, L, G
    private static final int GDT_ENTRIES = 7;
    private static final long PTE_P = 1, PTE_US = 1 << 2;
    /** Bytes of {@link #enter}'s code: push, mov, push, push, push, mov, push, iretq. */
    public static final int ENTER_BYTES = 2 + 10 + 1 + 5 + 2 + 10 + 1 + 2;

    private Ring3() {
    }

    /** Ring-0 code that continues at {@code userRip} in ring 3 with the stack at {@code userRsp}. */
    public static GuestCode enter(GuestCode code, long userRip, long userRsp) {
        return code.pushImm8(USER_SS).movRax(userRsp).pushRax().pushImm32(0x3002) // RFLAGS: IOPL 3, bit 1
                .pushImm8(USER_CS).movRax(userRip).pushRax().iretq();
    }

    /** After {@link AbiGuestRunner#load}: user bits on every boot page-table entry, user segments in the GDT. */
    public static void allow(VmBackend backend, long ramHva) {
        int bytes = (int) (GuestAbi.IMAGE_MIN_GPA - GuestAbi.PAGE_TABLES_GPA);
        byte[] tables = new byte[bytes];
        backend.readHost(ramHva + GuestAbi.PAGE_TABLES_GPA, tables, 0, bytes);
        ByteBuffer t = ByteBuffer.wrap(tables).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < bytes; at += 8) {
            long e = t.getLong(at);
            if ((e & PTE_P) != 0) {
                t.putLong(at, e | PTE_US);
            }
        }
        backend.writeHost(ramHva + GuestAbi.PAGE_TABLES_GPA, tables, 0, bytes);

        ByteBuffer gdt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(USER_DATA)
                .putLong(USER_CODE64);
        backend.writeHost(ramHva + GuestAbi.GDT_GPA + 5 * 8, gdt.array(), 0, 16);
        KvmSregs s = backend.getSregs();
        backend.setSregs(new KvmSregs(s.cs(), s.ds(), s.es(), s.fs(), s.gs(), s.ss(), s.tr(), s.ldt(), s.gdtBase(),
                GDT_ENTRIES * 8 - 1, s.idtBase(), s.idtLimit(), s.cr0(), s.cr2(), s.cr3(), s.cr4(), s.cr8(),
                s.efer(), s.apicBase()));
    }
}
