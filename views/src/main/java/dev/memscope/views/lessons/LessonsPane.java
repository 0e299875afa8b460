package dev.memscope.views.lessons;

import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import dev.memscope.views.workbench.Workbench;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The lessons panel, docked on the left of a workbench, with presenter mode wired to the View menu: one call for
 * the application.
 */
public final class LessonsPane {
    public static final String ID = "lessons-pane";
    public static final String TITLE = "Lessons";
    private final LessonsViewModel model;
    private final StepStage stage;

    private LessonsPane(LessonsViewModel model, StepStage stage) {
        this.model = model;
        this.stage = stage;
    }

    /** Docks the panel on {@code workbench}; steps are applied to its panes; results arrive through runLater. */
    public static LessonsPane install(Workbench workbench, LessonDriver driver) {
        return install(workbench, driver, Platform::runLater);
    }

    public static LessonsPane install(Workbench workbench, LessonDriver driver, Executor fx) {
        LessonsViewModel model = new LessonsViewModel(driver, fx);
        LessonsView view = new LessonsView(model);
        workbench.addPane(new DockPane(ID, TITLE, view, DockRegion.LEFT));
        StepStage stage = new StepStage(workbench.dock(), ID);
        model.onStep(stage::show);
        new PresenterMode(workbench, model, stage);
        CheckMenuItem presenter = new CheckMenuItem("_Presenter mode");
        presenter.setId("view-presenter");
        presenter.setAccelerator(PresenterMode.TOGGLE);
        presenter.selectedProperty().bindBidirectional(model.presenterProperty());
        workbench.viewMenu().getItems().addAll(new SeparatorMenuItem(), presenter);
        return new LessonsPane(model, stage);
    }

    public LessonsViewModel model() {
        return model;
    }

    public StepStage stage() {
        return stage;
    }
}
