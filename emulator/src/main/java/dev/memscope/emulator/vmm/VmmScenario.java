package dev.memscope.emulator.vmm;

import dev.memscope.emulator.backend.MemoryBacking;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the VMM does around a guest besides the ABI's basics: extra memslots, pre-faulting before entry, pulling the
 * dirty log at each sync value. A catalog guest names its scenario; the guest's source documents the same layout.
 */
public enum VmmScenario {
    NONE("none", List.of()),
    /** pre_fault_memory_test: a 2 MiB + 4 KiB slot at 4 GiB, each page holding its GPA; RAM and the slot are
     *  pre-faulted before entry with the selftest's three calls. */
    PREFAULT("prefault", List.of(new ExtraSlot("prefault-test", 0x100000000L, (2L << 20) + 4096,
            MemoryBacking.ANONYMOUS))),
    /** RAM is dirty-logged; the VMM pulls KVM_GET_DIRTY_LOG at every sync value. */
    DIRTY_LOG("dirty-log", List.of()),
    /** A 4 MiB slot at 2 GiB of frames without struct page, where the guest keeps its page tables. */
    GUEST_MAP("guest-map", List.of(new ExtraSlot("pfn-only", 0x80000000L, 4L << 20, MemoryBacking.PFN_ONLY)));

    /** A memslot the scenario adds beside RAM; the boot page tables identity-map it (rounded up to 2 MiB). */
    public record ExtraSlot(String name, long gpa, long bytes, MemoryBacking backing) {
    }

    private final String cliName;
    private final List<ExtraSlot> extraSlots;

    VmmScenario(String cliName, List<ExtraSlot> extraSlots) {
        this.cliName = cliName;
        this.extraSlots = extraSlots;
    }

    public String cliName() {
        return cliName;
    }

    public List<ExtraSlot> extraSlots() {
        return extraSlots;
    }

    public static Optional<VmmScenario> fromCliName(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst();
    }
}
