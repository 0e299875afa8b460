package dev.memscope.emulator.vmm;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The userspace half of the machine: sets the VM up per the guest ABI, lays out the PCI hole for the chosen variant,
 * and handles the exits that reach userspace (ports of the guest ABI, ECAM accesses, HLT, shutdown). It drives any
 * {@link VmBackend} the same way, simulated or real.
 */
public final class Vmm implements AutoCloseable {
    /** The RAM memslot's id; hole slots follow it; a scenario's extra slots start at {@link #FIRST_EXTRA_SLOT}. */
    public static final int RAM_SLOT = 0;
    private static final int FIRST_HOLE_SLOT = 1;
    public static final int FIRST_EXTRA_SLOT = 32000;

    private final VmBackend backend;
    private final EcamDevice ecam;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<Long> syncValues = new ArrayList<>();
    private final long[] exitCounts = new long[64];
    private VmmConfig config;
    private long ramHva;
    private HolePlan plan;
    private final List<long[]> holeMappings = new ArrayList<>(); // {hva, bytes}
    private final List<HolePlan.SlotSpec> holeSlots = new ArrayList<>(); // the hole memslots that exist
    private final List<PreFaultCall> preFaultCalls = new ArrayList<>();
    private final List<DirtyPull> dirtyPulls = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long ignoredPortWrites;
    private long unassignedMmio;
    private long wallNanos;
    private Long exitCode;
    private String failure;

    private Vmm(VmBackend backend, VmmConfig config) {
        this.backend = backend;
        this.config = config;
        this.ecam = new EcamDevice(config.map(), PciTopology.q35Default());
    }

    /** Creates guest RAM, loads the guest, sets the entry registers and lays out the hole. */
    public static Vmm boot(VmBackend backend, VmmConfig config) throws VmmException {
        Vmm vmm = new Vmm(backend, config);
        BootImage boot;
        try {
            boot = BootLayout.build(config.image(), config.map(), config.pageSize(), config.scenario().extraSlots()
                    .stream().map(x -> new long[] {x.gpa(), x.bytes()}).toList());
        } catch (ElfFormatException e) {
            throw new VmmException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new VmmException("cannot lay out the boot state: " + e.getMessage(), e);
        }
        long ram = config.map().ramBytes();
        try {
            vmm.ramHva = backend.mmap(ram, MemoryBacking.ANONYMOUS);
        } catch (BackendException e) {
            throw new VmmException("cannot allocate " + (ram >> 20) + " MiB of guest RAM: " + e.getMessage(), e);
        }
        int flags = config.logDirtyRam() ? MemFlags.LOG_DIRTY_PAGES : 0;
        vmm.check(backend.setUserMemoryRegion(RAM_SLOT, flags, 0, ram, vmm.ramHva), "create the RAM memslot");
        for (BootImage.Write w : boot.writes()) {
            backend.writeHost(vmm.ramHva + w.gpa(), w.bytes(), 0, w.bytes().length);
        }
        vmm.addExtraSlots();
        if (backend instanceof dev.memscope.emulator.backend.HoleObservation o) {
            o.observeHole(config.map().ecamBase(), config.map().ecamEnd());
        }
        backend.setSregs(boot.sregs());
        backend.setRegs(boot.regs());
        vmm.applyPlan(config.variant());
        if (config.scenario() == VmmScenario.PREFAULT) {
            vmm.preFaultLikeTheSelftest();
        }
        return vmm;
    }

