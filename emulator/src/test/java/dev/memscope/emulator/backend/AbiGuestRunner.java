package dev.memscope.emulator.backend;

import dev.memscope.emulator.vmm.BootImage;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal VMM for tests, the same for every {@link VmBackend}: loads a guest through {@link BootLayout} into one RAM
 * memslot, enters it, and serves the guest ABI's ports (console, exit code, sync values). Port reads and MMIO reads
 * answer all ones (nothing there), writes elsewhere are dropped. The real VMM comes later; this one is only what
 * tests need to compare backends.
 */
public final class AbiGuestRunner {
    /** The RAM memslot's slot number. */
    public static final int RAM_SLOT = 0;

    /**
     * @param exitCode the guest's exit code, or null when the run ended another way ({@code failure} says how)
     * @param exits how many exits of each kind ({@code IO}, {@code MMIO}, {@code INTR}, ...)
     * @param mmioAddresses the GPA of every MMIO exit, in order
     */
    public record Result(Integer exitCode, String console, List<Long> syncValues, Map<String, Integer> exits,
            List<Long> mmioAddresses, String failure) {
    }

    private final VmBackend backend;
    private final long ramHva;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<Long> syncValues = new ArrayList<>();
    private final Map<String, Integer> exits = new TreeMap<>();
    private final List<Long> mmioAddresses = new ArrayList<>();

    private AbiGuestRunner(VmBackend backend, long ramHva) {
        this.backend = backend;
        this.ramHva = ramHva;
    }

    /** Loads {@code image} into a fresh backend (no memslots yet) and runs it for at most {@code timeoutNanos}. */
    public static Result run(VmBackend backend, ElfImage image, MemoryMap map, long budgetPerRun, long timeoutNanos)
            throws BackendException, ElfFormatException {
        return load(backend, image, map).runToExit(budgetPerRun, timeoutNanos);
    }

    /** Maps RAM, sets the RAM memslot, writes the boot image and sets the entry registers. */
    public static AbiGuestRunner load(VmBackend backend, ElfImage image, MemoryMap map)
            throws BackendException, ElfFormatException {
        BootImage boot = BootLayout.build(image, map, BootLayout.PageSize.SIZE_2M);
        long hva = backend.mmap(map.ramBytes(), MemoryBacking.ANONYMOUS);
        int r = backend.setUserMemoryRegion(RAM_SLOT, 0, 0, map.ramBytes(), hva);
        if (r != 0) {
            throw new BackendException("the RAM memslot was refused", -r);
        }
        for (BootImage.Write w : boot.writes()) {
            backend.writeHost(hva + w.gpa(), w.bytes(), 0, w.bytes().length);
        }
        backend.setSregs(boot.sregs());
        backend.setRegs(boot.regs());
        return new AbiGuestRunner(backend, hva);
    }

    public long ramHva() {
        return ramHva;
    }

    /** Runs until the exit port is written, the guest stops another way, or {@code timeoutNanos} pass. */
    public Result runToExit(long budgetPerRun, long timeoutNanos) {
        long start = System.nanoTime();
        for (;;) {
            KvmRun run = backend.run(budgetPerRun);
            exits.merge(KvmExitReason.shortName(run.exitReason), 1, Integer::sum);
            switch (run.exitReason) {
                case KvmExitReason.IO -> {
                    Integer code = port(run);
                    if (code != null) {
                        return result(code, null);
                    }
                }
                case KvmExitReason.MMIO -> {
                    mmioAddresses.add(run.mmioPhysAddr);
                    if (!run.mmioIsWrite) {
                        run.setMmioValue(-1L);
                    }
                }
                case KvmExitReason.INTR -> {
                    if (System.nanoTime() - start > timeoutNanos) {
                        return result(null, "timed out after " + timeoutNanos / 1_000_000 + " ms (" + run.detail
                                + ")");
                    }
                }
                case KvmExitReason.HLT -> {
                    return result(null, "the guest halted without writing an exit code");
                }
                default -> {
                    return result(null, KvmExitReason.name(run.exitReason)
                            + (run.detail == null ? "" : ": " + run.detail));
                }
            }
        }
    }

    /** Serves one port access; returns the exit code when the guest wrote one. */
    private Integer port(KvmRun run) {
        if (run.ioDirection == KvmRun.IO_IN) {
            run.ioData = -1L;
            java.util.Arrays.fill(run.ioBytes, (byte) 0xFF);
            return null;
        }
        switch (run.ioPort) {
            case GuestAbi.PORT_CONSOLE -> {
                if (run.ioCount > 1) {
                    console.write(run.ioBytes, 0, run.ioSize * run.ioCount);
                } else {
                    console.write((int) run.ioData);
                }
            }
            case GuestAbi.PORT_EXIT -> {
                return (int) run.ioData;
            }
            case GuestAbi.PORT_SYNC -> syncValues.add(run.ioData & 0xFFFFFFFFL);
            default -> {
            }
        }
        return null;
    }

    private Result result(Integer exitCode, String failure) {
        return new Result(exitCode, console.toString(StandardCharsets.UTF_8), List.copyOf(syncValues),
                Map.copyOf(exits), List.copyOf(mmioAddresses), failure);
    }
}
