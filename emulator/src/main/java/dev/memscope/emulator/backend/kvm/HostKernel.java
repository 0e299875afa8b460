package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.api.MmuMode;
import java.nio.file.Path;

/** The line {@link KvmBackend#describe()} shows: the host kernel release, how its KVM pages, and what it refuses. */
public final class HostKernel {
    private HostKernel() {
    }

    static String describe(Path osrelease, Path sysModule) {
        return "Linux " + release(osrelease) + " /dev/kvm, " + KvmPagingMode.detect(sysModule).description()
                + mmioCaching(sysModule) + "; the modelled memslot flags ALLONES and PCI_HOLE go to the kernel as they are, "
                + "and a kernel refuses a flag it does not know (neither proposal was merged)";
    }

    /**
     * Whether KVM caches MMIO SPTEs ({@code kvm.mmio_caching}): without them every MMIO access takes the whole
     * page-fault path to RET_PF_EMULATE (kvm_handle_noslot_fault(), arch/x86/kvm/mmu/mmu.c).
     */
    static String mmioCaching(Path sysModule) {
        return KernelFiles.firstLine(sysModule.resolve("kvm/parameters/mmio_caching"))
                .map(v -> v.equals("Y") ? ", MMIO SPTEs cached" : ", no MMIO SPTEs (kvm.mmio_caching=" + v + ")")
                .orElse("");
    }

    /**
     * What the model needs to be set up like this host's KVM for a fair comparison: its paging mode, whether the
     * legacy MMU is in use ({@code tdp_mmu=N}), and whether MMIO SPTEs are cached (null when it cannot tell).
     */
    public record Settings(KvmPagingMode paging, boolean legacyMmu, Boolean mmioCaching) {
        /** The model's MMU that pages as this kernel does (TDP when the kernel cannot tell). */
        public MmuMode modelMmu() {
            return switch (paging.kind()) {
                case SHADOW -> MmuMode.SHADOW;
                case TDP -> legacyMmu ? MmuMode.DIRECT : MmuMode.TDP;
                case UNKNOWN -> MmuMode.TDP;
            };
        }
    }

    public static Settings probe() {
        return probe(Path.of("/sys/module"));
    }

    static Settings probe(Path sysModule) {
        Boolean caching = KernelFiles.firstLine(sysModule.resolve("kvm/parameters/mmio_caching"))
                .map(v -> v.equals("Y") || v.equals("1")).orElse(null);
        boolean legacy = KernelFiles.firstLine(sysModule.resolve("kvm/parameters/tdp_mmu"))
                .map(v -> v.equals("N") || v.equals("0")).orElse(false);
        return new Settings(KvmPagingMode.detect(sysModule), legacy, caching);
    }

    /** {@code uname -r}: from /proc, else what the JVM read at start-up. */
    static String release(Path osrelease) {
        return KernelFiles.firstLine(osrelease).orElse(System.getProperty("os.version", "unknown"));
    }
}
