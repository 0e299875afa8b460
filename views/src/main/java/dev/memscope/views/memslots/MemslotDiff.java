package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.gpa.MemslotFlags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The changes from one memslot list to the next, slot by slot. Pure. */
public final class MemslotDiff {
    private MemslotDiff() {
    }

    /** Every slot that differs, with what happened to it; deleted slots map to their last state in {@code deleted}. */
    public static Map<SlotKey, SlotChange> between(List<MemslotInfo> before, List<MemslotInfo> after,
            Map<SlotKey, MemslotInfo> deleted) {
        Map<SlotKey, MemslotInfo> old = new LinkedHashMap<>();
        for (MemslotInfo s : before) {
            old.put(SlotKey.of(s), s);
        }
        Map<SlotKey, SlotChange> out = new LinkedHashMap<>();
        for (MemslotInfo s : after) {
            SlotKey key = SlotKey.of(s);
            MemslotInfo was = old.remove(key);
            SlotChange change = compare(was, s);
            if (change != null) {
                out.put(key, change);
            }
        }
        for (Map.Entry<SlotKey, MemslotInfo> gone : old.entrySet()) {
            out.put(gone.getKey(), SlotChange.DELETED);
            deleted.put(gone.getKey(), gone.getValue());
        }
        return out;
    }

    /** The change from {@code was} to {@code is}, or null for none; mirrors the order of __kvm_set_memory_region(). */
    static SlotChange compare(MemslotInfo was, MemslotInfo is) {
        if (was == null) {
            return SlotChange.CREATED;
        }
        if (was.npages() != is.npages() || was.userspaceAddr() != is.userspaceAddr()) {
            return SlotChange.REPLACED;
        }
        if (was.baseGfn() != is.baseGfn()) {
            return SlotChange.MOVED;
        }
        if (was.flags() != is.flags()) {
            return MemslotFlags.isInvalid(is.flags()) && !MemslotFlags.isInvalid(was.flags())
                    ? SlotChange.INVALIDATED : SlotChange.FLAGS;
        }
        return null;
    }
}
