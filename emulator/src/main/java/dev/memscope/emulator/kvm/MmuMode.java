package dev.memscope.emulator.kvm;

/** How a VM's MMU works, chosen at VM creation (module parameters {@code tdp_mmu} and {@code ept}/{@code npt}). */
public enum MmuMode {
    /** The TDP MMU (tdp_mmu.c), EPT SPTE format. Never prefetches; splits huge pages in place. */
    TDP("tdp"),
    /** The legacy direct MMU (tdp_mmu=N): direct_map() over EPT tables, with prefetch and rmaps. */
    LEGACY_DIRECT("direct"),
    /** Shadow paging (ept=0): KVM walks the guest tables; SPTEs (x86 PTE format) translate gvas. */
    SHADOW("shadow");

    private final String cliName;

    MmuMode(String cliName) {
        this.cliName = cliName;
    }

    /** The name used by {@code --mmu}: tdp, direct or shadow. */
    public String cliName() {
        return cliName;
    }

    public boolean isTdp() {
        return this != SHADOW;
    }

    public SpteFormat spteFormat() {
        return this == SHADOW ? SpteFormat.PT : SpteFormat.EPT;
    }

    public static MmuMode fromCliName(String name) {
        for (MmuMode m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown MMU mode '" + name + "' (tdp, direct or shadow)");
    }
}
