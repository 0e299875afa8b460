package dev.memscope.views.faults;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.views.common.Hex;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.shape.Rectangle;

/** One fault in the history: seq, access, address, ECAM function, result; a menu to show it or break on it. */
final class FaultHistoryCell extends ListCell<FaultRecord> {
    private final FaultsViewModel model;
    private final Rectangle chip = new Rectangle(10, 10);
    private final MenuItem show = new MenuItem("Show this fault");
    private final MenuItem breakSpte = new MenuItem();
    private final MenuItem breakPage = new MenuItem();
    private final ContextMenu menu = new ContextMenu(show, breakSpte, breakPage);

    FaultHistoryCell(FaultsViewModel model) {
        this.model = model;
        getStyleClass().add(FaultsView.HISTORY_CELL_CLASS);
        chip.setArcWidth(3);
        chip.setArcHeight(3);
        show.setId("faults-show");
        show.setOnAction(e -> model.show(getItem()));
        breakSpte.setId("faults-break-spte");
        breakSpte.setOnAction(e -> model.breakOnSpte(getItem()));
        breakPage.setId("faults-break-page");
        breakPage.setOnAction(e -> model.breakOnPage(getItem()));
    }

    @Override
    protected void updateItem(FaultRecord f, boolean empty) {
        super.updateItem(f, empty);
        if (empty || f == null) {
            setText(null);
            setGraphic(null);
            setContextMenu(null);
            return;
        }
        boolean inProgress = model.isInProgress(f);
        chip.setFill(FaultColours.of(f.result(), inProgress));
        setGraphic(chip);
        long gpa = f.isTdp() ? f.addr() : f.gpa();
        setText(line(f, inProgress));
        breakSpte.setText("Break when the SPTE of gfn " + Hex.of(f.gfn()) + " changes");
        breakPage.setText("Break when the guest touches gpa " + Hex.of(gpa & ~0xFFFL));
        breakPage.setDisable(gpa < 0);
        setContextMenu(menu);
    }

    private String line(FaultRecord f, boolean inProgress) {
        String result = inProgress ? model.resultText(f) : f.result() == null ? "errno"
                : f.result().name();
        String bdf = model.bdf(f);
        return String.format("#%-3d %s %-11s %-7s %s", f.seq(), ErrorCode.letter(f), Hex.of(f.addr()), bdf == null ? "" : bdf,
                result);
    }
}
