package dev.memscope.emulator.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.kvm.KernelTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lining the model's events up with the kernel's lines: what is compared, what is left out, where they part. */
class TraceComparisonTest {
    private static TraceEvent event(EventKind kind, long... a) {
        long[] x = java.util.Arrays.copyOf(a, 6);
        return new TraceEvent(0, 0, 0, kind, x[0], x[1], x[2], x[3], x[4], x[5]);
    }

    private static KernelTrace.Line line(String event, String text) {
        return new KernelTrace.Line("java", 1, 0, 1.0, event, text);
    }

    @Test
    void the_same_exits_and_accesses_agree_and_other_events_and_interrupted_runs_do_not_count() throws Exception {
        List<TraceEvent> model = List.of(
                event(EventKind.KVM_PIO, 1, 0xe9, 1, 1, 0x48),
                event(EventKind.KVM_MMU_SPTE_REQUESTED, 0x100, 0x100200, 1),
                event(EventKind.KVM_USERSPACE_EXIT, 2, 0),
                event(EventKind.KVM_MMIO, 0, 4, 0xb0000000L, 0));
        KernelTrace.Capture kernel = new KernelTrace.Capture(List.of(
                line("kvm_emulate_insn", "0:100000: 31 ed (prot64)"),
                line("kvm_pio", "pio_write at 0xe9 size 1 count 1 val 0x48"),
                line("kvm_userspace_exit", "reason restart (4)"),
                line("kvm_userspace_exit", "reason KVM_EXIT_IO (2)"),
                line("kvm_mmio", "mmio unsatisfied-read len 4 gpa 0xb0000000 val 0x0")), 0);
        TraceComparison c = TraceComparison.of(model, kernel);
        assertThat(c.identical()).as(c.describe()).isTrue();
        assertThat(c.model()).hasSize(3);
        assertThat(c.describe()).startsWith("the model and the kernel agree on all 3 ");
    }

    @Test
    void a_different_value_is_found_where_it_is() throws Exception {
        List<TraceEvent> model = List.of(event(EventKind.KVM_PIO, 1, 0xe9, 1, 1, 0x48),
                event(EventKind.KVM_MMIO, 1, 4, 0xb0000000L, 0xffffffffL));
        KernelTrace.Capture kernel = new KernelTrace.Capture(List.of(
                line("kvm_pio", "pio_write at 0xe9 size 1 count 1 val 0x48"),
                line("kvm_mmio", "mmio read len 4 gpa 0xb0000000 val 0x29c08086")), 0);
        TraceComparison c = TraceComparison.of(model, kernel);
        assertThat(c.firstDifference()).isEqualTo(1);
        assertThat(c.describe()).contains("part at compared line 2")
                .contains("model:  kvm_mmio: mmio read len 4 gpa 0xb0000000 val 0xffffffff")
                .contains("kernel: kvm_mmio: mmio read len 4 gpa 0xb0000000 val 0x29c08086");
        TraceComparison shorter = TraceComparison.of(model.subList(0, 1), kernel);
        assertThat(shorter.firstDifference()).isEqualTo(1);
        assertThat(shorter.describe()).contains("model:  (end)");
    }
}
