/**
 * The real KVM backend: {@link dev.memscope.emulator.backend.kvm.KvmBackend} drives the machine's {@code /dev/kvm}
 * through jnr-ffi. This is the only package of the project that may import {@code jnr.ffi}.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * KvmAvailability a = KvmAvailability.probe();          // usable? if not, a.reason() says why, in words
 * try (KvmBackend kvm = KvmBackend.open()) {            // VM + one vCPU; throws BackendException with the errno
 *     long hva = kvm.mmap(ramBytes, MemoryBacking.ANONYMOUS);
 *     int r = kvm.setUserMemoryRegion(0, 0, 0, ramBytes, hva);   // 0 or -errno, the kernel's own answer
 *     kvm.writeHost(hva + gpa, bytes, 0, bytes.length);
 *     kvm.setSregs(boot.sregs());
 *     kvm.setRegs(boot.regs());
 *     for (;;) {
 *         KvmRun run = kvm.run(budget);                 // budget -> wall-clock limit (RunTimeLimit)
 *         switch (run.exitReason) { ... }               // IO, MMIO, HLT, SHUTDOWN, INTR, INTERNAL_ERROR, ...
 *         // answer reads in run (ioData / ioBytes / setMmioValue): copied into kvm_run at the next run
 *     }
 * }
 * }</pre>
 * {@code requestStop()} may be called from any thread: the run in progress, or else the next one, returns
 * {@code KVM_EXIT_INTR} with {@code detail} "stop requested" ({@code kvm_run.immediate_exit} plus a real-time signal
 * to the vCPU thread, {@link dev.memscope.emulator.backend.kvm.KickSignal}). A run that reaches its time limit
 * returns {@code KVM_EXIT_INTR} with "time limit of N ms ran out" ({@link
 * dev.memscope.emulator.backend.kvm.RunWatchdog}). {@code KvmBackend.stats()} returns the kernel's counters
 * ({@code KVM_GET_STATS_FD}); {@code describe()} names the kernel release, its paging mode and MMIO caching.
 *
 * <h2>Inside</h2>
 * {@code LibC} (the bound libc calls) and {@code Native} (libc, runtime, errno); {@code KvmIoctl} (request numbers);
 * the struct codecs {@code KvmRegsCodec}, {@code KvmSregsCodec}, {@code KvmRunCodec}; {@code KvmDevice} (open and
 * check {@code /dev/kvm}); {@code KvmVm} (the fds and the {@code kvm_run} mapping); {@code VcpuState} (register
 * ioctls); {@code VcpuRun} (KVM_RUN and its early ends); {@code HostMemory} and {@code SinglePageFf} (the VMM's memory
 * for each {@code MemoryBacking}); {@code NativeScratch} (ioctl argument memory); {@code Memslots} (slot sizes, for
 * the dirty log); {@code KvmStats}; {@code KvmPagingMode} and {@code HostKernel} (what the host runs).
 */
package dev.memscope.emulator.backend.kvm;
