package dev.memscope.views.lessons;

import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The lessons panel: pick a lesson (or open one from a file), the step's title and progress, its explanation, its
 * question with an answer box and a check, and Previous / Next / Presenter.
 */
public final class LessonsView extends BorderPane {
    public static final String STYLE = "lessons-view";
    private final LessonsViewModel model;
    private final MarkdownView text = new MarkdownView();
    private final ScrollPane scroll = new ScrollPane(text);

    public LessonsView(LessonsViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE);
        getStylesheets().add(LessonsView.class.getResource("/dev/memscope/views/lessons/lessons.css")
                .toExternalForm());
        setTop(header());
        text.setId("lessons-text");
        scroll.setId("lessons-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        setBottom(footer());
        model.stepProperty().subscribe(s -> {
            text.setMarkdown(s == null ? "Pick a lesson above. Each step runs the machine to a stop and explains what"
                    + " the panes show; **Next** goes on, **Previous** replays." : s.markdown());
            scroll.setVvalue(0);
        });
    }

    public LessonsViewModel model() {
        return model;
    }

    private VBox header() {
        ComboBox<LessonInfo> picker = new ComboBox<>(model.lessons());
        picker.setId("lessons-picker");
        picker.setPromptText("Choose a lesson");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.valueProperty().bindBidirectional(model.selectedProperty());
        picker.disableProperty().bind(model.busyProperty());
        HBox.setHgrow(picker, Priority.ALWAYS);
        Button open = new Button("Open\u2026");
        open.setId("lessons-open");
        open.setTooltip(new Tooltip("Open a lesson file (YAML) from disk: try a lesson without rebuilding"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a lesson");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Lessons", "*.yaml", "*.yml",
                    "*.json"), new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.open(f.toPath());
            }
        });
        open.setMinWidth(Region.USE_PREF_SIZE);
        HBox pick = new HBox(6, picker, open);
        pick.setAlignment(Pos.CENTER_LEFT);
        Label progress = label("lessons-progress", "lessons-progress");
        progress.textProperty().bind(model.progressProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("lessons-progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            StepShown s = model.stepProperty().get();
            return model.busyProperty().get() ? -1.0 : s == null ? 0.0 : (s.index() + 1.0) / s.count();
        }, model.stepProperty(), model.busyProperty()));
        Label title = label("lessons-step-title", "lessons-step-title");
        title.textProperty().bind(model.stepProperty().map(StepShown::title).orElse(""));
        Label error = label("lessons-error", "lessons-error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox top = new VBox(6, pick, progress, bar, title, error);
        top.getStyleClass().add("lessons-header");
        return top;
    }

    private VBox footer() {
        Label question = label("lessons-question", "lessons-question");
        question.textProperty().bind(model.stepProperty().map(StepShown::question).orElse(""));
        TextField answer = new TextField();
        answer.setId("lessons-answer");
        answer.setPromptText("Your answer");
        answer.textProperty().bindBidirectional(model.answerProperty());
        answer.setOnAction(e -> model.check());
        Button check = new Button("Check");
        check.setId("lessons-check");
        check.setTooltip(new Tooltip("The machine plays on to the next stop and measures (Enter)"));
        check.disableProperty().bind(model.canCheck().not());
        check.setOnAction(e -> model.check());
        HBox.setHgrow(answer, Priority.ALWAYS);
        HBox answerRow = new HBox(6, answer, check);
        Label feedback = label("lessons-feedback", "lessons-feedback");
        feedback.textProperty().bind(model.feedbackProperty());
        VBox questionBox = new VBox(5, question, answerRow, feedback);
        questionBox.setId("lessons-question-box");
        questionBox.getStyleClass().add("lessons-question-box");
        questionBox.visibleProperty().bind(question.textProperty().isNotEmpty());
        questionBox.managedProperty().bind(questionBox.visibleProperty());

        Button previous = new Button("\u25C0 Previous");
        previous.setId("lessons-previous");
        previous.setTooltip(new Tooltip("Replay to the previous step (Left, Page Up)"));
        previous.disableProperty().bind(model.canPrevious().not());
        previous.setOnAction(e -> model.previous());
        Button next = new Button("Next \u25B6");
        next.setId("lessons-next");
        next.setTooltip(new Tooltip("Run on to the next step (Right, Page Down, Space)"));
        next.disableProperty().bind(model.canNext().not());
        next.setOnAction(e -> model.next());
        next.setDefaultButton(false);
        ToggleButton presenter = new ToggleButton("Presenter");
        presenter.setId("lessons-presenter");
        presenter.setTooltip(new Tooltip("Presenter mode: large type, only this step's panes, keys only "
                + "(Ctrl+Shift+P; Esc leaves)"));
        presenter.selectedProperty().bindBidirectional(model.presenterProperty());
        for (javafx.scene.control.ButtonBase b : new javafx.scene.control.ButtonBase[] {previous, next, presenter}) {
            b.setMinWidth(Region.USE_PREF_SIZE); // wrap to a second row rather than cut a label short
        }
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, previous, next, presenter);
        buttons.setId("lessons-buttons");
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(8, questionBox, buttons);
        bottom.getStyleClass().add("lessons-footer");
        return bottom;
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
