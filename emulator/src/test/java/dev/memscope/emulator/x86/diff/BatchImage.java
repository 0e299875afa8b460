package dev.memscope.emulator.x86.diff;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Many cases in one guest-ABI image, so one VM run executes them all. For each case the code loads RSP with the
 * case's input record, pops the 15 registers and RFLAGS, executes the instruction, points RSP past the case's output
 * record and pushes RFLAGS and the registers back. Then the guest writes exit code 0. Both sides load the same ELF
 * bytes and the comparison reads the output records and memory slots from guest RAM.
 *
 * <p>Layout (identity-mapped by the boot page tables): code at 0x100000, then input records (128 bytes each),
 * memory slots (16 bytes each), output records (128 bytes each, BSS).
 */
public final class BatchImage {
    public static final long CODE = 0x100000;
    static final int RECORD = 128;
    /** Registers in record order (RSP is not in a record). */
    static final int[] ORDER = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    public final byte[] elf;
    public final long inBase;
    public final long memBase;
    public final long outBase;
    public final int count;
    /** The end of the case code (the exit sequence follows). */
    public final long codeEnd;

    private BatchImage(byte[] elf, long inBase, long memBase, long outBase, int count, long codeEnd) {
        this.codeEnd = codeEnd;
        this.elf = elf;
        this.inBase = inBase;
        this.memBase = memBase;
        this.outBase = outBase;
        this.count = count;
    }

    /** Where the memory slots of a batch of {@code count} cases will lie (cases must be generated for it). */
    public static long memBaseFor(int count) {
        long in = align(codeEnd(count)) + SYS_BYTES;
        return align(in + (long) count * RECORD);
    }

    private static long codeEnd(int count) {
        return CODE + (long) count * 96 + (long) count * 2 + 512;
    }

    /** GDT and GDTR (first page), PML4, PDPT, PD of the user-mode page tables. */
    static final int SYS_BYTES = 4 * 4096;
    static final int USER_CS = 0x23, USER_SS = 0x1B;
    /** RFLAGS in ring 3: IOPL 3 (the exit port works from ring 3), IF set, bit 1. */
    static final long USER_RFLAGS = 0x3202;
    /** The batch is done when the guest stores here: above RAM (64 MiB), mapped by the batch's page tables. */
    public static final long DONE_GPA = 500L << 21;

    private static long align(long a) {
        return (a + 4095) & ~4095L;
    }

    public static BatchImage build(List<DiffCase> cases) {
        int n = cases.size();
        long sys = align(codeEnd(n));
        long in = sys + SYS_BYTES;
        long mem = align(in + (long) n * RECORD);
        long out = align(mem + 16L * n);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        prologue(code, sys);
        // Touch every data page once (read, write back) so that the hypervisor has mapped them all before the cases
        // run: a first access can otherwise go through KVM's instruction emulator instead of the CPU.
        for (long page = in; page < out + (long) n * RECORD; page += 4096) {
            absolute(code, 0x8B, page); // mov (page), %rax
            absolute(code, 0x89, page); // mov %rax, (page)
        }
        for (int i = 0; i < n; i++) {
            DiffCase c = cases.get(i);
            if (c.memAddress() != mem + 16L * i) {
                throw new IllegalArgumentException("case " + i + " was generated for another memory layout");
            }
            movRsp(code, in + (long) i * RECORD);
            for (int r : ORDER) {
                if (r >= 8) {
                    code.write(0x41);
                }
                code.write(0x58 + (r & 7)); // pop r
            }
            code.write(0x9D); // popfq
            code.writeBytes(c.insn());
            movRsp(code, out + (long) i * RECORD + RECORD);
            code.write(0x9C); // pushfq
            for (int k = ORDER.length - 1; k >= 0; k--) {
                int r = ORDER[k];
                if (r >= 8) {
                    code.write(0x41);
                }
                code.write(0x50 + (r & 7)); // push r
            }
        }
        long codeEnd = CODE + code.size();
        // Signal the end with a store to DONE_GPA, where there is no RAM: an MMIO exit to userspace, which needs no
        // guest exception handling (port I/O or HLT in ring 3 would need it under kvm_pvm). Then spin.
        code.writeBytes(new byte[] {(byte) 0x89, 0x04, 0x25}); // mov %eax, DONE_GPA
        imm32(code, DONE_GPA);
        code.writeBytes(new byte[] {(byte) 0xEB, (byte) 0xFE});
        if (CODE + code.size() > sys) {
            throw new IllegalStateException("case code overruns its area: " + code.size() + " bytes");
        }
        ByteBuffer data = ByteBuffer.allocate((int) (out - CODE)).order(ByteOrder.LITTLE_ENDIAN);
        data.put(code.toByteArray());
        systemTables(data, sys);
        for (int i = 0; i < n; i++) {
            DiffCase c = cases.get(i);
            data.position((int) (in - CODE) + i * RECORD);
            for (int r : ORDER) {
                data.putLong(c.regs()[r]);
            }
            data.putLong(c.rflags());
            data.position((int) (mem - CODE) + 16 * i);
            data.putLong(c.mem0());
            data.putLong(c.mem1());
        }
        byte[] elf = ElfWriter.write(CODE, data.array(), out + (long) n * RECORD - CODE);
        return new BatchImage(elf, in, mem, out, n, codeEnd);
    }

