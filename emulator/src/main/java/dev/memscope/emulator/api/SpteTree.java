package dev.memscope.emulator.api;

import java.util.List;

/**
 * The SPTE tables of one address space, copied at one moment.
 *
 * @param ept true for the EPT format (TDP MMU and the legacy direct MMU here), false for the legacy/NPT format
 *        (shadow paging); {@link SpteBits} decodes both
 * @param rootPfn the table the root SPTE pointer names; the rest hang below it through their parents' SPTEs
 */
public record SpteTree(MmuMode mmu, boolean ept, long rootPfn, List<SpteTableNode> tables) {
    public SpteTree {
        tables = List.copyOf(tables);
    }
}
