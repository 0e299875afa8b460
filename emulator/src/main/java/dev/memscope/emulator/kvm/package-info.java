/**
 * The kernel side of the simulated backend: a model of the Linux KVM x86 MMU (issue 4).
 *
 * <h2>Map</h2>
 * <ul>
 * <li>VM and memslots: {@link dev.memscope.emulator.kvm.Kvm} (the one memslot commit door),
 * {@link dev.memscope.emulator.kvm.MemoryRegionCheck} (validation order and errnos),
 * {@link dev.memscope.emulator.kvm.Memslot}, {@link dev.memscope.emulator.kvm.Memslots}.</li>
 * <li>Host memory: {@link dev.memscope.emulator.kvm.HostMemory}, {@link dev.memscope.emulator.kvm.HostMapping},
 * {@link dev.memscope.emulator.kvm.KvmPfn}.</li>
 * <li>SPTEs and tables: {@link dev.memscope.emulator.kvm.SpteFormat}, {@link dev.memscope.emulator.kvm.Spte},
 * {@link dev.memscope.emulator.kvm.KvmMmuPage}, {@link dev.memscope.emulator.kvm.MmuPageRole},
 * {@link dev.memscope.emulator.kvm.KvmMmu} (the one SPTE door), {@link dev.memscope.emulator.kvm.MmuAudit}.</li>
 * <li>The fault path: {@link dev.memscope.emulator.kvm.KvmPageFault} (a state machine stepped phase by phase),
 * {@code FaultPaths}, {@code Faultin}, {@code FastPageFault}, {@code HugepageAdjust}, {@code DirectMap},
 * {@code ShadowPaths}, {@code GuestWalker}, {@code MmuSetSpte}, {@code Prefetch}.</li>
 * <li>The vCPU: {@link dev.memscope.emulator.kvm.KvmVcpu} (exits, MMIO cache, pre-fault, kvm_vcpu_map), its memory
 * views {@code EptView} (hardware) and {@code EmulatorView} (instruction emulator), {@code ShadowTranslator}.</li>
 * </ul>
 *
 * <h2>Wiring (the session layer)</h2>
 * <pre>{@code
 * Kvm kvm = Kvm.create(KvmConfig.defaults(MmuMode.TDP));
 * long hva = kvm.host().mmap(bytes, MemoryBacking.ANONYMOUS);          // the VMM's memory
 * kvm.setUserMemoryRegion(slot, flags, gpa, bytes, hva);                // 0 or -errno
 * KvmVcpu vcpu = kvm.createVcpu(pagingStateAdapter);                   // GuestPagingState over x86.Cpu
 * vcpu.addTlbFlushListener(cpu::flushTlb);
 * kvm.log().costModel().setInstructionClock(cpu::instructions, 1000);  // ps per guest instruction
 * // TDP: the CPU walks its guest tables through vcpu.hardwareMemory(); shadow: it uses vcpu.shadowTranslator()
 * vcpu.enter();                                                         // at every KVM_RUN
 * ExitAction a = vcpu.handleExit(exit);   // or: f = vcpu.pageFaultFor(exit); f.step()...; vcpu.completeFault(f)
 * // EMULATE: re-execute the instruction with vcpu.emulatorMemory(); an exit it fills goes back to handleExit
 * // INJECT_PAGE_FAULT: deliver #PF(pendingPageFaultErrorCode) at pendingPageFaultCr2, then pageFaultDelivered()
 * // USERSPACE: return vcpu.run() from KVM_RUN; after enter(), if mmioCompletionPending(), re-execute the
 * //            instruction with emulatorMemory() directly (complete_emulated_mmio)
 * }</pre>
 */
package dev.memscope.emulator.kvm;
