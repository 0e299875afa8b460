package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;

/**
 * Whether this process can use the real KVM backend, and if not, why, in words fit for the UI, the command line and
 * a skipped test: {@code /dev/kvm} missing, not writable, too old, or libc not reachable through jnr-ffi.
 */
public record KvmAvailability(boolean usable, String reason) {
    public static KvmAvailability probe() {
        Native nat;
        try {
            nat = Native.system();
        } catch (LinkageError e) {
            return new KvmAvailability(false, e.getMessage());
        }
        try {
            int fd = KvmDevice.open(nat);
            nat.libc.close(fd);
            return new KvmAvailability(true, KvmDevice.PATH + " is usable");
        } catch (BackendException e) {
            return new KvmAvailability(false, e.getMessage());
        }
    }
}
