package dev.memscope.views.lessons;

import dev.memscope.emulator.api.Highlight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A lesson driver without a machine: a three-step lesson whose second step asks a question answered with 32. */
final class FakeDriver implements LessonDriver {
    final List<String> shown = new ArrayList<>();
    /** When set, show() returns these futures in order instead of completed ones. */
    final List<CompletableFuture<StepShown>> pending = new ArrayList<>();
    boolean manual;
    long answer = 32;

    static final LessonInfo LESSON = new LessonInfo("demo", "A demo lesson", "three steps",
            List.of("Start", "Ask", "End"), "built-in");

    @Override
    public List<LessonInfo> lessons() {
        return List.of(LESSON);
    }

    @Override
    public LessonInfo open(Path file) throws Exception {
        if (file.toString().contains("bad")) {
            throw new IllegalArgumentException(file + ", step 2 (\"Ask\"), field 'stop': unknown stop kind 'gap'");
        }
        return new LessonInfo("mine", "My lesson", "", List.of("Only"), file.toString());
    }

    @Override
    public CompletableFuture<StepShown> show(String lessonId, int index) {
        shown.add(lessonId + ":" + index);
        CompletableFuture<StepShown> f = new CompletableFuture<>();
        if (manual) {
            pending.add(f);
        } else {
            f.complete(step(lessonId, index));
        }
        return f;
    }

    static StepShown step(String lessonId, int index) {
        int count = lessonId.equals("demo") ? 3 : 1;
        return new StepShown(lessonId, index, count, "Step title " + (index + 1),
                "The machine made **" + (10 * index) + "** exits.", List.of(index == 0 ? "a-pane" : "b-pane"),
                List.of(new Highlight.Spte(0xb0018 + index)), index == 1 ? "How many exits next?" : "");
    }

    @Override
    public CompletableFuture<Long> answer(String lessonId, int index) {
        return CompletableFuture.completedFuture(answer);
    }
}
