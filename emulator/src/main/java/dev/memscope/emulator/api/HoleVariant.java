package dev.memscope.emulator.api;

import java.util.Arrays;
import java.util.Optional;

/** The ways a VMM can serve the sparse PCIe config space (DESIGN.md, "The hole variants"). */
public enum HoleVariant {
    /** No memslot over the window: every access exits to the userspace device model. */
    MMIO_EXIT("mmio-exit", "every ECAM access exits to userspace (KVM_EXIT_MMIO)"),
    /** Absent-function ranges are KVM_MEM_READONLY slots backed by userspace pages filled with 0xff. */
    READONLY_PAGE("readonly-page", "absent functions: read-only memslots over real 0xff pages"),
    /** Absent ranges are ALLONES slots (RFC, May 2020): one shared 0xff page, mapped read-only. */
    ALLONES("allones", "absent functions: ALLONES memslots, one shared 0xff page (RFC)"),
    /** Absent ranges are PCI_HOLE slots (v2, Aug 2020): reads emulated in the kernel as 0xff, writes exit. */
    PCI_HOLE("pci-hole", "absent functions: PCI_HOLE memslots, reads emulated in the kernel (v2)"),
    /** One 0xff host page mapped at every HVA of a read-only slot (the review's SINGLE_HVA idea). */
    SINGLE_HVA("single-hva", "absent functions: read-only memslots over one 0xff page at every HVA");

    private final String cliName;
    private final String summary;

    HoleVariant(String cliName, String summary) {
        this.cliName = cliName;
        this.summary = summary;
    }

    /** The name used on the command line, in sessions and in tables: {@code mmio-exit}, {@code allones}, ... */
    public String cliName() {
        return cliName;
    }

    public String summary() {
        return summary;
    }

    public static Optional<HoleVariant> fromCliName(String name) {
        return Arrays.stream(values()).filter(v -> v.cliName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
