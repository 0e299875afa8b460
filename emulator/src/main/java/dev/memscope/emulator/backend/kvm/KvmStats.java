package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The kernel's own counters of a VM or vCPU, read through {@code KVM_GET_STATS_FD} (Linux 5.14; api.rst 4.133): the
 * stats the kernel also shows in debugfs, under the same names ({@code pf_fixed}, {@code mmio_exits}, ...). The file
 * is {@code struct kvm_stats_header { u32 flags, name_size, num_desc, id_offset, desc_offset, data_offset; }}, then
 * {@code num_desc} descriptors {@code { u32 flags; s16 exponent; u16 size; u32 offset; u32 bucket_size;
 * char name[name_size]; }}, then the u64 data. Only single-value stats are kept (histograms have size > 1).
 */
final class KvmStats {
    private static final int HEADER = 24;
    private static final int DESC = 16;

    private KvmStats() {
    }

    /** All single-value stats of the VM or vCPU behind {@code fd}, by name. */
    static Map<String, Long> read(Native nat, int fd, String what) throws BackendException {
        int statsFd = nat.libc.ioctl(fd, KvmIoctl.KVM_GET_STATS_FD, 0L);
        if (statsFd < 0) {
            throw new BackendException("KVM_GET_STATS_FD on the " + what + " failed (Linux 5.14+)", nat.errno());
        }
        try {
            Pointer header = bytes(nat, statsFd, 0, HEADER);
            int nameSize = header.getInt(4);
            int numDesc = header.getInt(8);
            int descOffset = header.getInt(16);
            int dataOffset = header.getInt(20);
            int descBytes = DESC + nameSize;
            Pointer descs = bytes(nat, statsFd, descOffset, (long) numDesc * descBytes);
            long dataBytes = 0;
            for (int i = 0; i < numDesc; i++) {
                long at = (long) i * descBytes;
                dataBytes = Math.max(dataBytes, descs.getInt(at + 8) + 8L * (descs.getShort(at + 6) & 0xFFFF));
            }
            Pointer data = bytes(nat, statsFd, dataOffset, dataBytes);
            Map<String, Long> stats = new TreeMap<>();
            for (int i = 0; i < numDesc; i++) {
                long at = (long) i * descBytes;
                if ((descs.getShort(at + 6) & 0xFFFF) == 1) {
                    stats.put(name(descs, at + DESC, nameSize), data.getLong(descs.getInt(at + 8)));
                }
            }
            return stats;
        } finally {
            nat.libc.close(statsFd);
        }
    }

    private static Pointer bytes(Native nat, int fd, long offset, long count) throws BackendException {
        Pointer buf = Memory.allocateDirect(nat.runtime, (int) Math.max(count, 1), true);
        long got = nat.libc.pread(fd, buf, count, offset);
        if (got != count) {
            throw new BackendException("reading " + count + " bytes of KVM stats at " + offset + " returned " + got,
                    got < 0 ? nat.errno() : 0);
        }
        return buf;
    }

    private static String name(Pointer descs, long at, int nameSize) {
        byte[] raw = new byte[nameSize];
        descs.get(at, raw, 0, nameSize);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }
}
