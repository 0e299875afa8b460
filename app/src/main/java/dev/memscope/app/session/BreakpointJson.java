package dev.memscope.app.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.vmm.Bdf;

/** Breakpoints in a session file: one object each, its {@code kind} first; addresses as {@code 0x...} strings. */
final class BreakpointJson {
    static final String KINDS = "rip, gpa-range, spte-change, memslot-change, exit-reason, hole-hit, sync-value";

    private BreakpointJson() {
    }

    static void write(Breakpoint b, ObjectNode o) {
        if (b instanceof Breakpoint.Rip r) {
            o.put("kind", "rip").put("rip", hex(r.rip()));
        } else if (b instanceof Breakpoint.GpaRange r) {
            o.put("kind", "gpa-range").put("start", hex(r.start())).put("end", hex(r.end()));
        } else if (b instanceof Breakpoint.SpteChange s) {
            o.put("kind", "spte-change").put("gfn", hex(s.gfn()));
        } else if (b instanceof Breakpoint.MemslotChange) {
            o.put("kind", "memslot-change");
        } else if (b instanceof Breakpoint.ExitReason e) {
            o.put("kind", "exit-reason").put("reason", e.kvmExitReason());
        } else if (b instanceof Breakpoint.HoleHit h) {
            o.put("kind", "hole-hit").put("bdf", new Bdf(h.bus(), h.device(), h.function()).toString());
        } else if (b instanceof Breakpoint.SyncValue s) {
            o.put("kind", "sync-value").put("value", s.value());
        } else {
            throw new IllegalArgumentException("a breakpoint kind the session format does not know: " + b);
        }
    }

    static Breakpoint read(JsonFields f) throws SessionException {
        String kind = f.text("kind");
        try {
            return switch (kind) {
                case "rip" -> new Breakpoint.Rip(f.hex("rip"));
                case "gpa-range" -> new Breakpoint.GpaRange(f.hex("start"), f.hex("end"));
                case "spte-change" -> new Breakpoint.SpteChange(f.hex("gfn"));
                case "memslot-change" -> new Breakpoint.MemslotChange();
                case "exit-reason" -> new Breakpoint.ExitReason((int) f.integer("reason"));
                case "hole-hit" -> {
                    Bdf bdf = Bdf.parse(f.text("bdf"));
                    yield new Breakpoint.HoleHit(bdf.bus(), bdf.device(), bdf.function());
                }
                case "sync-value" -> new Breakpoint.SyncValue(f.integer("value"));
                default -> throw f.corrupt("kind", "is '" + kind + "', not one of " + KINDS);
            };
        } catch (IllegalArgumentException e) {
            throw f.corrupt("kind", "names a breakpoint that cannot be: " + e.getMessage());
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
