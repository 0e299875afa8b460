package dev.memscope.views.workbench;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;

/** State of the main window: the guest picker, the machine controls' enablement, the status bar. */
public final class WorkbenchViewModel {
    private final ObservableList<GuestChoice> guests = FXCollections.observableArrayList();
    private final ObjectProperty<GuestChoice> selectedGuest = new SimpleObjectProperty<>(this, "selectedGuest");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final StringProperty machineState = new SimpleStringProperty(this, "machineState", "No guest");
    private final BooleanProperty canRun = new SimpleBooleanProperty(this, "canRun", false);
    private final BooleanProperty canPause = new SimpleBooleanProperty(this, "canPause", false);
    private final BooleanProperty canStep = new SimpleBooleanProperty(this, "canStep", false);
    private final BooleanProperty canReset = new SimpleBooleanProperty(this, "canReset", false);
    private final ObjectProperty<HoleVariant> variant = new SimpleObjectProperty<>(this, "variant",
            HoleVariant.MMIO_EXIT);
    private final ObjectProperty<MmuMode> mmu = new SimpleObjectProperty<>(this, "mmu", MmuMode.TDP);
    private final StringProperty backend = new SimpleStringProperty(this, "backend", "sim");
    private final StringProperty prefetchPolicy = new SimpleStringProperty(this, "prefetchPolicy", "kernel");
    private final ObservableList<String> backends = FXCollections.observableArrayList("sim", "kvm");
    private final ObservableList<String> prefetchPolicies = FXCollections.observableArrayList("kernel",
            "whole-slot", "bounded-2m", "none");
    private WorkbenchActions actions = new WorkbenchActions() {
    };

    public WorkbenchViewModel() {
        selectedGuest.addListener((obs, was, is) -> {
            if (is != null) {
                actions.guestSelected(is);
            }
        });
        variant.addListener((obs, was, is) -> actions.variantChanged(is));
        mmu.addListener((obs, was, is) -> actions.setupChanged());
        backend.addListener((obs, was, is) -> actions.setupChanged());
        prefetchPolicy.addListener((obs, was, is) -> actions.setupChanged());
    }

    public ObjectProperty<HoleVariant> variantProperty() {
        return variant;
    }

    public ObjectProperty<MmuMode> mmuProperty() {
        return mmu;
    }

    /** {@code sim} or {@code kvm}. */
    public StringProperty backendProperty() {
        return backend;
    }

    /** The ALLONES prefetch policy: {@code kernel}, {@code whole-slot}, {@code bounded-2m}, {@code none}. */
    public StringProperty prefetchPolicyProperty() {
        return prefetchPolicy;
    }

    public ObservableList<String> backends() {
        return backends;
    }

    public ObservableList<String> prefetchPolicies() {
        return prefetchPolicies;
    }

    public void setActions(WorkbenchActions actions) {
        this.actions = actions;
    }

    public WorkbenchActions actions() {
        return actions;
    }

    public ObservableList<GuestChoice> guests() {
        return guests;
    }

    public ObjectProperty<GuestChoice> selectedGuestProperty() {
        return selectedGuest;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty machineStateProperty() {
        return machineState;
    }

    public BooleanProperty canRunProperty() {
        return canRun;
    }

    public BooleanProperty canPauseProperty() {
        return canPause;
    }

    public BooleanProperty canStepProperty() {
        return canStep;
    }

    public BooleanProperty canResetProperty() {
        return canReset;
    }
}
