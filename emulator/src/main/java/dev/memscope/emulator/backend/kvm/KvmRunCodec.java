package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import jnr.ffi.Pointer;

/**
 * Reads the kernel's {@code struct kvm_run} (include/uapi/linux/kvm.h) into {@link KvmRun} after {@code KVM_RUN},
 * and writes userspace's answer (the data of a port or MMIO read) back before the next one.
 */
final class KvmRunCodec {
    // struct kvm_run header
    static final int REQUEST_INTERRUPT_WINDOW = 0;
    static final int IMMEDIATE_EXIT = 1;
    static final int EXIT_REASON = 8;
    /** The exit-data union. */
    static final int EXIT = 32;
    // KVM_EXIT_IO: struct { __u8 direction; __u8 size; __u16 port; __u32 count; __u64 data_offset; }
    static final int IO_DIRECTION = EXIT;
    static final int IO_SIZE = EXIT + 1;
    static final int IO_PORT = EXIT + 2;
    static final int IO_COUNT = EXIT + 4;
    static final int IO_DATA_OFFSET = EXIT + 8;
    // KVM_EXIT_MMIO: struct { __u64 phys_addr; __u8 data[8]; __u32 len; __u8 is_write; }
    static final int MMIO_PHYS_ADDR = EXIT;
    static final int MMIO_DATA = EXIT + 8;
    static final int MMIO_LEN = EXIT + 16;
    static final int MMIO_IS_WRITE = EXIT + 20;
    // KVM_EXIT_FAIL_ENTRY: struct { __u64 hardware_entry_failure_reason; __u32 cpu; }
    static final int FAIL_ENTRY_REASON = EXIT;
    static final int FAIL_ENTRY_CPU = EXIT + 8;
    // KVM_EXIT_UNKNOWN: struct { __u64 hardware_exit_reason; }
    static final int HW_EXIT_REASON = EXIT;
    // KVM_EXIT_INTERNAL_ERROR: struct { __u32 suberror; __u32 ndata; __u64 data[16]; }
    static final int INTERNAL_SUBERROR = EXIT;
    static final int INTERNAL_NDATA = EXIT + 4;
    static final int INTERNAL_DATA = EXIT + 8;

    private KvmRunCodec() {
    }

    /** Fills {@code out} from the kernel's kvm_run after KVM_RUN returned 0 (or -EINTR). */
    static void read(Pointer run, KvmRun out) {
        out.clear();
        out.exitReason = run.getInt(EXIT_REASON);
        switch (out.exitReason) {
            case KvmExitReason.IO -> readIo(run, out);
            case KvmExitReason.MMIO -> {
                out.mmioPhysAddr = run.getLong(MMIO_PHYS_ADDR);
                run.get(MMIO_DATA, out.mmioData, 0, 8);
                out.mmioLen = run.getInt(MMIO_LEN);
                out.mmioIsWrite = run.getByte(MMIO_IS_WRITE) != 0;
            }
            case KvmExitReason.FAIL_ENTRY -> out.detail = String.format(
                    "the CPU refused to enter the guest: hardware_entry_failure_reason 0x%x on cpu %d",
                    run.getLong(FAIL_ENTRY_REASON), run.getInt(FAIL_ENTRY_CPU));
            case KvmExitReason.UNKNOWN -> out.detail = String.format(
                    "exit the kernel does not handle: hardware_exit_reason 0x%x", run.getLong(HW_EXIT_REASON));
            case KvmExitReason.INTERNAL_ERROR -> readInternalError(run, out);
            case KvmExitReason.SHUTDOWN -> out.detail = "triple fault: the guest took an exception it could not "
                    + "deliver (a bad IDT, GDT or page table), so the vCPU shut down";
            // KVM_EXIT_MEMORY_FAULT: struct { __u64 flags; __u64 gpa; __u64 size; }
            case KvmExitReason.MEMORY_FAULT -> out.detail = String.format(
                    "the kernel could not resolve gpa 0x%x (size 0x%x, flags 0x%x) to host memory",
                    run.getLong(EXIT + 8), run.getLong(EXIT + 16), run.getLong(EXIT));
            default -> {
            }
        }
    }

    private static void readIo(Pointer run, KvmRun out) {
        out.ioDirection = run.getByte(IO_DIRECTION) & 0xFF;
        out.ioSize = run.getByte(IO_SIZE) & 0xFF;
        out.ioPort = run.getShort(IO_PORT) & 0xFFFF;
        out.ioCount = run.getInt(IO_COUNT);
        if (out.ioDirection != KvmRun.IO_OUT) {
            return;
        }
        long dataOffset = run.getLong(IO_DATA_OFFSET);
        int bytes = ioBytes(out);
        if (out.ioCount > 1) {
            run.get(dataOffset, out.ioBytes, 0, bytes);
        }
        long value = 0;
        for (int i = Math.min(bytes, 8) - 1; i >= 0; i--) {
            value = (value << 8) | (run.getByte(dataOffset + i) & 0xFF);
        }
        out.ioData = value;
    }

    private static void readInternalError(Pointer run, KvmRun out) {
        out.suberror = run.getInt(INTERNAL_SUBERROR);
        int ndata = Math.min(run.getInt(INTERNAL_NDATA), 16);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < ndata; i++) {
            data.append(i == 0 ? "" : " ").append(String.format("0x%x", run.getLong(INTERNAL_DATA + 8L * i)));
        }
        out.detail = suberrorName(out.suberror) + (ndata > 0 ? ", data: " + data : "");
    }

    /** The {@code KVM_INTERNAL_ERROR_*} suberrors of include/uapi/linux/kvm.h. */
    static String suberrorName(int suberror) {
        return switch (suberror) {
            case 1 -> "KVM_INTERNAL_ERROR_EMULATION (the kernel could not emulate an instruction)";
            case 2 -> "KVM_INTERNAL_ERROR_SIMUL_EX (an exception while delivering an exception)";
            case 3 -> "KVM_INTERNAL_ERROR_DELIVERY_EV (an exit while delivering an event)";
            case 4 -> "KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON (the kernel got an exit it did not expect)";
            default -> "KVM internal error, suberror " + suberror;
        };
    }

    /**
     * Copies userspace's answer into kvm_run before the next KVM_RUN: for a port read the {@code size * count}
     * bytes at {@code data_offset}, for an MMIO read {@code mmio.data}. Anything else needs no answer.
     */
    static void writeAnswer(Pointer run, KvmRun answer) {
        int reason = run.getInt(EXIT_REASON);
        if (reason == KvmExitReason.IO && (run.getByte(IO_DIRECTION) & 0xFF) == KvmRun.IO_IN) {
            long dataOffset = run.getLong(IO_DATA_OFFSET);
            int size = run.getByte(IO_SIZE) & 0xFF;
            int count = run.getInt(IO_COUNT);
            if (count > 1) {
                run.put(dataOffset, answer.ioBytes, 0, Math.min(size * count, KvmRun.IO_MAX_BYTES));
            } else {
                for (int i = 0; i < size; i++) {
                    run.putByte(dataOffset + i, (byte) (answer.ioData >>> (8 * i)));
                }
            }
        } else if (reason == KvmExitReason.MMIO && run.getByte(MMIO_IS_WRITE) == 0) {
            run.put(MMIO_DATA, answer.mmioData, 0, 8);
        }
    }

    private static int ioBytes(KvmRun run) {
        return Math.min(run.ioSize * Math.max(run.ioCount, 1), KvmRun.IO_MAX_BYTES);
    }
}
