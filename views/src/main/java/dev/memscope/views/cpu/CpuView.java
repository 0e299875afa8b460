package dev.memscope.views.cpu;

import dev.memscope.views.common.Legend;
import dev.memscope.views.common.PaneModel;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The CPU pane: why the machine stopped, the registers at their natural height, the disassembly in the rest, and the
 * colour legend.
 */
public final class CpuView extends BorderPane {
    private final CpuViewModel model;
    private final RegistersView registers;
    private final DisasmView disasm;
    private final Label status = new Label();
    private final CheckBox bytes = new CheckBox("Bytes");

    public CpuView(CpuViewModel model) {
        this.model = model;
        getStylesheets().add(CpuView.class.getResource("/dev/memscope/views/cpu/cpu.css").toExternalForm());
        getStyleClass().add(CpuStyles.PANE);
        setStyle(CpuPalette.declarations());
        getProperties().put(PaneModel.class, model);

        status.setId("cpu-status");
        status.getStyleClass().add(CpuStyles.STATUS);
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(model.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        bytes.setId("cpu-show-bytes");
        bytes.setMinWidth(CheckBox.USE_PREF_SIZE);
        bytes.setTooltip(new Tooltip("Show each instruction's bytes, as objdump -d does"));
        bytes.selectedProperty().bindBidirectional(model.showBytesProperty());
        HBox header = new HBox(8, status, bytes);
        header.getStyleClass().add(CpuStyles.HEADER);

        registers = new RegistersView(model);
        setTop(new VBox(header, registers));
        disasm = new DisasmView(model);
        setCenter(disasm);

        Legend legend = new Legend();
        legend.setId("cpu-legend");
        for (CpuPalette p : CpuPalette.STATES) {
            legend.add(p.colour(), p.label());
        }
        setBottom(new VBox(legend, syntaxLegend()));
    }

    /** The syntax colours, each named in its own colour (a swatch per token kind would take three rows). */
    private static FlowPane syntaxLegend() {
        FlowPane row = new FlowPane(10, 2);
        row.setId("cpu-syntax-legend");
        row.getStyleClass().add(CpuStyles.SYNTAX_LEGEND);
        for (CpuPalette p : CpuPalette.SYNTAX) {
            Label word = new Label(p.label());
            word.getStyleClass().add(p.styleClass());
            row.getChildren().add(word);
        }
        return row;
    }

    public CpuViewModel model() {
        return model;
    }

    /** Removes every listener this view added to the model. */
    public void dispose() {
        registers.dispose();
        disasm.dispose();
        status.textProperty().unbind();
        status.getTooltip().textProperty().unbind();
        bytes.selectedProperty().unbindBidirectional(model.showBytesProperty());
    }
}
