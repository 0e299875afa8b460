package dev.memscope.emulator.backend;

/**
 * One VM with one vCPU, driven the way a VMM drives {@code /dev/kvm}. {@code backend.sim} implements it with the Java
 * emulator and the KVM model, {@code backend.kvm} with the real kernel; the VMM ({@code vmm}) drives either the same
 * way. Calls that mirror an ioctl return what the ioctl returns: 0 or a count on success, {@code -errno} on failure
 * (see {@link Errno}). Only the machine thread calls these methods, except {@link #requestStop()}.
 */
public interface VmBackend extends AutoCloseable {
    /** {@code sim} or {@code kvm}. */
    String name();

    /** A line naming what runs underneath: the model's MMU mode, or the host kernel and its paging mode. */
    String describe();

    /** {@code KVM_CHECK_EXTENSION} on the VM: 0 when unsupported, else the capability's value. */
    int checkExtension(int cap);

    // ---- userspace memory of the VMM (mmap), the backing of memslots -------------------------------------------

    /** Maps {@code bytes} (a multiple of 4 KiB, or of the huge-page size) of userspace memory; returns its HVA. */
    long mmap(long bytes, MemoryBacking backing) throws BackendException;

    /** Unmaps a whole mapping made by {@link #mmap}. */
    void munmap(long hva, long bytes);

    /** The VMM writes its own memory (for example the guest image, the boot page tables). */
    void writeHost(long hva, byte[] src, int offset, int length);

    /** The VMM reads its own memory. */
    void readHost(long hva, byte[] dst, int offset, int length);

    // ---- VM ioctls ------------------------------------------------------------------------------------------------

    /**
     * {@code KVM_SET_USER_MEMORY_REGION}: {@code slot} is {@code as_id << 16 | id}. Returns 0 or -errno.
     */
    int setUserMemoryRegion(int slot, int flags, long guestPhysAddr, long memorySize, long userspaceAddr);

    /** {@code KVM_GET_DIRTY_LOG}: copies out and clears the slot's dirty bitmap (one bit per page, LSB first). */
    int getDirtyLog(int slot, long[] bitmap);

    // ---- vCPU ioctls ----------------------------------------------------------------------------------------------

    KvmRegs getRegs();

    void setRegs(KvmRegs regs);

    KvmSregs getSregs();

    void setSregs(KvmSregs sregs);

    /**
     * {@code KVM_RUN}: runs the vCPU until an exit that userspace must handle, then describes it in the returned
     * {@link KvmRun} (the same object every time; userspace writes read data into it before the next call).
     *
     * @param instructionBudget at most this many guest instructions before returning with {@code KVM_EXIT_INTR};
     *        a backend that cannot count instructions (real KVM) treats it as a hint and bounds the run by time
     */
    KvmRun run(long instructionBudget);

    /** Makes a running or the next {@link #run} return soon with {@code KVM_EXIT_INTR}. Any thread may call it. */
    void requestStop();

    /** {@code KVM_PRE_FAULT_MEMORY}: 0 with the remaining range written back, or -errno (api.rst 4.143). */
    int preFaultMemory(KvmPreFaultMemory range);

    /** Releases every fd, mapping and thread; safe to call twice. */
    @Override
    void close();
}
