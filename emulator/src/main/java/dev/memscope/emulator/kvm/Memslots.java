package dev.memscope.emulator.kvm;

import java.util.Arrays;

/**
 * {@code struct kvm_memslots} of one address space: the slots by id and sorted by gfn, and the generation. Replaced
 * whole on every commit (the kernel swaps an inactive copy in); lookups never allocate.
 */
public final class Memslots {
    /** {@code KVM_MEMSLOT_GEN_UPDATE_IN_PROGRESS}: bit 63 of the generation while an update runs. */
    public static final long GEN_UPDATE_IN_PROGRESS = 1L << 63;

    final int asId;
    final long generation;
    private final Memslot[] sorted;
    private final java.util.Map<Integer, Memslot> byId;
    private Memslot lastUsed;

    Memslots(int asId, long generation, java.util.Map<Integer, Memslot> byId) {
        this.asId = asId;
        this.generation = generation;
        this.byId = java.util.Map.copyOf(byId);
        this.sorted = this.byId.values().toArray(new Memslot[0]);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a.baseGfn, b.baseGfn));
    }

    public long generation() {
        return generation;
    }

    public int asId() {
        return asId;
    }

    /** {@code id_to_memslot()}. */
    public Memslot idToMemslot(int id) {
        return byId.get(id);
    }

    /** {@code __gfn_to_memslot()} / {@code search_memslots()}: the slot holding {@code gfn} (INVALID ones too). */
    public Memslot gfnToMemslot(long gfn) {
        Memslot s = lastUsed;
        if (s != null && s.contains(gfn)) {
            return s;
        }
        int lo = 0, hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Memslot m = sorted[mid];
            if (Long.compareUnsigned(gfn, m.baseGfn) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(gfn, m.endGfn()) >= 0) {
                lo = mid + 1;
            } else {
                lastUsed = m;
                return m;
            }
        }
        return null;
    }

    /** {@code kvm_check_memslot_overlap()}: another slot of this space intersecting [start, end). */
    boolean overlaps(int id, long startGfn, long endGfn) {
        for (Memslot m : sorted) {
            if (m.id != id && Long.compareUnsigned(startGfn, m.endGfn()) < 0
                    && Long.compareUnsigned(m.baseGfn, endGfn) < 0) {
                return true;
            }
        }
        return false;
    }

    /** All slots in gfn order. */
    public Memslot[] slots() {
        return sorted.clone();
    }

    java.util.Map<Integer, Memslot> byIdMap() {
        return byId;
    }

    public int size() {
        return sorted.length;
    }
}
