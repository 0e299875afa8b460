package dev.memscope.app.gui;

import dev.memscope.emulator.api.DirtyLogPull;
import dev.memscope.emulator.backend.Errno;

/** One line about a dirty-log pull, for the status bar. */
final class DirtyLogText {
    private DirtyLogText() {
    }

    static String summary(DirtyLogPull p) {
        if (p.result() < 0) {
            return String.format("KVM_GET_DIRTY_LOG on memslot %d returned %s%s", p.slot(), Errno.describeResult(
                    p.result()), p.result() == -Errno.ENOENT ? " (dirty logging is off for that slot)" : "");
        }
        StringBuilder sb = new StringBuilder(String.format("memslot %d: %,d dirty page%s since the last pull", p.slot(),
                p.dirtyPages(), p.dirtyPages() == 1 ? "" : "s"));
        long[] gfns = p.dirtyGfns();
        for (int i = 0; i < Math.min(8, gfns.length); i++) {
            sb.append(i == 0 ? ": gfn " : ", ").append(String.format("0x%x", gfns[i]));
        }
        if (gfns.length > 8) {
            sb.append(", ...");
        }
        return sb.append(" (now write-protected again)").toString();
    }
}
