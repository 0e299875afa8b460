package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.KvmSregs;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;
import java.nio.file.Path;
import jnr.ffi.Pointer;

/**
 * The machine's real {@code /dev/kvm}: one VM with one vCPU, driven through jnr-ffi with the ioctls whose names the
 * methods mirror. Results are the kernel's own: 0, a count, or {@code -errno} ({@link Errno} names them).
 *
 * <p>What differs from the simulated backend, by necessity:
 * <ul>
 * <li>{@link #run(long)}: the kernel cannot count guest instructions, so the budget becomes a wall-clock limit
 *     ({@link RunTimeLimit#forBudget}); {@link #runFor(long)} takes the limit directly. A run that reaches its
 *     limit, or is stopped by {@link #requestStop()}, returns {@code KVM_EXIT_INTR} with {@link KvmRun#detail} saying
 *     which (see {@link VcpuRun}). After a port or MMIO read exit, the data userspace writes into the returned
 *     {@link KvmRun} is copied into {@code kvm_run} at the next run; as in the kernel, the read completes (and shows
 *     in the registers) only when the vCPU is run again, if only with a zero budget.</li>
 * <li>Memslot flags {@link MemFlags#ALLONES} and {@link MemFlags#PCI_HOLE} are refused with {@code -EINVAL}, as a
 *     kernel without those (never merged) proposals refuses an unknown flag, and never reach the kernel;
 *     {@code KVM_CAP_ALLONES_MEM} and {@code KVM_CAP_PCI_HOLE_MEM} answer 0 without asking it.</li>
 * <li>{@link MemoryBacking#PFN_ONLY} is refused: only the simulated backend can model memory without struct page.</li>
 * <li>A {@code KVM_RUN} that fails with an errno other than {@code EINTR} is reported as
 *     {@code KVM_EXIT_INTERNAL_ERROR} with suberror 0 (no kernel suberror is 0), or as {@code KVM_EXIT_MEMORY_FAULT}
 *     when the kernel says so, with the errno in {@link KvmRun#detail}.</li>
 * </ul>
 * Calls that cannot return an errno ({@link #setRegs}, {@link #setSregs}, ...) throw {@link IllegalStateException}
 * naming it, such as {@code KVM_SET_SREGS failed with -EINVAL}.
 */
public final class KvmBackend implements VmBackend {
    private final Native nat;
    private final HostMemory hostMemory;
    private final NativeScratch scratch;
    private final Memslots memslots = new Memslots();
    private int kvmFd = -1;
    private int vmFd = -1;
    private int vcpuFd = -1;
    private long runAddr = -1;
    private long runSize;
    private VcpuRun vcpuRun;
    private String description;
    private boolean closed;

    private KvmBackend(Native nat) {
        this.nat = nat;
        this.hostMemory = new HostMemory(nat);
        this.scratch = new NativeScratch(nat);
    }

    /** Opens {@code /dev/kvm} and creates a VM with one vCPU; everything opened is closed again on failure. */
    public static KvmBackend open() throws BackendException {
        Native nat;
        try {
            nat = Native.system();
        } catch (LinkageError e) {
            throw new BackendException(e.getMessage());
        }
        return open(nat);
    }

