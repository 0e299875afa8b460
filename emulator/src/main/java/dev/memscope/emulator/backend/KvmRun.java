package dev.memscope.emulator.backend;

/**
 * The shared {@code struct kvm_run} of one vCPU: the kernel fills it when {@code KVM_RUN} returns, userspace answers
 * in it (data of a port or MMIO read) before the next {@code KVM_RUN}. Mutable on purpose, as the real one is.
 */
public final class KvmRun {
    public int exitReason = KvmExitReason.UNKNOWN;

    // exit_reason == KVM_EXIT_IO: struct { __u8 direction; __u8 size; __u16 port; __u32 count; __u64 data_offset; }
    public static final int IO_IN = 0;
    public static final int IO_OUT = 1;
    public int ioDirection;
    public int ioSize;
    public int ioPort;
    public int ioCount = 1;
    /** The bytes of the access (little-endian): set by the kernel for OUT, by userspace for IN. */
    public long ioData;
    /** Most bytes one port-I/O exit carries: KVM's pio_data is one page (string I/O, {@code rep ins/outs}). */
    public static final int IO_MAX_BYTES = 4096;
    /**
     * String I/O ({@code ioCount > 1}): the {@code ioSize * ioCount} bytes of all the accesses, in order. Set by the
     * kernel for OUT (ioData then holds the first eight), by userspace for IN. Unused when {@code ioCount == 1}.
     */
    public final byte[] ioBytes = new byte[IO_MAX_BYTES];

    // exit_reason == KVM_EXIT_MMIO: struct { __u64 phys_addr; __u8 data[8]; __u32 len; __u8 is_write; }
    public long mmioPhysAddr;
    public final byte[] mmioData = new byte[8];
    public int mmioLen;
    public boolean mmioIsWrite;

    // exit_reason == KVM_EXIT_INTERNAL_ERROR / SHUTDOWN / FAIL_ENTRY: Memscope adds a readable explanation.
    public int suberror;
    public String detail;

    /** mmio.data as a little-endian number of mmioLen bytes. */
    public long mmioValue() {
        long v = 0;
        for (int i = mmioLen - 1; i >= 0; i--) {
            v = (v << 8) | (mmioData[i] & 0xFF);
        }
        return v;
    }

    public void setMmioValue(long value) {
        for (int i = 0; i < 8; i++) {
            mmioData[i] = (byte) (value >>> (8 * i));
        }
    }

    public void clear() {
        exitReason = KvmExitReason.UNKNOWN;
        ioDirection = 0;
        ioSize = 0;
        ioPort = 0;
        ioCount = 1;
        ioData = 0;
        mmioPhysAddr = 0;
        java.util.Arrays.fill(mmioData, (byte) 0);
        mmioLen = 0;
        mmioIsWrite = false;
        suberror = 0;
        detail = null;
    }
}
