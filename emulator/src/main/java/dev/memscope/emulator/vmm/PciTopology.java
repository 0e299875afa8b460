package dev.memscope.emulator.vmm;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The present PCI functions behind the ECAM window; every other function is absent and reads as all-ones. The default
 * resembles a small QEMU q35 machine: a host bridge, two virtio endpoints, the ICH9 LPC/SATA/SMBus multi-function
 * device, and a PCIe root port (a PCI-to-PCI bridge) with an NVMe controller on its secondary bus.
 */
public final class PciTopology {
    private final TreeMap<Bdf, PciFunction> functions = new TreeMap<>();

    public static PciTopology q35Default() {
        PciTopology t = new PciTopology();
        t.endpoint("00:00.0", "q35 host bridge", 0x8086, 0x29C0, 0x060000, false);
        t.endpoint("00:01.0", "virtio-net", 0x1AF4, 0x1041, 0x020000, false).bar(1, 0x1000, false)
                .bar(4, 0x4000, false);
        t.endpoint("00:02.0", "virtio-blk", 0x1AF4, 0x1042, 0x010000, false).bar(1, 0x1000, false)
                .bar(4, 0x4000, false);
        t.endpoint("00:1f.0", "ICH9 LPC bridge", 0x8086, 0x2918, 0x060100, true);
        t.endpoint("00:1f.2", "ICH9 AHCI controller", 0x8086, 0x2922, 0x010601, true).bar(4, 0x20, true)
                .bar(5, 0x1000, false);
        t.endpoint("00:1f.3", "ICH9 SMBus", 0x8086, 0x2930, 0x0C0500, true).bar(4, 0x40, true);
        t.bridge("00:1c.0", "pcie-root-port", 0x1B36, 0x000C, 1, 1);
        t.endpoint("01:00.0", "NVMe controller", 0x1B36, 0x0010, 0x010802, false).bar(0, 0x4000, false);
        return t;
    }

    public static PciTopology empty() {
        return new PciTopology();
    }

    /** Adds an endpoint (header type 0) with a PCI Express and an MSI capability. */
    public PciFunction endpoint(String bdf, String name, int vendor, int device, int classCode,
            boolean multiFunction) {
        PciFunction f = common(Bdf.parse(bdf), name, vendor, device, classCode, multiFunction ? 0x80 : 0x00);
        f.set(0x2C, 2, vendor).set(0x2E, 2, device); // subsystem IDs
        f.set(0x3D, 1, 1).writableBits(0x3C, 1, 0xFF); // INTA#, writable interrupt line
        return add(f);
    }

    /** Adds a PCI-to-PCI bridge (header type 1) forwarding buses secondary..subordinate. */
    public PciFunction bridge(String bdf, String name, int vendor, int device, int secondary, int subordinate) {
        PciFunction f = common(Bdf.parse(bdf), name, vendor, device, 0x060400, 0x01);
        f.set(0x18, 1, f.bdf().bus()).set(0x19, 1, secondary).set(0x1A, 1, subordinate);
        f.writableBits(0x18, 3, 0xFFFFFF);
        f.writableBits(0x1C, 2, 0xF0F0).writableBits(0x20, 4, 0xFFF0FFF0); // I/O and memory windows
        return add(f);
    }

    private static PciFunction common(Bdf bdf, String name, int vendor, int device, int classCode, int header) {
        PciFunction f = new PciFunction(bdf, name);
        f.set(0x00, 2, vendor).set(0x02, 2, device);
        f.set(0x04, 2, 0).writableBits(0x04, 2, 0x0547); // I/O, memory, bus master, parity, SERR, INTx disable
        f.set(0x06, 2, 0x0010); // status: capability list present
        f.set(0x08, 1, 0x01).set(0x09, 3, classCode).set(0x0E, 1, header);
        f.set(0x34, 1, 0x40);
        f.set(0x40, 1, 0x10).set(0x41, 1, 0x50).set(0x42, 2, 0x0002); // PCI Express capability v2, next at 0x50
        f.set(0x50, 1, 0x05).set(0x51, 1, 0x00).set(0x52, 2, 0x0080); // MSI, 64-bit capable, end of list
        f.writableBits(0x52, 2, 0x0071).writableBits(0x54, 4, 0xFFFFFFFC).writableBits(0x58, 4, 0xFFFFFFFF)
                .writableBits(0x5C, 2, 0xFFFF);
        return f;
    }

    private PciFunction add(PciFunction f) {
        if (functions.putIfAbsent(f.bdf(), f) != null) {
            throw new IllegalArgumentException("two functions at " + f.bdf());
        }
        return f;
    }

    public Optional<PciFunction> function(Bdf bdf) {
        return Optional.ofNullable(functions.get(bdf));
    }

    public boolean present(Bdf bdf) {
        return functions.containsKey(bdf);
    }

    /** Present functions in ECAM order. */
    public Collection<PciFunction> functions() {
        return Collections.unmodifiableCollection(functions.values());
    }

    /** The highest bus number any bridge forwards to, or 0. */
    public int highestBus() {
        return functions.values().stream().filter(PciFunction::isBridge).mapToInt(f -> f.read(0x1A, 1)).max()
                .orElse(0);
    }
}
