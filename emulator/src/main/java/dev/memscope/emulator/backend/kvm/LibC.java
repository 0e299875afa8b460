package dev.memscope.emulator.backend.kvm;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * The libc calls the real-KVM backend needs, bound through jnr-ffi. Every call that can fail saves errno
 * ({@link SaveError}); read it through {@link Native#errno()} only when the result says the call failed.
 *
 * <p>{@code ioctl} is declared with a {@code long} request: {@code KVM_GET_REGS} is {@code 0x8090AE81}, which does
 * not fit an {@code int} (TOOLCHAIN.md). Addresses are {@code long}; {@code mmap} returns -1 on failure.
 *
 * <p>{@code mmap} takes its address as a {@link Pointer} (null for "anywhere"): jnr-ffi 2.3.4 (jffi 1.4.3) loses the
 * sixth argument of a call whose six arguments are all primitives (r9 arrives as garbage, so glibc refused every
 * {@code mmap} with EINVAL for an unaligned offset, without a system call). A {@code Pointer} argument takes another
 * invoker, which passes all six. Keep every six-argument call here in that form.
 */
public interface LibC {
    int O_RDWR = 0x2;
    int O_CLOEXEC = 0x80000;

    int PROT_NONE = 0x0;
    int PROT_READ = 0x1;
    int PROT_WRITE = 0x2;
    int PROT_EXEC = 0x4;

    int MAP_SHARED = 0x01;
    int MAP_PRIVATE = 0x02;
    int MAP_FIXED = 0x10;
    int MAP_ANONYMOUS = 0x20;
    int MAP_NORESERVE = 0x4000;
    int MAP_HUGETLB = 0x40000;
    /** The huge-page size goes in bits 26-31 of the flags as log2(size) (include/uapi/asm-generic/mman-common.h). */
    int MAP_HUGE_SHIFT = 26;

    int MFD_CLOEXEC = 0x1;

    int SA_RESTART = 0x10000000;

    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int ioctl(int fd, long request, long arg);

    @SaveError
    int ioctl(int fd, long request, Pointer arg);

    @SaveError
    long mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    @SaveError
    int munmap(long addr, long length);

    @SaveError
    int mprotect(long addr, long length, int prot);

    @SaveError
    int memfd_create(String name, int flags);

    @SaveError
    int ftruncate(int fd, long length);

    /** glibc's {@code struct sigaction} (152 bytes on x86-64); see {@link KickSignal}. */
    @SaveError
    int sigaction(int signum, Pointer act, Pointer oldact);

    @SaveError
    int tgkill(int tgid, int tid, int sig);

    int getpid();

    int gettid();

    int __libc_current_sigrtmin();

    int __libc_current_sigrtmax();
}
