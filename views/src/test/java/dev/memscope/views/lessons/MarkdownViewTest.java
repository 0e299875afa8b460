package dev.memscope.views.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MarkdownViewTest {
    private final MarkdownView view = new MarkdownView();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(view, 500, 400));
        stage.show();
    }

    @Test
    void paragraphs_emphasis_code_lists_and_tables_become_styled_text(FxRobot robot) {
        robot.interact(() -> view.setMarkdown("""
                # Title

                The scan made **65** exits, *each* through `KVM_EXIT_MMIO`.

                - one
                - two

                | call | returned |
                |---|---|
                | RAM | 0 |
                | past the end | -ENOENT |
                """));
        List<Node> blocks = view.getChildren();
        assertThat(blocks).hasSize(4);
        assertThat(((TextFlow) blocks.get(0)).getStyleClass()).contains("markdown-h1");
        TextFlow p = (TextFlow) blocks.get(1);
        assertThat(text(p)).isEqualTo("The scan made 65 exits, each through KVM_EXIT_MMIO.");
        Text bold = (Text) p.getChildren().stream().filter(n -> ((Text) n).getText().equals("65")).findFirst()
                .orElseThrow();
        assertThat(bold.getStyleClass()).contains("markdown-strong");
        Text code = (Text) p.getChildren().stream().filter(n -> ((Text) n).getText().equals("KVM_EXIT_MMIO"))
                .findFirst().orElseThrow();
        assertThat(code.getStyleClass()).contains("markdown-code");
        assertThat(((javafx.scene.layout.VBox) blocks.get(2)).getChildren()).hasSize(2)
                .allMatch(n -> n instanceof HBox);
        GridPane table = (GridPane) blocks.get(3);
        assertThat(table.getChildren()).hasSize(6);
        TextFlow cell = (TextFlow) table.getChildren().get(5);
        assertThat(text(cell)).isEqualTo("-ENOENT");
        assertThat(GridPane.getRowIndex(cell)).isEqualTo(2);
    }

    private static String text(TextFlow f) {
        return f.getChildren().stream().map(n -> ((Text) n).getText()).collect(Collectors.joining());
    }
}
