package dev.memscope.emulator.api;

/**
 * Why a fault was mapped at the level it was ({@code kvm_mmu_hugepage_adjust} and
 * {@code kvm_mmu_max_mapping_level}, arch/x86/kvm/mmu/mmu.c). Levels are PG_LEVEL_*: 1 = 4K, 2 = 2M, 3 = 1G.
 */
public record HugepageDecision(int maxLevel, int reqLevel, int goalLevel, Reason reason) {

    private static final int LEVELS = 5; // PG_LEVEL_4K .. PG_LEVEL_256T
    private static final HugepageDecision[] SHARED = new HugepageDecision[LEVELS * LEVELS * LEVELS
            * Reason.values().length];

    static {
        for (int i = 0; i < SHARED.length; i++) {
            int r = i / (LEVELS * LEVELS * LEVELS);
            SHARED[i] = new HugepageDecision(i % LEVELS + 1, i / LEVELS % LEVELS + 1, i / (LEVELS * LEVELS) % LEVELS + 1,
                    Reason.values()[r]);
        }
    }

    /** The decision with these values: one shared instance each (a fault path makes one per fault). */
    public static HugepageDecision of(int maxLevel, int reqLevel, int goalLevel, Reason reason) {
        if (maxLevel < 1 || maxLevel > LEVELS || reqLevel < 1 || reqLevel > LEVELS || goalLevel < 1
                || goalLevel > LEVELS) {
            return new HugepageDecision(maxLevel, reqLevel, goalLevel, reason);
        }
        return SHARED[(maxLevel - 1) + LEVELS * (reqLevel - 1) + LEVELS * LEVELS * (goalLevel - 1)
                + LEVELS * LEVELS * LEVELS * reason.ordinal()];
    }

    public enum Reason {
        /** {@code fault->max_level} was already 4K (TDP MMU caps, pre-fault callers, shadow paging here). */
        MAX_LEVEL_4K,
        /** Error or no-slot pfn: never huge. */
        ERROR_OR_NOSLOT_PFN,
        /** The slot is dirty-logged ({@code kvm_slot_dirty_track_enabled}). */
        DIRTY_LOGGING,
        /** {@code disallow_lpage} is raised at the larger levels (unaligned slot, write-tracked gfn, hole flag). */
        DISALLOW_LPAGE,
        /** The host maps the HVA with a smaller page ({@code host_pfn_mapping_level}). */
        HOST_MAPPING_LEVEL,
        /** NX huge-page workaround: an exec fault stays small. */
        NX_HUGE_PAGE,
        /** Everything allowed the largest level that fits. */
        HUGE_ALLOWED
    }
}
