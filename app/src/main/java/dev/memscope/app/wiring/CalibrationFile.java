package dev.memscope.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.session.Calibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/** A cost-model calibration as a versioned JSON file: written by {@code memscope calibrate}, read by --calibration. */
public final class CalibrationFile {
    public static final String FORMAT = "memscope-calibration";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CalibrationFile() {
    }

    public static void write(Calibration c, Path file) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT).put("version", VERSION).put("kernel", c.kernel()).put("guest", c.guest())
                .put("date", c.date()).put("exitsCompared", c.exitsCompared())
                .put("measuredExitNanos", c.measuredExitNanos()).put("modelExitNanos", c.modelExitNanos())
                .put("picosPerInstruction", c.picosPerInstruction());
        ObjectNode costs = o.putObject("costNanos");
        c.costNanos().forEach((k, v) -> costs.put(k.name(), v));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, MAPPER.writeValueAsString(o));
    }

    /** Reads a calibration; the exception's message names the file and what is wrong with it. */
    public static Calibration read(Path file) throws IOException {
        JsonNode o;
        try {
            o = MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException("cannot read calibration " + file + ": " + e.getMessage(), e);
        }
        if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText())) {
            throw new IOException(file + " is not a Memscope calibration (no \"format\": \"" + FORMAT + "\")");
        }
        int version = o.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException(file + " is calibration format version " + version + "; this Memscope reads version "
                    + VERSION);
        }
        Map<EventKind, Long> costs = new EnumMap<>(EventKind.class);
        JsonNode cn = o.path("costNanos");
        for (Iterator<Map.Entry<String, JsonNode>> it = cn.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            EventKind k;
            try {
                k = EventKind.valueOf(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new IOException(file + ": costNanos names an unknown event kind '" + e.getKey() + "'");
            }
            if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                throw new IOException(file + ": costNanos." + e.getKey() + " must be a non-negative number");
            }
            costs.put(k, e.getValue().asLong());
        }
        long picos = o.path("picosPerInstruction").asLong(-1);
        if (picos < 0) {
            throw new IOException(file + ": picosPerInstruction must be a non-negative number");
        }
        return new Calibration(o.path("kernel").asText(""), o.path("guest").asText(""), o.path("date").asText(""),
                o.path("exitsCompared").asLong(), o.path("measuredExitNanos").asLong(),
                o.path("modelExitNanos").asLong(), picos, costs);
    }
}
