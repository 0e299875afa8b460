package dev.memscope.emulator.api;

import java.util.List;

/**
 * An on-demand question about machine state that is too large for every snapshot (a whole SPTE tree, a million-gfn
 * map, guest memory). Answered on the machine thread with an immutable value.
 *
 * @param <T> the answer's type
 */
public sealed interface Query<T> {
    /** Guest-physical memory: {@code length} bytes from {@code gpa} (unbacked bytes read as 0xff). */
    record ReadMemory(long gpa, int length) implements Query<byte[]> {
    }

    /** Every SPTE table of one address space's current root (simulated backend only). */
    record SpteTables(int asId) implements Query<SpteTree> {
    }

    /** The state of {@code pages} consecutive gfns from {@code firstGfn}, one byte each (see {@link SpteMap}). */
    record SpteMapRange(int asId, long firstGfn, int pages) implements Query<SpteMap> {
        public SpteMapRange {
            if (pages < 0 || pages > (1 << 24)) {
                throw new IllegalArgumentException("an SPTE map covers 0 to 16M pages, not " + pages);
            }
        }
    }

    /** The guest's 4-level page tables from its current CR3. */
    record GuestPageTables() implements Query<GuestTables> {
    }

    /** The guest walk of one linear address, level by level, as the CPU would do it (without setting A/D). */
    record TranslateGva(long gva) implements Query<GuestWalk> {
    }

    /**
     * The per-candidate prefetch window of the fault with this {@link FaultRecord#seq()}, if the machine still
     * remembers it (at least the faults of {@link MachineSnapshot#recentFaults()} and the current one once its
     * PREFETCH phase ran); empty on a backend that cannot explain its prefetch (real KVM).
     */
    record PrefetchWindowOf(long faultSeq) implements Query<java.util.Optional<PrefetchWindow>> {
    }

    /** Disassembly around {@code address}: {@code before} instructions before it (best effort) and {@code after}. */
    record Disassemble(long address, int before, int after) implements Query<List<DisasmLine>> {
    }
}
