package dev.memscope.views.events;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.TraceEvent;
import java.util.List;

/**
 * Which guest frames an event concerns, decided once per {@link EventKind} from its {@link EventKind#fields()} names:
 * the one place that knows that {@code gfn} and {@code base_gfn} are frame numbers, {@code gpa} a guest-physical
 * address, and {@code cr2_or_gpa}, {@code fault_address} and {@code addr} a guest-physical address only when KVM runs
 * the guest on TDP or the legacy direct MMU (under shadow paging they are guest-virtual, like CR2). A {@code level},
 * {@code npages} or {@code size} field widens the span. Lookups are array reads: this runs for every buffered event
 * whenever a filter changes.
 */
public final class EventAddresses {
    /** No frame: the event is not about guest memory (an exit, a TLB flush) or only names a guest-virtual address. */
    public static final long NONE = -1L;

    private static final int KINDS = EventKind.values().length;
    private static final int[] GFN = new int[KINDS];
    private static final int[] GPA = new int[KINDS];
    private static final int[] GPA_UNLESS_SHADOW = new int[KINDS];
    private static final int[] LEVEL = new int[KINDS];
    private static final int[] NPAGES = new int[KINDS];
    private static final int[] SIZE = new int[KINDS];
    private static final int[] ROLE = new int[KINDS];

    static {
        for (EventKind k : EventKind.values()) {
            List<String> f = k.fields();
            int i = k.ordinal();
            GFN[i] = first(f, "gfn", "base_gfn");
            GPA[i] = first(f, "gpa");
            // kvm_mmu_pagetable_walk's addr is the guest-virtual address being walked (mmutrace.h), never a gpa
            GPA_UNLESS_SHADOW[i] = k == EventKind.KVM_MMU_PAGETABLE_WALK ? -1
                    : first(f, "cr2_or_gpa", "fault_address", "addr");
            LEVEL[i] = first(f, "level");
            NPAGES[i] = first(f, "npages");
            SIZE[i] = first(f, "size");
            ROLE[i] = first(f, "role");
        }
    }

    private EventAddresses() {
    }

    /** The first gfn the event concerns, or {@link #NONE}. */
    public static long firstGfn(TraceEvent e, MmuMode mmu) {
        int i = e.kind().ordinal();
        if (GFN[i] >= 0) {
            return e.arg(GFN[i]);
        }
        if (GPA[i] >= 0) {
            return e.arg(GPA[i]) >>> 12;
        }
        if (GPA_UNLESS_SHADOW[i] >= 0 && mmu != MmuMode.SHADOW) {
            return e.arg(GPA_UNLESS_SHADOW[i]) >>> 12;
        }
        return NONE;
    }

    /** The guest-physical address the event names (its gfn's first byte if it names only a gfn), or {@link #NONE}. */
    public static long gpa(TraceEvent e, MmuMode mmu) {
        int i = e.kind().ordinal();
        if (GPA[i] >= 0) {
            return e.arg(GPA[i]);
        }
        if (GPA_UNLESS_SHADOW[i] >= 0 && mmu != MmuMode.SHADOW && GFN[i] < 0) {
            return e.arg(GPA_UNLESS_SHADOW[i]);
        }
        long gfn = firstGfn(e, mmu);
        return gfn == NONE ? NONE : gfn << 12;
    }

    /** How many gfns from {@link #firstGfn} the event spans (at least 1). */
    public static long pages(TraceEvent e) {
        int i = e.kind().ordinal();
        if (NPAGES[i] >= 0) {
            return Math.max(1, e.arg(NPAGES[i]));
        }
        if (SIZE[i] >= 0 && GPA[i] >= 0) {
            long first = e.arg(GPA[i]) >>> 12;
            long last = (e.arg(GPA[i]) + Math.max(1, e.arg(SIZE[i])) - 1) >>> 12;
            return last - first + 1;
        }
        if (LEVEL[i] >= 0) {
            return pagesAtLevel(e.arg(LEVEL[i]));
        }
        if (ROLE[i] >= 0) {
            long role = e.arg(ROLE[i]);
            // a direct sp maps from its gfn; an indirect one shadows the guest table at its gfn (mmu_internal.h)
            return (role & (1 << 7)) != 0 ? pagesAtLevel(role & 0xF) : 1;
        }
        return 1;
    }

    /** Whether the event's frames meet {@code [lo, hi]} (inclusive, unsigned). */
    public static boolean touches(TraceEvent e, MmuMode mmu, long lo, long hi) {
        long first = firstGfn(e, mmu);
        if (first == NONE) {
            return false;
        }
        long last = first + pages(e) - 1;
        return Long.compareUnsigned(first, hi) <= 0 && Long.compareUnsigned(last, lo) >= 0;
    }

    /** A leaf at level 1 maps one 4 KiB page, at level 2 a 2 MiB page (512 gfns), at level 3 1 GiB. */
    static long pagesAtLevel(long level) {
        return level < 1 || level > 5 ? 1 : 1L << (9 * (level - 1));
    }

    private static int first(List<String> fields, String... names) {
        for (String n : names) {
            int at = fields.indexOf(n);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }
}
