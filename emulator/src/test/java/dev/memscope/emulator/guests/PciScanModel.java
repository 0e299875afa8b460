package dev.memscope.emulator.guests;

import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.PciFunction;
import dev.memscope.emulator.vmm.PciTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pci-scan and pci-scan-naive guests, line by line in Java (sample-guests/guests/pci-scan/pci-scan.c and
 * pci-scan-naive.c), over a fresh q35 topology: what they must print, and every ECAM access they make, in order.
 * Absent functions read as all-ones and swallow writes (DESIGN.md); present ones answer from their config space.
 * Public for the command line's tests (app), which compare against the same figures.
 */
public final class PciScanModel {
    /** One config-space access of the guest, as its C code makes it. */
    public record Access(Bdf bdf, int reg, int len, boolean write, boolean present) {
        public long gpa(MemoryMap map) {
            return map.ecamBase() + bdf.ecamOffset() + reg;
        }
    }

    private final MemoryMap map;
    private final PciTopology topology = PciTopology.q35Default();
    private final StringBuilder console = new StringBuilder();
    private final List<Access> accesses = new ArrayList<>();
    private int functionsFound;
    private int idReads;

    private PciScanModel(MemoryMap map) {
        this.map = map;
    }

    /** pci-scan.c: Linux-style scan, BAR sizing, then the absent-write check. */
    public static PciScanModel scan(MemoryMap map) {
        PciScanModel m = new PciScanModel(map);
        m.console.append(String.format("pci-scan: ECAM at 0x%x, %d buses\n", map.ecamBase(), map.ecamBuses()));
        m.scanBus(0, 0);
        Bdf absent = new Bdf(0, 3, 0);
        m.write(absent, 0x04, 2, 0x0006);
        if (m.read(absent, 0, 4) != 0xFFFFFFFFL || m.read(absent, 0x04, 2) != 0xFFFFL) {
            throw new AssertionError("the model's own absent-write check failed");
        }
        m.console.append(String.format("pci-scan: %d functions found with %d ID reads\n", m.functionsFound,
                m.idReads));
        return m;
    }

    /** pci-scan-naive.c: a 32-bit ID read of every function of every bus. */
    public static PciScanModel naive(MemoryMap map) {
        PciScanModel m = new PciScanModel(map);
        m.console.append(String.format("pci-scan-naive: probing all %d buses\n", map.ecamBuses()));
        for (int bus = 0; bus < map.ecamBuses(); bus++) {
            for (int dev = 0; dev < 32; dev++) {
                for (int fn = 0; fn < 8; fn++) {
                    long id = m.read(new Bdf(bus, dev, fn), 0, 4);
                    m.idReads++;
                    if (!idAbsent(id)) {
                        m.console.append(String.format("%02x:%02x.%d %04x:%04x\n", bus, dev, fn, id & 0xFFFF,
                                id >>> 16));
                        m.functionsFound++;
                    }
                }
            }
        }
        m.console.append(String.format("pci-scan-naive: %d functions found with %d ID reads\n", m.functionsFound,
                m.idReads));
        return m;
    }

    public String console() {
        return console.toString();
    }

    public List<Access> accesses() {
        return List.copyOf(accesses);
    }

    public int functionsFound() {
        return functionsFound;
    }

    public int idReads() {
        return idReads;
    }

    /** pci_id_absent(): what Linux's pci_bus_generic_read_dev_vendor_id() treats as "no device here". */
    public static boolean idAbsent(long id) {
        return id == 0xFFFFFFFFL || id == 0 || id == 0x0000FFFFL || id == 0xFFFF0000L;
    }

    private void scanBus(int bus, int depth) {
        if (depth > 8) {
            return;
        }
        for (int dev = 0; dev < 32; dev++) {
            long id = read(new Bdf(bus, dev, 0), 0, 4);
            idReads++;
            if (idAbsent(id)) {
                continue;
            }
            int header = (int) read(new Bdf(bus, dev, 0), 0x0E, 1);
            int nfn = (header & 0x80) != 0 ? 8 : 1;
            for (int fn = 0; fn < nfn; fn++) {
                Bdf bdf = new Bdf(bus, dev, fn);
                if (fn > 0) {
                    id = read(bdf, 0, 4);
                    idReads++;
                    if (idAbsent(id)) {
                        continue;
                    }
                    header = (int) read(bdf, 0x0E, 1);
                }
                showFunction(bdf, id, header);
                if ((header & 0x7F) == 1) {
                    int secondary = (int) read(bdf, 0x19, 1);
                    if (secondary > bus && secondary < map.ecamBuses()) {
                        scanBus(secondary, depth + 1);
                    }
                }
            }
        }
    }

    private void showFunction(Bdf bdf, long id, int header) {
        long classRev = read(bdf, 0x08, 4);
        console.append(String.format("%02x:%02x.%d %04x:%04x class %06x%s\n", bdf.bus(), bdf.device(),
                bdf.function(), id & 0xFFFF, id >>> 16, classRev >>> 8, (header & 0x7F) == 1 ? " (PCI bridge)" : ""));
        functionsFound++;
        if ((header & 0x7F) != 0) {
            return;
        }
        for (int bar = 0; bar < 6; bar++) {
            int reg = 0x10 + 4 * bar;
            long saved = read(bdf, reg, 4);
            write(bdf, reg, 4, 0xFFFFFFFFL);
            long mask = read(bdf, reg, 4);
            write(bdf, reg, 4, saved);
            boolean io = (mask & 1) != 0;
            mask &= io ? ~3L : ~0xFL;
            mask &= 0xFFFFFFFFL;
            long size = mask == 0 ? 0 : (~mask + 1) & 0xFFFFFFFFL;
            if (size != 0) {
                console.append(String.format("        BAR%d: %s, %d bytes\n", bar, io ? "I/O" : "memory", size));
            }
        }
    }

    private long read(Bdf bdf, int reg, int len) {
        Optional<PciFunction> f = topology.function(bdf);
        accesses.add(new Access(bdf, reg, len, false, f.isPresent()));
        long mask = len == 8 ? -1L : (1L << (8 * len)) - 1;
        return f.map(x -> x.read(reg, len) & mask).orElse(mask);
    }

    private void write(Bdf bdf, int reg, int len, long value) {
        Optional<PciFunction> f = topology.function(bdf);
        accesses.add(new Access(bdf, reg, len, true, f.isPresent()));
        f.ifPresent(x -> x.write(reg, len, (int) value));
    }
}