    static KvmBackend open(Native nat) throws BackendException {
        KvmBackend backend = new KvmBackend(nat);
        try {
            backend.setUp();
            return backend;
        } catch (BackendException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private void setUp() throws BackendException {
        KickSignal kick = KickSignal.install(nat);
        kvmFd = KvmDevice.open(nat);
        vmFd = nat.libc.ioctl(kvmFd, KvmIoctl.KVM_CREATE_VM, 0L);
        if (vmFd < 0) {
            throw new BackendException("KVM_CREATE_VM failed", nat.errno());
        }
        vcpuFd = nat.libc.ioctl(vmFd, KvmIoctl.KVM_CREATE_VCPU, 0L);
        if (vcpuFd < 0) {
            throw new BackendException("KVM_CREATE_VCPU failed", nat.errno());
        }
        int size = nat.libc.ioctl(kvmFd, KvmIoctl.KVM_GET_VCPU_MMAP_SIZE, 0L);
        if (size < 0) {
            throw new BackendException("KVM_GET_VCPU_MMAP_SIZE failed", nat.errno());
        }
        runSize = size;
        runAddr = nat.libc.mmap(null, runSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, vcpuFd, 0);
        if (runAddr == -1) {
            throw new BackendException("mapping kvm_run from the vCPU fd failed", nat.errno());
        }
        vcpuRun = new VcpuRun(nat, vcpuFd, nat.pointer(runAddr, runSize), kick);
        RunWatchdog.get().register(vcpuRun);
        description = HostKernel.describe(Path.of("/proc/sys/kernel/osrelease"), Path.of("/sys/module"));
    }

    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public String describe() {
        return description;
    }

    /** How the host's KVM maps guest memory, when its module parameters tell. */
    public KvmPagingMode pagingMode() {
        return KvmPagingMode.detect(Path.of("/sys/module"));
    }

    @Override
    public int checkExtension(int cap) {
        ensureOpen();
        if (cap == KvmCap.ALLONES_MEM || cap == KvmCap.PCI_HOLE_MEM) {
            return 0; // never merged upstream: the numbers mean nothing (or something else) to a real kernel
        }
        int r = nat.libc.ioctl(vmFd, KvmIoctl.KVM_CHECK_EXTENSION, (long) cap);
        return Math.max(r, 0);
    }

    @Override
    public long mmap(long bytes, MemoryBacking backing) throws BackendException {
        ensureOpen();
        return hostMemory.mmap(bytes, backing);
    }

    @Override
    public void munmap(long hva, long bytes) {
        ensureOpen();
        hostMemory.munmap(hva, bytes);
    }

    @Override
    public void writeHost(long hva, byte[] src, int offset, int length) {
        ensureOpen();
        hostMemory.write(hva, src, offset, length);
    }

    @Override
    public void readHost(long hva, byte[] dst, int offset, int length) {
        ensureOpen();
        hostMemory.read(hva, dst, offset, length);
    }

    @Override
    public int setUserMemoryRegion(int slot, int flags, long guestPhysAddr, long memorySize, long userspaceAddr) {
        ensureOpen();
        if ((flags & (MemFlags.ALLONES | MemFlags.PCI_HOLE)) != 0) {
            return -Errno.EINVAL; // as check_memory_region_flags() answers a flag it does not know
        }
        Pointer region = scratch(KvmIoctl.SIZEOF_KVM_USERSPACE_MEMORY_REGION);
        region.putInt(0, slot);
        region.putInt(4, flags);
        region.putLong(8, guestPhysAddr);
        region.putLong(16, memorySize);
        region.putLong(24, userspaceAddr);
        int r = ioctlResult(nat.libc.ioctl(vmFd, KvmIoctl.KVM_SET_USER_MEMORY_REGION, region));
        if (r == 0) {
            memslots.committed(slot, memorySize);
        }
        return r;
    }

    @Override
    public int getDirtyLog(int slot, long[] bitmap) {
        ensureOpen();
        long npages = memslots.npages(slot);
        long words = (npages + 63) / 64;
        if (bitmap.length < words) {
            throw new IllegalArgumentException("slot " + slot + " has " + npages + " pages: the bitmap needs "
                    + words + " longs, got " + bitmap.length);
        }
        // KVM_GET_DIRTY_LOG copies ALIGN(npages, 64) / 8 bytes; with no slot known here the kernel refuses before
        // it writes anything, so a null bitmap is safe and the answer is still the kernel's.
        long logAt = words * 8;
        Pointer buffer = scratch(logAt + KvmIoctl.SIZEOF_KVM_DIRTY_LOG);
        buffer.putInt(logAt, slot);
        buffer.putLong(logAt + 8, words == 0 ? 0 : buffer.address());
        int r = ioctlResult(nat.libc.ioctl(vmFd, KvmIoctl.KVM_GET_DIRTY_LOG, buffer.slice(logAt)));
        if (r == 0 && words > 0) {
            buffer.get(0, bitmap, 0, (int) words);
        }
        return r;
    }

    @Override
    public KvmRegs getRegs() {
        ensureOpen();
        Pointer p = scratch(KvmIoctl.SIZEOF_KVM_REGS);
        check("KVM_GET_REGS", nat.libc.ioctl(vcpuFd, KvmIoctl.KVM_GET_REGS, p));
        byte[] bytes = new byte[KvmIoctl.SIZEOF_KVM_REGS];
        p.get(0, bytes, 0, bytes.length);
        return KvmRegsCodec.decode(bytes);
    }

    @Override
    public void setRegs(KvmRegs regs) {
        ensureOpen();
        byte[] bytes = KvmRegsCodec.encode(regs);
        Pointer p = scratch(bytes.length);
        p.put(0, bytes, 0, bytes.length);
        check("KVM_SET_REGS", nat.libc.ioctl(vcpuFd, KvmIoctl.KVM_SET_REGS, p));
    }

    @Override
    public KvmSregs getSregs() {
        ensureOpen();
        Pointer p = scratch(KvmIoctl.SIZEOF_KVM_SREGS);
        check("KVM_GET_SREGS", nat.libc.ioctl(vcpuFd, KvmIoctl.KVM_GET_SREGS, p));
        byte[] bytes = new byte[KvmIoctl.SIZEOF_KVM_SREGS];
        p.get(0, bytes, 0, bytes.length);
        return KvmSregsCodec.decode(bytes);
    }

    @Override
    public void setSregs(KvmSregs sregs) {
        ensureOpen();
        byte[] bytes = KvmSregsCodec.encode(sregs);
        Pointer p = scratch(bytes.length);
        p.put(0, bytes, 0, bytes.length);
        check("KVM_SET_SREGS", nat.libc.ioctl(vcpuFd, KvmIoctl.KVM_SET_SREGS, p));
    }

    /** {@code KVM_RUN} bounded by the wall-clock time {@link RunTimeLimit#forBudget} gives the budget. */
    @Override
    public KvmRun run(long instructionBudget) {
        return runFor(RunTimeLimit.forBudget(instructionBudget));
    }

    /**
     * {@code KVM_RUN} for at most {@code limitNanos} of wall-clock time ({@link RunTimeLimit#NONE}: no limit; 0 or
     * less: complete a pending port or MMIO read and return {@code KVM_EXIT_INTR} without running the guest).
     */
    public KvmRun runFor(long limitNanos) {
        ensureOpen();
        return vcpuRun.run(limitNanos);
    }

    @Override
    public void requestStop() {
        VcpuRun r = vcpuRun;
        if (r != null) {
            r.requestStop();
        }
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        ensureOpen();
        Pointer p = scratch(KvmIoctl.SIZEOF_KVM_PRE_FAULT_MEMORY);
        p.putLong(0, range.gpa);
        p.putLong(8, range.size);
        p.putLong(16, range.flags);
        for (int i = 0; i < range.padding.length; i++) {
            p.putLong(24 + 8L * i, range.padding[i]);
        }
        int r = ioctlResult(nat.libc.ioctl(vcpuFd, KvmIoctl.KVM_PRE_FAULT_MEMORY, p));
        range.gpa = p.getLong(0); // the kernel writes the range left back, success or not
        range.size = p.getLong(8);
        return r;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (vcpuRun != null) {
            vcpuRun.close();
            RunWatchdog.get().unregister(vcpuRun);
        }
        hostMemory.close();
        scratch.close();
        if (runAddr != -1) {
            nat.libc.munmap(runAddr, runSize);
            runAddr = -1;
        }
        vcpuFd = closeFd(vcpuFd);
        vmFd = closeFd(vmFd);
        kvmFd = closeFd(kvmFd);
    }

    private int closeFd(int fd) {
        if (fd >= 0) {
            nat.libc.close(fd);
        }
        return -1;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the KVM backend is closed");
        }
    }

    private int ioctlResult(int r) {
        return r < 0 ? -nat.errno() : r;
    }

    private void check(String ioctl, int r) {
        if (r < 0) {
            throw new IllegalStateException(ioctl + " failed with -" + Errno.name(nat.errno()));
        }
    }

    private Pointer scratch(long bytes) {
        try {
            return scratch.get(bytes);
        } catch (BackendException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
