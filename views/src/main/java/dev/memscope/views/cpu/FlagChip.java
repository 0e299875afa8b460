package dev.memscope.views.cpu;

/** One RFLAGS flag: whether it is set now and whether that differs from the previous stop. */
public record FlagChip(String name, boolean set, boolean changed) {
}