    /**
     * Ring 0: load a GDT with ring-3 segments and page tables with the user bit, then IRETQ to ring 3. On this
     * machine's KVM (kvm_pvm) ring-3 code runs on the CPU itself, while ring-0 code goes through KVM's instruction
     * emulator: the cases must run in ring 3 to be compared with the real CPU.
     */
    private static void prologue(ByteArrayOutputStream code, long sys) {
        code.writeBytes(new byte[] {0x0F, 0x01, 0x14, 0x25}); // lgdt (gdtr)
        imm32(code, sys + 0x800);
        code.writeBytes(new byte[] {0x48, (byte) 0xC7, (byte) 0xC0}); // mov $pml4, %rax
        imm32(code, sys + 0x1000);
        code.writeBytes(new byte[] {0x0F, 0x22, (byte) 0xD8}); // mov %rax, %cr3
        code.writeBytes(new byte[] {0x6A, USER_SS}); // push $ss
        code.write(0x68); // push $rsp (unused by the cases: each loads its own)
        imm32(code, sys + 0x7F0);
        code.write(0x68); // push $rflags
        imm32(code, USER_RFLAGS);
        code.writeBytes(new byte[] {0x6A, USER_CS}); // push $cs
        code.write(0x68); // push $rip: right after the iretq
        imm32(code, CODE + code.size() + 4 + 2);
        code.writeBytes(new byte[] {0x48, (byte) 0xCF}); // iretq
    }

    private static void systemTables(ByteBuffer data, long sys) {
        int at = (int) (sys - CODE);
        long[] gdt = {0, 0x00AF9A000000FFFFL, 0x00CF92000000FFFFL, 0x00CFF2000000FFFFL, 0x00AFFA000000FFFFL};
        for (int i = 0; i < gdt.length; i++) {
            data.putLong(at + 8 * i, gdt[i]);
        }
        data.putShort(at + 0x800, (short) (gdt.length * 8 - 1));
        data.putLong(at + 0x802, sys);
        long userRw = 7; // present, writable, user
        data.putLong(at + 0x1000, (sys + 0x2000) | userRw); // PML4[0] -> PDPT
        data.putLong(at + 0x2000, (sys + 0x3000) | userRw); // PDPT[0] -> PD
        for (int i = 0; i < 32; i++) {
            data.putLong(at + 0x3000 + 8 * i, ((long) i << 21) | userRw | 0x80); // 2 MiB pages over 64 MiB
        }
        data.putLong(at + 0x3000 + 8 * 500, DONE_GPA | userRw | 0x80);
    }

    private static void imm32(ByteArrayOutputStream code, long v) {
        for (int i = 0; i < 4; i++) {
            code.write((int) (v >>> (8 * i)));
        }
    }

    private static void absolute(ByteArrayOutputStream code, int op, long addr) {
        code.writeBytes(new byte[] {0x48, (byte) op, 0x04, 0x25});
        for (int i = 0; i < 4; i++) {
            code.write((int) (addr >>> (8 * i)));
        }
    }

    private static void movRsp(ByteArrayOutputStream code, long value) {
        code.writeBytes(new byte[] {0x48, (byte) 0xC7, (byte) 0xC4}); // mov $imm32, %rsp
        for (int i = 0; i < 4; i++) {
            code.write((int) (value >>> (8 * i)));
        }
    }

    /** Bytes of guest memory the comparison reads: memory slots then output records. */
    public long resultStart() {
        return memBase;
    }

    public int resultLength() {
        return (int) (outBase + (long) count * RECORD - memBase);
    }

    /** The registers (indexed by number, RSP 0) and RFLAGS of case i's output, from the result bytes. */
    public long[] outputOf(byte[] result, int i) {
        ByteBuffer b = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) (outBase - memBase) + i * RECORD;
        long[] regs = new long[17];
        for (int k = 0; k < ORDER.length; k++) {
            regs[ORDER[k]] = b.getLong(at + 8 * k);
        }
        regs[16] = b.getLong(at + 8 * ORDER.length);
        return regs;
    }

    public long[] memoryOf(byte[] result, int i) {
        ByteBuffer b = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getLong(16 * i), b.getLong(16 * i + 8)};
    }
}
