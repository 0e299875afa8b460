package dev.memscope.views.cpu;

import dev.memscope.emulator.api.DisasmLine;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.util.Subscription;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * The disassembly around RIP in a read-only RichTextFX area (virtualized), syntax coloured, the current instruction
 * marked, and a gutter where a click toggles a RIP breakpoint (ids {@code gutter-<hex address>}). F9 toggles the
 * breakpoint on the caret's line; the context menu offers the same and copies.
 */
final class DisasmView extends BorderPane {
    private final CpuViewModel model;
    private final CodeArea area = new CodeArea();
    private final ContextMenu menu = new ContextMenu();
    private final Subscription subscription;

    DisasmView(CpuViewModel model) {
        this.model = model;
        getStyleClass().add(CpuStyles.DISASM);
        area.setId("disasm-area");
        area.setEditable(false);
        area.setWrapText(false);
        area.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::showMenu);
        area.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> menu.hide());
        area.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F9) {
                toggleAt(area.getCurrentParagraph());
                e.consume();
            }
        });
        menu.setId("disasm-menu");
        setCenter(new VirtualizedScrollPane<>(area));
        subscription = model.listingProperty().subscribe(this::showListing)
                .and(model.breakpointRipsProperty().subscribe(bps -> decorate(false)))
                .and(model.currentRipProperty().subscribe(rip -> decorate(true)));
    }

    void dispose() {
        subscription.unsubscribe();
    }

    CodeArea area() {
        return area;
    }

    private void showListing(DisasmListing listing) {
        area.replaceText(listing.text());
        if (!listing.paragraphs().isEmpty()) {
            StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
            boolean first = true;
            for (DisasmListing.Paragraph p : listing.paragraphs()) {
                if (!first) {
                    spans.add(List.of(), 1); // the newline
                }
                first = false;
                int at = 0;
                for (DisasmListing.Span s : p.spans()) {
                    spans.add(List.of(), s.start() - at);
                    spans.add(List.of(s.styleClass()), s.end() - s.start());
                    at = s.end();
                }
                spans.add(List.of(), p.text().length() - at);
            }
            area.setStyleSpans(0, spans.create());
        }
        decorate(true);
    }

    /** Marks the current line and breakpoint lines, rebuilds the gutter, and brings RIP into view if asked. */
    private void decorate(boolean scrollToCurrent) {
        DisasmListing listing = model.listingProperty().get();
        Long rip = model.currentRipProperty().get();
        Set<Long> bps = model.breakpointRipsProperty().get();
        List<DisasmListing.Paragraph> paragraphs = listing.paragraphs();
        for (int i = 0; i < paragraphs.size() && i < area.getParagraphs().size(); i++) {
            DisasmLine line = paragraphs.get(i).line();
            boolean current = line != null && rip != null && line.address() == rip;
            boolean bp = line != null && bps.contains(line.address());
            area.setParagraphStyle(i, current ? List.of(CpuStyles.CURRENT_LINE)
                    : bp ? List.of(CpuStyles.BREAKPOINT_LINE) : List.of());
        }
        area.setParagraphGraphicFactory(i -> gutter(listing.lineAt(i), rip, bps));
        int at = rip == null ? -1 : listing.paragraphOf(rip);
        if (scrollToCurrent && at >= 0) {
            area.moveTo(at, 0);
            area.showParagraphAtTop(Math.max(0, at - 4));
        }
    }

    private Node gutter(DisasmLine line, Long rip, Set<Long> bps) {
        HBox box = new HBox(2);
        box.getStyleClass().add(CpuStyles.GUTTER);
        Circle dot = new Circle(4.5);
        dot.getStyleClass().add(CpuStyles.BREAKPOINT_DOT);
        dot.setFill(CpuPalette.BREAKPOINT.colour()); // gutter cells are styled before they join the pane's lookups
        Polygon arrow = new Polygon(0, 0, 8, 5, 0, 10);
        arrow.getStyleClass().add(CpuStyles.CURRENT_ARROW);
        box.getChildren().addAll(dot, arrow);
        if (line == null) {
            dot.setVisible(false);
            arrow.setVisible(false);
            return box;
        }
        long address = line.address();
        box.setId("gutter-" + Long.toHexString(address));
        RegistersView.setClass(dot, CpuStyles.SET, bps.contains(address));
        arrow.setVisible(rip != null && rip == address);
        box.setOnMouseClicked(e -> {
            model.toggleBreakpoint(address);
            e.consume();
        });
        return box;
    }

    private void showMenu(ContextMenuEvent e) {
        int paragraph = area.offsetToPosition(area.hit(e.getX(), e.getY()).getInsertionIndex(),
                TwoDimensional.Bias.Forward).getMajor();
        DisasmLine line = model.listingProperty().get().lineAt(paragraph);
        e.consume();
        if (line == null) {
            return;
        }
        String hex = "0x" + Long.toHexString(line.address());
        MenuItem toggle = new MenuItem(model.hasBreakpoint(line.address())
                ? "Remove breakpoint at " + hex : "Break when RIP = " + hex);
        toggle.setId("menu-toggle-breakpoint");
        toggle.setOnAction(a -> model.toggleBreakpoint(line.address()));
        MenuItem copyAddress = new MenuItem("Copy address");
        copyAddress.setOnAction(a -> copy(hex));
        MenuItem copyLine = new MenuItem("Copy instruction");
        copyLine.setOnAction(a -> copy(String.format("%x:\t%s\t%s", line.address(), line.bytes(), line.text())));
        menu.getItems().setAll(toggle, copyAddress, copyLine);
        menu.show(area, e.getScreenX(), e.getScreenY());
    }

    private void toggleAt(int paragraph) {
        DisasmLine line = model.listingProperty().get().lineAt(paragraph);
        if (line != null) {
            model.toggleBreakpoint(line.address());
        }
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** For tests: the menu as last shown. */
    ContextMenu menu() {
        return menu;
    }
}
