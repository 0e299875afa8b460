package dev.memscope.views.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The counters table's rows: KVM's fault stats in the kernel's order, then exits by reason, then the rest. */
public final class Counters {
    /** The order of arch/x86/kvm/x86.c's debugfs stats that the model mirrors (DOMAIN.md §6). */
    static final List<String> KVM_ORDER = List.of("pf_taken", "pf_fixed", "pf_emulate", "pf_spurious", "pf_fast",
            "pf_mmio_spte_created", "mmio_exits", "mmu_shadow_zapped", "mmu_cache_miss");

    private Counters() {
    }

    public static List<CounterRow> rows(Map<String, Long> now, Map<String, Long> before) {
        List<CounterRow> rows = new ArrayList<>(now.size());
        now.forEach((name, value) -> rows.add(new CounterRow(name, value,
                before == null ? 0 : value - before.getOrDefault(name, 0L))));
        rows.sort(Comparator.comparingInt((CounterRow r) -> rank(r.name())).thenComparing(CounterRow::name));
        return rows;
    }

    private static int rank(String name) {
        int at = KVM_ORDER.indexOf(name);
        if (at >= 0) {
            return at;
        }
        return name.startsWith("exits.") ? KVM_ORDER.size() : KVM_ORDER.size() + 1;
    }
}
