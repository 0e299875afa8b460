package dev.memscope.views.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LessonsViewModelTest {
    private final FakeDriver driver = new FakeDriver();
    private final LessonsViewModel model = new LessonsViewModel(driver, Runnable::run);
    private final List<StepShown> staged = new ArrayList<>();

    LessonsViewModelTest() {
        model.onStep(staged::add);
    }

    @Test
    void picking_a_lesson_shows_its_first_step_and_next_and_previous_move_through_it() {
        assertThat(model.lessons()).containsExactly(FakeDriver.LESSON);
        assertThat(model.canNext().get()).isFalse();
        model.selectedProperty().set(FakeDriver.LESSON);
        assertThat(model.stepProperty().get().index()).isZero();
        assertThat(model.progressProperty().get()).isEqualTo("Step 1 of 3");
        assertThat(model.canPrevious().get()).isFalse();
        model.next();
        model.next();
        assertThat(model.progressProperty().get()).isEqualTo("Step 3 of 3");
        assertThat(model.canNext().get()).isFalse();
        model.next(); // nothing past the end
        model.previous();
        assertThat(driver.shown).containsExactly("demo:0", "demo:1", "demo:2", "demo:1");
        assertThat(staged).extracting(StepShown::index).containsExactly(0, 1, 2, 1);
    }

    @Test
    void the_machine_checks_the_answer() {
        model.selectedProperty().set(FakeDriver.LESSON);
        assertThat(model.canCheck().get()).as("step 1 asks nothing").isFalse();
        model.next();
        assertThat(model.canCheck().get()).as("nothing typed yet").isFalse();
        model.answerProperty().set("thirty");
        model.check();
        assertThat(model.feedbackProperty().get()).startsWith("Type a number");
        model.answerProperty().set("0x20");
        model.check();
        assertThat(model.feedbackProperty().get()).isEqualTo("Right: the machine measured 32.");
        model.answerProperty().set("30");
        model.check();
        assertThat(model.feedbackProperty().get()).startsWith("Not quite: you said 30, the machine measured 32.");
        model.next();
        assertThat(model.answerProperty().get()).as("a new step starts with an empty answer").isEmpty();
        assertThat(model.feedbackProperty().get()).isEmpty();
    }

    @Test
    void a_malformed_lesson_file_says_what_is_wrong_and_changes_nothing() {
        model.selectedProperty().set(FakeDriver.LESSON);
        model.open(Path.of("bad.yaml"));
        assertThat(model.errorProperty().get()).contains("step 2 (\"Ask\"), field 'stop'");
        assertThat(model.lessons()).hasSize(1);
        assertThat(model.stepProperty().get().lessonId()).isEqualTo("demo");
        model.open(Path.of("mine.yaml"));
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.lessons()).hasSize(2);
        assertThat(model.stepProperty().get().lessonId()).isEqualTo("mine");
    }

    @Test
    void only_the_newest_request_is_shown() {
        driver.manual = true;
        model.selectedProperty().set(FakeDriver.LESSON);
        assertThat(model.busyProperty().get()).isTrue();
        model.go(2);
        driver.pending.get(1).complete(FakeDriver.step("demo", 2));
        driver.pending.get(0).complete(FakeDriver.step("demo", 0)); // late: ignored
        assertThat(model.stepProperty().get().index()).isEqualTo(2);
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(staged).extracting(StepShown::index).containsExactly(2);
    }

    @Test
    void a_step_the_machine_cannot_reach_is_reported_and_the_last_step_stays() {
        model.selectedProperty().set(FakeDriver.LESSON);
        driver.manual = true;
        model.next();
        driver.pending.get(0).completeExceptionally(new IllegalStateException("step 2 never reached its stop"));
        assertThat(model.errorProperty().get()).isEqualTo("step 2 never reached its stop");
        assertThat(model.stepProperty().get().index()).isZero();
        assertThat(model.progressProperty().get()).isEqualTo("Step 1 of 3");
    }
}