    private void addExtraSlots() throws VmmException {
        int id = FIRST_EXTRA_SLOT;
        for (VmmScenario.ExtraSlot x : config.scenario().extraSlots()) {
            long hva;
            try {
                hva = backend.mmap(x.bytes(), x.backing());
            } catch (BackendException e) {
                if (x.backing() != MemoryBacking.PFN_ONLY) {
                    throw new VmmException("cannot map the " + x.name() + " slot: " + e.getMessage(), e);
                }
                notes.add("the " + backend.name() + " backend has no memory without struct page (" + e.getMessage()
                        + "); the " + x.name() + " slot is ordinary anonymous memory here, so the kernel takes the "
                        + "struct-page path of kvm_vcpu_map");
                try {
                    hva = backend.mmap(x.bytes(), MemoryBacking.ANONYMOUS);
                } catch (BackendException again) {
                    throw new VmmException("cannot map the " + x.name() + " slot: " + again.getMessage(), again);
                }
            }
            check(backend.setUserMemoryRegion(id++, 0, x.gpa(), x.bytes(), hva), "create the " + x.name()
                    + " memslot");
            if (config.scenario() == VmmScenario.PREFAULT) {
                byte[] pattern = new byte[8];
                for (long page = 0; page < x.bytes(); page += 4096) {
                    java.nio.ByteBuffer.wrap(pattern).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, x.gpa() + page);
                    backend.writeHost(hva + page, pattern, 0, 8);
                }
            }
        }
    }

    /**
     * Pre-faults RAM, then makes the three calls of tools/testing/selftests/kvm/pre_fault_memory_test.c on the test
     * slot: its first 2 MiB (all of it processed), 8 KiB straddling its end (4 KiB processed, 4 KiB left), and 4 KiB
     * past its end (nothing processed: -ENOENT).
     */
    private void preFaultLikeTheSelftest() {
        VmmScenario.ExtraSlot test = config.scenario().extraSlots().get(0);
        long base = test.gpa();
        preFault("RAM", 0, config.map().ramBytes());
        preFault("first 2 MiB of the test slot", base, 2L << 20);
        preFault("8 KiB across the slot's end", base + (2L << 20), 8192);
        preFault("4 KiB past the slot's end", base + test.bytes(), 4096);
    }

    private void preFault(String label, long gpa, long size) {
        var range = new dev.memscope.emulator.backend.KvmPreFaultMemory(gpa, size);
        var before = range.copy();
        int r = backend.preFaultMemory(range);
        preFaultCalls.add(new PreFaultCall(label, before, range.copy(), r));
    }

    private void check(int r, String what) throws VmmException {
        if (r < 0) {
            throw new VmmException("cannot " + what + ": KVM_SET_USER_MEMORY_REGION returned " + Errno.name(-r)
                    + " on the " + backend.name() + " backend");
        }
    }

    /**
     * Replaces the hole's memslots with those of another variant (at a stop, with the VM otherwise untouched). A
     * variant the backend refuses leaves the VM as it was: what its plan made goes, and the old plan comes back.
     */
    public void switchVariant(HoleVariant variant) throws VmmException {
        HoleVariant old = config.variant();
        removeHole();
        config = config.withVariant(variant);
        try {
            applyPlan(variant);
        } catch (VmmException refused) {
            try {
                removeHole();
                config = config.withVariant(old);
                applyPlan(old);
            } catch (VmmException again) {
                refused.addSuppressed(again);
            }
            throw refused;
        }
    }

    /** Deletes the hole memslots that exist and unmaps their memory. */
    private void removeHole() throws VmmException {
        for (HolePlan.SlotSpec s : holeSlots) {
            check(backend.setUserMemoryRegion(s.slotId(), 0, s.gpa(), 0, 0), "delete hole memslot " + s.slotId());
        }
        holeSlots.clear();
        for (long[] m : holeMappings) {
            backend.munmap(m[0], m[1]);
        }
        holeMappings.clear();
    }

    private void applyPlan(HoleVariant variant) throws VmmException {
        plan = HolePlan.plan(variant, config.map(), ecam.topology(), FIRST_HOLE_SLOT);
        long[] hvas = new long[plan.mappings().size()];
        for (int i = 0; i < hvas.length; i++) {
            HolePlan.Mapping m = plan.mappings().get(i);
            try {
                hvas[i] = backend.mmap(m.bytes(), m.backing());
            } catch (BackendException e) {
                throw new VmmException("cannot map " + (m.bytes() >> 10) + " KiB of " + m.backing()
                        + " memory for the " + variant + " variant: " + e.getMessage(), e);
            }
            holeMappings.add(new long[] {hvas[i], m.bytes()});
        }
        for (HolePlan.SlotSpec s : plan.slots()) {
            long hva = s.mapping() < 0 ? 0 : hvas[s.mapping()] + s.mappingOffset();
            int r = backend.setUserMemoryRegion(s.slotId(), s.flags(), s.gpa(), s.bytes(), hva);
            if (r < 0) {
                throw new VmmException(String.format("the %s variant needs memslot flags %s, which the %s backend "
                        + "refused (%s): %s", variant, MemFlags.describe(s.flags()), backend.name(), Errno.name(-r),
                        backend.describe()));
            }
            holeSlots.add(s);
        }
    }

    /** One KVM_RUN and the handling of its exit. */
    public VmmStep runOnce(long instructionBudget) {
        if (exitCode != null || failure != null) {
            throw new IllegalStateException("the guest has finished; reset to run it again");
        }
        long start = System.nanoTime();
        KvmRun run = backend.run(instructionBudget);
        wallNanos += System.nanoTime() - start;
        int reason = run.exitReason;
        if (reason >= 0 && reason < exitCounts.length) {
            exitCounts[reason]++;
        }
        return switch (reason) {
            case KvmExitReason.IO -> handleIo(run);
            case KvmExitReason.MMIO -> handleMmio(run);
            case KvmExitReason.INTR -> new VmmStep(VmmStep.Kind.INTERRUPTED, reason, 0, "KVM_RUN returned early");
            case KvmExitReason.DEBUG -> new VmmStep(VmmStep.Kind.DEBUG, reason, 0, "debug stop");
            case KvmExitReason.HLT -> fail(reason, "the guest executed HLT without writing an exit code to port "
                    + "0xF4 (nothing can wake it: Memscope's guests get no interrupts)");
            case KvmExitReason.SHUTDOWN -> fail(reason, "the guest shut down (triple fault)"
                    + (run.detail == null ? "" : ": " + run.detail));
            default -> fail(reason, KvmExitReason.name(reason) + (run.detail == null ? "" : ": " + run.detail));
        };
    }

    private VmmStep fail(int reason, String why) {
        failure = why;
        return new VmmStep(VmmStep.Kind.FAILED, reason, 0, why);
    }

    private VmmStep handleIo(KvmRun run) {
        int port = run.ioPort;
        int count = Math.max(1, run.ioCount);
        if (run.ioDirection == KvmRun.IO_IN) {
            // No device behind any port: the bus floats high, for every access of a string read too.
            run.ioData = EcamDevice.mask(run.ioSize);
            if (count > 1) {
                java.util.Arrays.fill(run.ioBytes, 0, Math.min(KvmRun.IO_MAX_BYTES, run.ioSize * count), (byte) 0xFF);
            }
            ignoredPortWrites++;
            return new VmmStep(VmmStep.Kind.CONTINUE, KvmExitReason.IO, 0,
                    String.format("in from port 0x%x: no device, read all-ones", port));
        }
        VmmStep last = null;
        for (int i = 0; i < count; i++) {
            long value = count == 1 ? run.ioData & EcamDevice.mask(run.ioSize) : littleEndian(run.ioBytes,
                    i * run.ioSize, run.ioSize);
            last = portWrite(port, value);
            if (last.kind() != VmmStep.Kind.CONTINUE) {
                break; // an exit code or a sync value ends the string there
            }
        }
        return last;
    }

    private static long littleEndian(byte[] bytes, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return v;
    }

    private VmmStep portWrite(int port, long value) {
        if (port == GuestAbi.PORT_CONSOLE) {
            console.write((int) value);
            return new VmmStep(VmmStep.Kind.CONTINUE, KvmExitReason.IO, value, "console byte");
        }
        if (port == GuestAbi.PORT_EXIT) {
            exitCode = value;
            return new VmmStep(VmmStep.Kind.EXITED, KvmExitReason.IO, value, "the guest exited with code " + value);
        }
        if (port == GuestAbi.PORT_SYNC) {
            syncValues.add(value);
            if (config.logDirtyRam()) {
                long[] bitmap = new long[(int) ((config.map().ramBytes() >>> 12) + 63) / 64];
                int r = backend.getDirtyLog(RAM_SLOT, bitmap);
                dirtyPulls.add(new DirtyPull(value, RAM_SLOT, bitmap, r));
            }
            return new VmmStep(VmmStep.Kind.SYNC, KvmExitReason.IO, value, "sync value " + value);
        }
        ignoredPortWrites++;
        return new VmmStep(VmmStep.Kind.CONTINUE, KvmExitReason.IO, value,
                String.format("out to port 0x%x ignored: no device", port));
    }

    private VmmStep handleMmio(KvmRun run) {
        long gpa = run.mmioPhysAddr;
        int len = run.mmioLen;
        if (ecam.contains(gpa)) {
            if (run.mmioIsWrite) {
                ecam.write(gpa, len, run.mmioValue());
            } else {
                run.setMmioValue(ecam.read(gpa, len));
            }
            return new VmmStep(VmmStep.Kind.CONTINUE, KvmExitReason.MMIO, gpa, String.format("ECAM %s %s 0x%x",
                    Bdf.ofEcamOffset(gpa - config.map().ecamBase()), run.mmioIsWrite ? "write" : "read", gpa));
        }
        unassignedMmio++;
        if (!run.mmioIsWrite) {
            run.setMmioValue(-1L);
        }
        return new VmmStep(VmmStep.Kind.CONTINUE, KvmExitReason.MMIO, gpa,
                String.format("MMIO %s at 0x%x: nothing there (reads all-ones)", run.mmioIsWrite ? "write" : "read",
                        gpa));
    }

    // ---- what the run has produced ----------------------------------------------------------------------------

    public VmBackend backend() {
        return backend;
    }

    public VmmConfig config() {
        return config;
    }

    public HolePlan holePlan() {
        return plan;
    }

    public EcamDevice ecam() {
        return ecam;
    }

    public long ramHva() {
        return ramHva;
    }

    public byte[] console() {
        return console.toByteArray();
    }

    public int consoleLength() {
        return console.size();
    }

    public List<Long> syncValues() {
        return List.copyOf(syncValues);
    }

    /** Exits that reached userspace, by {@code kvm_run.exit_reason}. */
    public long exitCount(int kvmExitReason) {
        return kvmExitReason >= 0 && kvmExitReason < exitCounts.length ? exitCounts[kvmExitReason] : 0;
    }

    /** The memslots this VMM created, as a view shows them (for backends that cannot show the kernel's own). */
    public List<dev.memscope.emulator.api.MemslotInfo> memslotInfos() {
        List<dev.memscope.emulator.api.MemslotInfo> out = new ArrayList<>();
        out.add(new dev.memscope.emulator.api.MemslotInfo(0, RAM_SLOT, 0, config.map().ramBytes() >>> 12,
                config.logDirtyRam() ? MemFlags.LOG_DIRTY_PAGES : 0, ramHva, -1, 0));
        for (HolePlan.SlotSpec s : plan.slots()) {
            out.add(new dev.memscope.emulator.api.MemslotInfo(0, s.slotId(), s.gpa() >>> 12, s.bytes() >>> 12,
                    s.flags(), 0, -1, 0));
        }
        int id = FIRST_EXTRA_SLOT;
        for (VmmScenario.ExtraSlot x : config.scenario().extraSlots()) {
            out.add(new dev.memscope.emulator.api.MemslotInfo(0, id++, x.gpa() >>> 12, x.bytes() >>> 12, 0, 0, -1,
                    0));
        }
        return out;
    }

    /** The KVM_PRE_FAULT_MEMORY calls made before entry (the prefault scenario). */
    public List<PreFaultCall> preFaultCalls() {
        return List.copyOf(preFaultCalls);
    }

    /** The dirty-log pulls made at sync values (the dirty-log scenario). */
    public List<DirtyPull> dirtyPulls() {
        return List.copyOf(dirtyPulls);
    }

    /** What the VMM had to do differently on this backend, in plain words. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public long unassignedMmio() {
        return unassignedMmio;
    }

    public long ignoredPortAccesses() {
        return ignoredPortWrites;
    }

    /** Host time spent inside KVM_RUN (the guest running, and the kernel handling its exits). */
    public long wallNanos() {
        return wallNanos;
    }

    /** The guest's exit code, or null while it runs. */
    public Long exitCode() {
        return exitCode;
    }

    /** Why the run failed, or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        backend.close();
    }
}
