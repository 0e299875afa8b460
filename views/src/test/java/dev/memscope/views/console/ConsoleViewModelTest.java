package dev.memscope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleViewModelTest {
    @Test
    void appends_only_what_is_new() {
        ConsoleViewModel model = new ConsoleViewModel();
        assertThat(model.update(6, "Hello ")).isEqualTo("Hello ");
        assertThat(model.update(12, "Hello world!")).isEqualTo("world!");
        assertThat(model.update(12, "Hello world!")).isEmpty();
        assertThat(model.textProperty().get()).isEqualTo("Hello world!");
    }

    @Test
    void a_shorter_console_means_the_machine_was_reset() {
        ConsoleViewModel model = new ConsoleViewModel();
        model.update(5, "abcde");
        model.update(2, "xy");
        assertThat(model.textProperty().get()).isEqualTo("xy");
    }

    @Test
    void keeps_only_the_last_megabyte() {
        ConsoleViewModel model = new ConsoleViewModel();
        String chunk = "x".repeat(ConsoleViewModel.MAX_CHARS / 2) + "\n";
        model.update(chunk.length(), chunk);
        model.update(2L * chunk.length(), chunk);
        model.update(3L * chunk.length(), "END" + chunk.substring(3));
        assertThat(model.textProperty().get()).hasSize(ConsoleViewModel.MAX_CHARS);
        assertThat(model.textProperty().get()).endsWith("x\n");
    }
}
