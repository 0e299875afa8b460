package dev.memscope.views.compare;

/**
 * One value of the table.
 *
 * @param differs a model and a kernel value of the same variant that should agree and do not
 * @param tooltip more about the value (both values of a difference, why one is missing), or empty
 */
public record CompareCell(String text, boolean missing, boolean differs, String tooltip) {
    public static final CompareCell MISSING = new CompareCell("\u2014", true, false, "");
}
