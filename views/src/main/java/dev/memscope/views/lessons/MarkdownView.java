package dev.memscope.views.lessons;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * A lesson's explanation, Markdown laid out as JavaFX text: paragraphs, headings, lists, block quotes, code, tables
 * (GitHub style), bold, italic and inline code. Links show their text; nothing is fetched or opened.
 */
public final class MarkdownView extends VBox {
    public static final String STYLE = "markdown";
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    public MarkdownView() {
        getStyleClass().add(STYLE);
        setSpacing(8);
    }

    public void setMarkdown(String markdown) {
        getChildren().clear();
        org.commonmark.node.Node doc = PARSER.parse(markdown == null ? "" : markdown);
        for (org.commonmark.node.Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            getChildren().add(block(n));
        }
    }

    private Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            return flow(h, "markdown-h" + Math.min(h.getLevel(), 3));
        }
        if (n instanceof FencedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            VBox list = new VBox(3);
            list.getStyleClass().add("markdown-list");
            int number = n instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
            for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                Label mark = new Label(n instanceof OrderedList ? (number++) + "." : "\u2022");
                mark.getStyleClass().add("markdown-bullet");
                VBox body = new VBox(4);
                for (org.commonmark.node.Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                    body.getChildren().add(block(c));
                }
                HBox.setHgrow(body, Priority.ALWAYS);
                list.getChildren().add(new HBox(6, mark, body));
            }
            return list;
        }
        if (n instanceof BlockQuote) {
            VBox quote = new VBox(6);
            quote.getStyleClass().add("markdown-quote");
            for (org.commonmark.node.Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                quote.getChildren().add(block(c));
            }
            return quote;
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof TableBlock) {
            return table(n);
        }
        if (n instanceof ListItem) {
            return flow(n, "markdown-paragraph");
        }
        return flow(n, n instanceof Paragraph ? "markdown-paragraph" : "markdown-other");
    }

    private static Label codeBlock(String code) {
        Label l = new Label(code.stripTrailing());
        l.getStyleClass().add("markdown-code-block");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private GridPane table(org.commonmark.node.Node tableBlock) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("markdown-table");
        int row = 0;
        for (org.commonmark.node.Node section = tableBlock.getFirstChild(); section != null;
                section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node tr = section.getFirstChild(); tr != null; tr = tr.getNext()) {
                int col = 0;
                for (org.commonmark.node.Node td = tr.getFirstChild(); td != null; td = td.getNext()) {
                    TextFlow cell = flow(td, head ? "markdown-th" : "markdown-td");
                    if (td instanceof TableCell c && c.getAlignment() == TableCell.Alignment.RIGHT) {
                        cell.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                    }
                    grid.add(cell, col++, row);
                }
                row++;
            }
        }
        return grid;
    }

    /** A block's inline content as one flow of styled text runs. */
    private static TextFlow flow(org.commonmark.node.Node block, String style) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add(style);
        inline(block, f, "");
        return f;
    }

    private static void inline(org.commonmark.node.Node parent, TextFlow out, String styles) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                out.getChildren().add(text(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.getChildren().add(text(c.getLiteral(), styles + " markdown-code"));
            } else if (n instanceof Emphasis) {
                inline(n, out, styles + " markdown-em");
            } else if (n instanceof StrongEmphasis) {
                inline(n, out, styles + " markdown-strong");
            } else if (n instanceof Link) {
                inline(n, out, styles + " markdown-link");
            } else if (n instanceof SoftLineBreak) {
                out.getChildren().add(text(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.getChildren().add(text("\n", styles));
            } else {
                inline(n, out, styles);
            }
        }
    }

    private static Text text(String s, String styles) {
        Text t = new Text(s);
        t.getStyleClass().add("markdown-text");
        for (String c : styles.strip().split(" +")) {
            if (!c.isEmpty()) {
                t.getStyleClass().add(c);
            }
        }
        return t;
    }
}
