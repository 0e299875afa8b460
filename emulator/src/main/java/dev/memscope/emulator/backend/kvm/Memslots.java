package dev.memscope.emulator.backend.kvm;

import java.util.HashMap;
import java.util.Map;

/**
 * The memslots the kernel accepted, by {@code slot} ({@code as_id << 16 | id}): only their sizes, which
 * {@code KVM_GET_DIRTY_LOG} needs to know how many bytes of bitmap the kernel will write.
 */
final class Memslots {
    private final Map<Integer, Long> npagesBySlot = new HashMap<>();

    /** Records a {@code KVM_SET_USER_MEMORY_REGION} that returned 0: size 0 deleted the slot, anything else set it. */
    void committed(int slot, long memorySize) {
        if (memorySize == 0) {
            npagesBySlot.remove(slot);
        } else {
            npagesBySlot.put(slot, memorySize >>> 12);
        }
    }

    /** Pages of the slot, 0 when the kernel has no such slot. */
    long npages(int slot) {
        return npagesBySlot.getOrDefault(slot, 0L);
    }
}
