package dev.memscope.app.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{measure}}} and {@code {{+measure}}} placeholders of a step's text: the number the machine shows at
 * the stop, and how much it grew since the previous step of the same run. Numbers in a lesson's text come from the
 * machine this way, never from the author.
 */
public final class Placeholders {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private Placeholders() {
    }

    /** The names in {@code text}, in order ({@code +} kept for growths). */
    public static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Fills every placeholder: at this stop, and (for {@code +name}) against the previous one. */
    public static String fill(String text, StopState now, StopState before) throws LessonRunException {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.startsWith("+")) {
                String n = name.substring(1);
                value = String.format("%,d", Measures.value(now, n) - Measures.value(before, n));
            } else {
                value = Measures.text(now, name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
