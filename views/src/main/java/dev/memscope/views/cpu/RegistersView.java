package dev.memscope.views.cpu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.util.Subscription;

/**
 * The registers, laid out like a kernel oops (GPRs two by two), then RIP, RFLAGS with its flags as chips, the control
 * registers with their set bits, EFER, CPL and the selectors. Leading zeros are dimmed so the significant digits stand
 * out. A fixed set of labels updated in place; value ids are {@code reg-rax}, flag chips {@code flag-zf}.
 */
final class RegistersView extends GridPane {
    private static final Map<String, String> FLAG_NAMES = Map.of("CF", "carry", "PF", "parity", "AF", "adjust",
            "ZF", "zero", "SF", "sign", "TF", "trap", "IF", "interrupt enable", "DF", "direction", "OF", "overflow");
    private final Map<String, Label> values = new HashMap<>();
    private final Map<String, Label> decoded = new HashMap<>();
    private final HBox chips = new HBox(2);
    private final Subscription subscription;

    RegistersView(CpuViewModel model) {
        getStyleClass().add(CpuStyles.REGISTERS);
        setHgap(4);
        setVgap(1);
        ColumnConstraints name = new ColumnConstraints();
        name.setHalignment(HPos.RIGHT);
        getColumnConstraints().addAll(name, new ColumnConstraints(), new ColumnConstraints(4), name,
                new ColumnConstraints());
        List<String> gprs = Registers.GPR_LAYOUT;
        int row = 0;
        for (int i = 0; i < gprs.size(); i += 2, row++) {
            addRegister(gprs.get(i), 0, row);
            addRegister(gprs.get(i + 1), 3, row);
        }
        addRegister("RIP", 0, row);
        addRegister("CPL", 3, row++);
        chips.setId("rflags-chips");
        for (var bit : ControlBits.RFLAGS) {
            Label chip = new Label(bit.name());
            chip.setId("flag-" + bit.name().toLowerCase());
            chip.getStyleClass().add(CpuStyles.FLAG_CHIP);
            chip.setTooltip(new Tooltip(bit.name() + ": " + FLAG_NAMES.get(bit.name()) + " flag (RFLAGS bit "
                    + bit.position() + ")"));
            chips.getChildren().add(chip);
        }
        addWide("RFLAGS", chips, row++);
        addWide("CR0", decodedLabel("CR0"), row++);
        addRegister("CR2", 0, row);
        addRegister("CS", 3, row++);
        addRegister("CR3", 0, row);
        addRegister("SS", 3, row++);
        addWide("CR4", decodedLabel("CR4"), row++);
        addWide("EFER", decodedLabel("EFER"), row);
        subscription = model.registersProperty().subscribe(this::showRows)
                .and(model.flagsProperty().subscribe(this::showFlags));
    }

    void dispose() {
        subscription.unsubscribe();
    }

    private Label nameLabel(String name) {
        Label n = new Label(name);
        n.getStyleClass().add(CpuStyles.REGISTER_NAME);
        n.setMinWidth(Label.USE_PREF_SIZE);
        return n;
    }

    private Label valueLabel(String name) {
        Label v = new Label("\u2014");
        v.setId("reg-" + name.toLowerCase());
        v.getStyleClass().add(CpuStyles.REGISTER_VALUE);
        v.setMinWidth(Label.USE_PREF_SIZE);
        v.setContentDisplay(ContentDisplay.LEFT);
        v.setGraphicTextGap(0);
        values.put(name, v);
        return v;
    }

    private void addRegister(String name, int column, int row) {
        add(nameLabel(name), column, row);
        add(valueLabel(name), column + 1, row);
    }

    /** A register whose value is followed by more (flag chips, decoded bits) across the rest of the row. */
    private void addWide(String name, Node after, int row) {
        HBox box = new HBox(8, valueLabel(name), after);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        add(nameLabel(name), 0, row);
        add(box, 1, row, 4, 1);
    }

    private Label decodedLabel(String name) {
        Label d = new Label();
        d.setId("decoded-" + name.toLowerCase());
        d.getStyleClass().add(CpuStyles.REGISTER_DECODED);
        d.setMinWidth(Label.USE_PREF_SIZE);
        decoded.put(name, d);
        return d;
    }

    private void showRows(List<RegisterRow> rows) {
        if (rows.isEmpty()) {
            values.values().forEach(v -> {
                v.setGraphic(null);
                v.setText("\u2014");
                v.getStyleClass().remove(CpuStyles.CHANGED);
            });
            decoded.values().forEach(d -> d.setText(""));
            return;
        }
        for (RegisterRow r : rows) {
            Label v = values.get(r.name());
            if (v == null) {
                continue;
            }
            showValue(v, r.text());
            setClass(v, CpuStyles.CHANGED, r.changed());
            Label d = decoded.get(r.name());
            if (d != null) {
                d.setText(r.decoded());
            }
        }
    }

    /** Leading zeros go into a dimmed graphic; the label's text is the significant digits. */
    private static void showValue(Label v, String text) {
        int significant = 0;
        while (significant < text.length() - 1 && text.charAt(significant) == '0') {
            significant++;
        }
        if (significant == 0) {
            v.setGraphic(null);
        } else {
            Text zeros = v.getGraphic() instanceof Text t ? t : new Text();
            zeros.getStyleClass().setAll(CpuStyles.REGISTER_ZEROS);
            zeros.setText(text.substring(0, significant));
            v.setGraphic(zeros);
        }
        v.setText(text.substring(significant));
    }

    private void showFlags(List<FlagChip> flags) {
        for (int i = 0; i < chips.getChildren().size(); i++) {
            Label chip = (Label) chips.getChildren().get(i);
            FlagChip f = i < flags.size() ? flags.get(i) : null;
            setClass(chip, CpuStyles.FLAG_SET, f != null && f.set());
            setClass(chip, CpuStyles.CHANGED, f != null && f.changed());
        }
    }

    static void setClass(Node node, String styleClass, boolean on) {
        if (on && !node.getStyleClass().contains(styleClass)) {
            node.getStyleClass().add(styleClass);
        } else if (!on) {
            node.getStyleClass().remove(styleClass);
        }
    }

    /** The full value shown by a register label (dimmed zeros and significant digits), for tests. */
    static String shownValue(Label v) {
        return (v.getGraphic() instanceof Text t ? t.getText() : "") + v.getText();
    }
}
