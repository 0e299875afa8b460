package dev.memscope.views.prefault;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Machine > Pre-fault memory: the struct, a Call button, and what the kernel (or the model) answered. */
public final class PreFaultDialog extends Dialog<Void> {
    public PreFaultDialog(PreFaultViewModel model) {
        setTitle("KVM_PRE_FAULT_MEMORY");
        setHeaderText("Map guest memory before the guest touches it (vCPU ioctl; TDP MMU only)");
        GridPane grid = new GridPane();
        grid.setId("prefault-dialog");
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label(".gpa"), field("prefault-gpa", model.gpaProperty()));
        grid.addRow(1, new Label(".size"), field("prefault-size", model.sizeProperty()));
        grid.addRow(2, new Label(".flags"), field("prefault-flags", model.flagsProperty()));
        Button call = new Button("Call");
        call.setId("prefault-call");
        call.setDefaultButton(true);
        call.setOnAction(e -> model.call());
        grid.add(call, 1, 3);
        grid.addRow(4, new Label("before"), bound("prefault-before", model));
        grid.addRow(5, new Label("result"), label("prefault-result", model.resultProperty()));
        grid.addRow(6, new Label("after"), label("prefault-after", model.afterProperty()));
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static Label bound(String id, PreFaultViewModel model) {
        return label(id, model.beforeProperty());
    }

    private static Label label(String id, javafx.beans.property.StringProperty p) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(520);
        l.textProperty().bind(p);
        l.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
        return l;
    }
}
