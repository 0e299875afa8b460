package dev.memscope.emulator.x86;

import java.util.Arrays;

/**
 * Guest-physical memory without KVM: RAM from GPA 0 as an array of 4 KiB pages, and nothing else. Every access
 * outside RAM is MMIO that cannot be completed here: it ends the run with {@link VmExit#MMIO} naming the address.
 */
public final class PlainRam implements PhysicalMemory {
    private final byte[][] pages;
    private final long ramBytes;

    public PlainRam(long ramBytes) {
        if (ramBytes <= 0 || ramBytes % 4096 != 0 || ramBytes / 4096 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RAM must be a positive multiple of 4 KiB, got " + ramBytes);
        }
        this.ramBytes = ramBytes;
        this.pages = new byte[(int) (ramBytes / 4096)][];
    }

    public long ramBytes() {
        return ramBytes;
    }

    /** The page holding {@code gpa}, allocated on first use (fresh RAM reads as zero). */
    public byte[] page(long gpa) {
        int n = (int) (gpa >>> 12);
        byte[] p = pages[n];
        if (p == null) {
            p = new byte[4096];
            pages[n] = p;
        }
        return p;
    }

    private boolean isRam(long gpa) {
        return Long.compareUnsigned(gpa, ramBytes) < 0;
    }

    @Override
    public int resolve(long gpa, int access, long gla, boolean pageWalk, PageRef out, VmExit exit) {
        if (!isRam(gpa)) {
            return MMIO;
        }
        out.set(page(gpa), true, true);
        return RESOLVED;
    }

    @Override
    public long mmioRead(long gpa, int size, VmExit exit) {
        exit.reason = VmExit.MMIO;
        exit.gpa = gpa;
        exit.size = size;
        exit.isWrite = false;
        exit.message = String.format("read of %d bytes at gpa 0x%x: no RAM there and no device model", size, gpa);
        return 0;
    }

    @Override
    public void mmioWrite(long gpa, int size, long value, VmExit exit) {
        exit.reason = VmExit.MMIO;
        exit.gpa = gpa;
        exit.size = size;
        exit.isWrite = true;
        exit.value = value;
        exit.message = String.format("write of %d bytes at gpa 0x%x: no RAM there and no device model", size, gpa);
    }

    /** Copies {@code bytes} into RAM at {@code gpa} (the VMM loading an image). */
    public void write(long gpa, byte[] bytes) {
        for (int done = 0; done < bytes.length; ) {
            long a = gpa + done;
            if (!isRam(a)) {
                throw new IllegalArgumentException(String.format("gpa 0x%x is outside RAM (0x%x bytes)", a,
                        ramBytes));
            }
            int off = (int) a & 0xFFF;
            int n = Math.min(4096 - off, bytes.length - done);
            System.arraycopy(bytes, done, page(a), off, n);
            done += n;
        }
    }

    /** Reads {@code length} bytes of RAM at {@code gpa}. */
    public byte[] read(long gpa, int length) {
        byte[] out = new byte[length];
        for (int done = 0; done < length; ) {
            long a = gpa + done;
            int off = (int) a & 0xFFF;
            int n = Math.min(4096 - off, length - done);
            byte[] p = pages[(int) (a >>> 12)];
            if (p != null) {
                System.arraycopy(p, off, out, done, n);
            } else {
                Arrays.fill(out, done, done + n, (byte) 0);
            }
            done += n;
        }
        return out;
    }
}
