package dev.memscope.views.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CompareViewModelTest {
    private final List<MachineSnapshot.Setup> asked = new ArrayList<>();
    private final List<CompareRunner.Progress> progress = new ArrayList<>();
    private CompletableFuture<CompareTable> answer = new CompletableFuture<>();
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final CompareViewModel model = new CompareViewModel((setup, p) -> {
        asked.add(setup);
        progress.add(p);
        return answer;
    }, fxQueue::add);

    private void drainFx() {
        while (!fxQueue.isEmpty()) {
            fxQueue.remove(0).run();
        }
    }

    @Test
    void nothing_can_run_without_a_guest() {
        assertThat(model.canRunProperty().get()).isFalse();
        model.runComparison();
        assertThat(asked).isEmpty();
    }

    @Test
    void the_prompt_names_the_loaded_guest() {
        assertThat(model.messageProperty().get()).startsWith("Load a guest");
        model.onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
        assertThat(model.messageProperty().get()).isEqualTo(
                "\u201cRun comparison\u201d runs pci-scan under every hole variant.");
    }

    @Test
    void a_run_shows_progress_then_the_table() {
        model.onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
        assertThat(model.canRunProperty().get()).isTrue();
        model.runComparison();
        assertThat(asked).extracting(MachineSnapshot.Setup::guest).containsExactly("pci-scan");
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(model.canRunProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEqualTo(-1);
        model.runComparison(); // a second click while running does nothing
        assertThat(asked).hasSize(1);

        progress.get(0).report(0.2, "readonly-page on sim (3 of 10)");
        progress.get(0).report(0.3, "readonly-page on kvm (4 of 10)");
        assertThat(fxQueue).hasSize(1); // reports coalesce into one hop to the FX thread
        drainFx();
        assertThat(model.progressProperty().get()).isEqualTo(0.3);
        assertThat(model.messageProperty().get()).isEqualTo("readonly-page on kvm (4 of 10)");

        answer.complete(CompareFixtures.both());
        drainFx();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.canRunProperty().get()).isTrue();
        assertThat(model.tableProperty().get()).isNotNull();
        assertThat(model.rowsProperty().get()).isNotEmpty();
        assertThat(model.chartsProperty().get()).hasSize(3);
        assertThat(model.summaryProperty().get()).isEqualTo("pci-scan: same console output in all 8 runs");
        assertThat(model.differences()).hasSize(1);
    }

    @Test
    void a_failure_is_reported_and_a_new_run_is_possible() {
        model.onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
        model.runComparison();
        answer.completeExceptionally(new IllegalStateException("/dev/kvm: permission denied"));
        drainFx();
        assertThat(model.messageProperty().get()).isEqualTo("The comparison failed: /dev/kvm: permission denied");
        assertThat(model.canRunProperty().get()).isTrue();
        assertThat(model.tableProperty().get()).isNull();
    }

    @Test
    void cancelling_cancels_the_runners_future() {
        model.onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
        model.runComparison();
        model.cancel();
        drainFx();
        assertThat(answer.isCancelled()).isTrue();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Comparison cancelled.");
    }

    @Test
    void a_table_for_another_guest_says_it_is_stale_and_the_current_run_follows_the_machine() {
        model.onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
        model.show(CompareFixtures.both());
        assertThat(model.columnsProperty().get()).filteredOn(CompareColumn::current)
                .extracting(CompareColumn::variant).containsExactly("allones");
        model.onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.PCI_HOLE));
        assertThat(model.columnsProperty().get()).filteredOn(CompareColumn::current)
                .extracting(CompareColumn::variant).containsExactly("pci-hole");
        model.onSnapshot(CompareFixtures.snapshot("memslot-tour", HoleVariant.PCI_HOLE));
        assertThat(model.summaryProperty().get()).contains("the machine now runs memslot-tour");
    }
}
