package dev.memscope.emulator.api;

/**
 * An on-demand question about machine state that is too large for every snapshot (a whole SPTE tree, a million-gfn
 * map, guest memory). Answered on the machine thread with an immutable value.
 *
 * @param <T> the answer's type
 */
public sealed interface Query<T> {
    /** Guest-physical memory: {@code length} bytes from {@code gpa} (unbacked bytes read as 0xff). */
    record ReadMemory(long gpa, int length) implements Query<byte[]> {
    }
}
