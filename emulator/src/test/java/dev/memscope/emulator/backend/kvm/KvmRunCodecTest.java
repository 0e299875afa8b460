package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/**
 * struct kvm_run as the kernel leaves it (include/uapi/linux/kvm.h): exit_reason at 8, the exit union at 32, port
 * data at data_offset (a page further on, where KVM puts pio_data). Native memory stands in for the mapping.
 */
class KvmRunCodecTest {
    private static final long DATA_OFFSET = 4096;

    private static Pointer kvmRun() {
        return Memory.allocateDirect(Native.system().runtime, 8192, true);
    }

    private static void io(Pointer run, int direction, int size, int port, int count) {
        run.putInt(8, KvmExitReason.IO);
        run.putByte(32, (byte) direction);
        run.putByte(33, (byte) size);
        run.putShort(34, (short) port);
        run.putInt(36, count);
        run.putLong(40, DATA_OFFSET);
    }

    @Test
    void port_write_data_comes_from_data_offset() {
        Pointer run = kvmRun();
        io(run, KvmRun.IO_OUT, 2, 0xE9, 1);
        run.putShort(DATA_OFFSET, (short) 0xBEEF);
        KvmRun out = new KvmRun();
        KvmRunCodec.read(run, out);
        assertThat(out.exitReason).isEqualTo(KvmExitReason.IO);
        assertThat(out.ioDirection).isEqualTo(KvmRun.IO_OUT);
        assertThat(out.ioSize).isEqualTo(2);
        assertThat(out.ioPort).isEqualTo(0xE9);
        assertThat(out.ioCount).isEqualTo(1);
        assertThat(out.ioData).isEqualTo(0xBEEF);
    }

    @Test
    void string_port_write_fills_ioBytes_and_the_first_eight_into_ioData() {
        Pointer run = kvmRun();
        io(run, KvmRun.IO_OUT, 1, 0xE9, 10);
        byte[] text = "0123456789".getBytes();
        run.put(DATA_OFFSET, text, 0, text.length);
        KvmRun out = new KvmRun();
        KvmRunCodec.read(run, out);
        assertThat(new String(out.ioBytes, 0, 10)).isEqualTo("0123456789");
        assertThat(out.ioData).isEqualTo(0x3736353433323130L);
    }

    @Test
    void port_read_answer_goes_to_data_offset_and_only_its_size() {
        Pointer run = kvmRun();
        io(run, KvmRun.IO_IN, 2, 0x60, 1);
        run.putInt(DATA_OFFSET, 0x77777777);
        KvmRun answer = new KvmRun();
        answer.ioData = 0x11223344;
        KvmRunCodec.writeAnswer(run, answer);
        assertThat(run.getInt(DATA_OFFSET)).isEqualTo(0x77773344);
    }

    @Test
    void string_port_read_answer_copies_size_times_count_bytes() {
        Pointer run = kvmRun();
        io(run, KvmRun.IO_IN, 2, 0x60, 3);
        KvmRun answer = new KvmRun();
        for (int i = 0; i < 8; i++) {
            answer.ioBytes[i] = (byte) (i + 1);
        }
        KvmRunCodec.writeAnswer(run, answer);
        byte[] got = new byte[8];
        run.get(DATA_OFFSET, got, 0, 8);
        assertThat(got).containsExactly(1, 2, 3, 4, 5, 6, 0, 0);
    }

    @Test
    void mmio_read_then_answer() {
        Pointer run = kvmRun();
        run.putInt(8, KvmExitReason.MMIO);
        run.putLong(32, 0xB0008000L);
        run.putInt(48, 4);
        run.putByte(52, (byte) 0);
        KvmRun out = new KvmRun();
        KvmRunCodec.read(run, out);
        assertThat(out.mmioPhysAddr).isEqualTo(0xB0008000L);
        assertThat(out.mmioLen).isEqualTo(4);
        assertThat(out.mmioIsWrite).isFalse();
        out.setMmioValue(0xFFFFFFFFL);
        KvmRunCodec.writeAnswer(run, out);
        assertThat(run.getLong(40)).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void mmio_write_is_not_answered() {
        Pointer run = kvmRun();
        run.putInt(8, KvmExitReason.MMIO);
        run.putLong(40, 0x1234);
        run.putInt(48, 2);
        run.putByte(52, (byte) 1);
        KvmRun out = new KvmRun();
        KvmRunCodec.read(run, out);
        assertThat(out.mmioIsWrite).isTrue();
        assertThat(out.mmioValue()).isEqualTo(0x1234);
        out.setMmioValue(-1);
        KvmRunCodec.writeAnswer(run, out);
        assertThat(run.getLong(40)).isEqualTo(0x1234);
    }

    @Test
    void internal_error_names_its_suberror_and_data() {
        Pointer run = kvmRun();
        run.putInt(8, KvmExitReason.INTERNAL_ERROR);
        run.putInt(32, 1);
        run.putInt(36, 2);
        run.putLong(40, 0xAB);
        run.putLong(48, 0xCD);
        KvmRun out = new KvmRun();
        KvmRunCodec.read(run, out);
        assertThat(out.suberror).isEqualTo(1);
        assertThat(out.detail).startsWith("KVM_INTERNAL_ERROR_EMULATION").endsWith("data: 0xab 0xcd");
    }

    @Test
    void fail_entry_names_the_hardware_reason_and_cpu() {
        Pointer run = kvmRun();
        run.putInt(8, KvmExitReason.FAIL_ENTRY);
        run.putLong(32, 0x80000021L);
        run.putInt(40, 1);
        KvmRun out = new KvmRun();
        KvmRunCodec.read(run, out);
        assertThat(out.detail).contains("hardware_entry_failure_reason 0x80000021 on cpu 1");
    }
}
