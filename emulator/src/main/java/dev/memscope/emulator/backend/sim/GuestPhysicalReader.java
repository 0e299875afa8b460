package dev.memscope.emulator.backend.sim;

import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmVcpu;
import dev.memscope.emulator.kvm.Memslot;
import java.util.Arrays;

/**
 * Reads guest-physical memory for views as the VMM would see it through its memslots, without faulting anything in
 * or allocating host pages: bytes that no slot backs (or that were never touched) read as the hardware would return
 * them: 0xff for no slot and for the hole flags, 0 for untouched RAM.
 */
final class GuestPhysicalReader {
    private GuestPhysicalReader() {
    }

    static byte[] read(Kvm kvm, KvmVcpu vcpu, long gpa, int length) {
        if (length < 0 || length > (64 << 20)) {
            throw new IllegalArgumentException("read " + length + " bytes: 0 to 64 MiB at a time");
        }
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = gpa + done;
            int chunk = (int) Math.min(length - done, 4096 - (a & 4095));
            Memslot slot = vcpu.memslots().gfnToMemslot(a >>> 12);
            if (slot == null || slot.isAllones() || slot.isPciHole()) {
                Arrays.fill(out, done, done + chunk, (byte) 0xFF);
            } else {
                long hva = slot.gfnToHvaMemslot(a >>> 12) + (a & 4095);
                if (kvm.host().isMapped(hva, chunk)) {
                    kvm.host().readHost(hva, out, done, chunk);
                } else {
                    Arrays.fill(out, done, done + chunk, (byte) 0xFF);
                }
            }
            done += chunk;
        }
        return out;
    }
}
