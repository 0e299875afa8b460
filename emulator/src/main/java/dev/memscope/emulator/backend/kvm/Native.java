package dev.memscope.emulator.backend.kvm;

import java.util.function.IntSupplier;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The bound libc, its jnr-ffi runtime, and where errno comes from. Tests wrap {@link #libc} to make one call fail
 * (see {@code FailingLibC}), with the errno they choose.
 */
final class Native {
    final LibC libc;
    final Runtime runtime;
    private final IntSupplier errno;

    Native(LibC libc, Runtime runtime, IntSupplier errno) {
        this.libc = libc;
        this.runtime = runtime;
        this.errno = errno;
    }

    /** errno of the last call on this thread that failed. */
    int errno() {
        return errno.getAsInt();
    }

    Pointer pointer(long address, long size) {
        return Pointer.wrap(runtime, address, size);
    }

    /** The process's libc, loaded once; the failure to load it, if any, is kept and rethrown on every call. */
    static Native system() {
        if (Holder.FAILURE != null) {
            throw Holder.FAILURE;
        }
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Native INSTANCE;
        static final LinkageError FAILURE;

        static {
            Native instance = null;
            LinkageError failure = null;
            try {
                LibC libc = LibraryLoader.create(LibC.class).load("c");
                Runtime runtime = Runtime.getRuntime(libc);
                instance = new Native(libc, runtime, runtime::getLastError);
            } catch (LinkageError | RuntimeException e) {
                failure = new LinkageError("cannot bind libc through jnr-ffi: " + e.getMessage(), e);
            }
            INSTANCE = instance;
            FAILURE = failure;
        }
    }
}
