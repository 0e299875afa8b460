package dev.memscope.views.lessons;

import java.util.List;

/** A lesson the panel offers: its id, title, one-line summary, step titles, and where it came from. */
public record LessonInfo(String id, String title, String summary, List<String> stepTitles, String origin) {
    public LessonInfo {
        stepTitles = List.copyOf(stepTitles);
    }

    @Override
    public String toString() {
        return title;
    }
}
