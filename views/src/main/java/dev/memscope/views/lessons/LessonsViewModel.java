package dev.memscope.views.lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lessons panel's state: which lesson, which step, what the machine said about it, the answer typed and what
 * the machine measured. Plain properties, changed on the JavaFX thread; the driver's work is asked for and its
 * results applied through {@code fx} (Platform::runLater in the app, direct in tests). Only the newest request's
 * answer is applied.
 */
public final class LessonsViewModel {
    private final LessonDriver driver;
    private final Executor fx;
    private final ObservableList<LessonInfo> lessons = FXCollections.observableArrayList();
    private final ObjectProperty<LessonInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<StepShown> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final StringProperty answer = new SimpleStringProperty(this, "answer", "");
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter");
    private final List<Consumer<StepShown>> stepListeners = new ArrayList<>();
    private final BooleanBinding canNext;
    private final BooleanBinding canPrevious;
    private final BooleanBinding canCheck;
    private long request;

    public LessonsViewModel(LessonDriver driver, Executor fx) {
        this.driver = driver;
        this.fx = fx;
        lessons.setAll(driver.lessons());
        selected.addListener((obs, was, is) -> {
            if (is != null && (was == null || !is.id().equals(was.id()))) {
                go(0);
            }
        });
        canNext = Bindings.createBooleanBinding(() -> !busy.get() && step.get() != null
                && step.get().index() + 1 < step.get().count(), busy, step);
        canPrevious = Bindings.createBooleanBinding(() -> !busy.get() && step.get() != null
                && step.get().index() > 0, busy, step);
        canCheck = Bindings.createBooleanBinding(() -> !busy.get() && step.get() != null
                && !step.get().question().isEmpty() && !answer.get().isBlank(), busy, step, answer);
    }

    public void next() {
        if (canNext.get()) {
            go(step.get().index() + 1);
        }
    }

    public void previous() {
        if (canPrevious.get()) {
            go(step.get().index() - 1);
        }
    }

    /** Shows step {@code index} of the selected lesson (the machine replays or runs on as needed). */
    public void go(int index) {
        LessonInfo l = selected.get();
        if (l == null) {
            return;
        }
        long mine = ++request;
        busy.set(true);
        error.set("");
        progress.set("Running the machine to step " + (index + 1) + " of " + l.stepTitles().size() + "\u2026");
        driver.show(l.id(), index).whenComplete((shown, failure) -> fx.execute(() -> {
            if (mine != request) {
                return;
            }
            busy.set(false);
            if (failure != null) {
                error.set(message(failure));
                progress.set(step.get() == null ? "" : progressOf(step.get()));
                return;
            }
            answer.set("");
            feedback.set("");
            step.set(shown);
            progress.set(progressOf(shown));
            stepListeners.forEach(c -> c.accept(shown));
        }));
    }

    /** Asks the machine for the answer to this step's question and compares it with the one typed. */
    public void check() {
        StepShown s = step.get();
        if (!canCheck.get()) {
            return;
        }
        Long typed = parse(answer.get());
        if (typed == null) {
            feedback.set("Type a number, such as 32 or 0x20.");
            return;
        }
        long mine = ++request;
        busy.set(true);
        feedback.set("Asking the machine\u2026");
        driver.answer(s.lessonId(), s.index()).whenComplete((measured, failure) -> fx.execute(() -> {
            if (mine != request) {
                return;
            }
            busy.set(false);
            if (failure != null) {
                feedback.set("The machine could not answer: " + message(failure));
            } else if (measured.longValue() == typed) {
                feedback.set(String.format("Right: the machine measured %,d.", measured));
            } else {
                feedback.set(String.format("Not quite: you said %,d, the machine measured %,d. Press Next to see "
                        + "why.", typed, measured));
            }
        }));
    }

    /** Reads a lesson file and selects it; a malformed file leaves everything as it was and says what is wrong. */
    public void open(Path file) {
        try {
            LessonInfo l = driver.open(file);
            lessons.removeIf(x -> x.id().equals(l.id()) && x.origin().equals(l.origin()));
            lessons.add(l);
            error.set("");
            selected.set(null);
            selected.set(l);
        } catch (Exception e) {
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Called with every step shown (the app brings its panes forward and applies its highlights). */
    public void onStep(Consumer<StepShown> listener) {
        stepListeners.add(listener);
    }

    static Long parse(String text) {
        String t = text.strip().replace(",", "").replace("_", "");
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String progressOf(StepShown s) {
        return "Step " + (s.index() + 1) + " of " + s.count();
    }

    private static String message(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public ObservableList<LessonInfo> lessons() {
        return lessons;
    }

    public ObjectProperty<LessonInfo> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<StepShown> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last request failed (a malformed file, a stop never reached), or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    /** "Step 2 of 5", or what the machine is doing. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public StringProperty answerProperty() {
        return answer;
    }

    public BooleanProperty presenterProperty() {
        return presenter;
    }

    public BooleanBinding canNext() {
        return canNext;
    }

    public BooleanBinding canPrevious() {
        return canPrevious;
    }

    public BooleanBinding canCheck() {
        return canCheck;
    }
}
