package dev.memscope.views.events;

/**
 * One KVM stat counter.
 *
 * @param delta how much it grew since the previous stop (0 without one)
 */
public record CounterRow(String name, long value, long delta) {
}
