package dev.memscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.vmm.DirtyPull;
import dev.memscope.emulator.vmm.PreFaultCall;

/** The JSON form of a run (DESIGN.md, "Command line": {@code run --json}). */
public final class RunJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {
    }

    public static ObjectNode of(RunResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("guest", r.guest());
        o.put("backend", r.backend());
        o.put("backendDescription", r.backendDescription());
        o.put("variant", r.variant());
        o.put("mmu", r.mmu());
        if (r.exitCode() == null) {
            o.putNull("exitCode");
        } else {
            o.put("exitCode", r.exitCode());
        }
        if (r.failure() != null) {
            o.put("failure", r.failure());
        }
        o.put("console", r.consoleText());
        if (r.instructions() >= 0) {
            o.put("instructions", r.instructions());
        } else {
            o.putNull("instructions");
        }
        ObjectNode exits = o.putObject("exits");
        r.exits().forEach(exits::put);
        ObjectNode counters = o.putObject("counters");
        r.counters().forEach(counters::put);
        ArrayNode slots = o.putArray("memslots");
        for (MemslotInfo m : r.memslots()) {
            ObjectNode s = slots.addObject();
            s.put("asId", m.asId());
            s.put("id", m.id());
            s.put("gpa", String.format("0x%x", m.gpaStart()));
            s.put("bytes", m.npages() << 12);
            s.put("flags", MemFlags.describe(m.flags()));
        }
        o.put("holeHostBytes", r.holeHostBytes());
        o.put("modelledNanos", r.modelledNanos());
        o.put("wallNanos", r.wallNanos());
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        if (!r.preFaultCalls().isEmpty()) {
            ArrayNode calls = o.putArray("preFault");
            for (PreFaultCall c : r.preFaultCalls()) {
                ObjectNode n = calls.addObject();
                n.put("label", c.label());
                n.put("gpa", String.format("0x%x", c.before().gpa));
                n.put("size", c.before().size);
                n.put("result", Errno.describeResult(c.result()));
                n.put("gpaAfter", String.format("0x%x", c.after().gpa));
                n.put("sizeAfter", c.after().size);
            }
        }
        if (!r.dirtyPulls().isEmpty()) {
            ArrayNode pulls = o.putArray("dirtyLog");
            for (DirtyPull p : r.dirtyPulls()) {
                ObjectNode n = pulls.addObject();
                n.put("sync", p.syncValue());
                n.put("result", Errno.describeResult(p.result()));
                n.put("dirtyPages", p.dirtyPages());
            }
        }
        return o;
    }
}
