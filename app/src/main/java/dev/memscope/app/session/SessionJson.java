package dev.memscope.app.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.app.session.SessionException.Reason;
import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.VmmScenario;
import dev.memscope.views.workbench.DockLayout;
import dev.memscope.views.workbench.DockRegion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A session file's JSON (format {@value SessionFile#FORMAT}, version {@value SessionFile#FORMAT_VERSION}). Reading
 * refuses, with the field named, anything it cannot use: not JSON, not a session, a newer format version, a missing
 * or malformed field. Fields it does not know are ignored.
 */
public final class SessionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String VARIANTS = names(HoleVariant.values());
    static final String MMUS = names(MmuMode.values());
    static final List<String> POLICIES = List.of("kernel", "whole-slot", "bounded-2m", "none");

    private SessionJson() {
    }

    private static String names(Object[] values) {
        return String.join(", ", Arrays.stream(values).map(String::valueOf).toList());
    }

    public static String write(SessionFile s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", SessionFile.FORMAT).put("version", SessionFile.FORMAT_VERSION).put("savedBy", s.savedBy());
        ObjectNode g = o.putObject("guest").put("name", s.guest().name());
        if (s.guest().fromCatalog()) {
            g.put("catalog", s.guest().catalog());
        } else {
            g.put("file", s.guest().file());
        }
        g.put("sha256", s.guest().sha256());
        o.put("backend", s.backend()).put("variant", s.variant().cliName()).put("prefetchPolicy", s.prefetchPolicy())
                .put("mmu", s.mmu().cliName());
        o.putObject("memoryMap").put("ramBytes", s.map().ramBytes())
                .put("ecamBase", BreakpointJson.hex(s.map().ecamBase())).put("ecamBuses", s.map().ecamBuses());
        o.put("pageSize", pageSizeName(s.pageSize())).put("scenario", s.scenario().cliName());
        ArrayNode devices = o.putArray("devices");
        for (SessionFile.Device d : s.devices()) {
            devices.addObject().put("bdf", d.bdf()).put("vendorId", String.format("0x%04x", d.vendorId()))
                    .put("deviceId", String.format("0x%04x", d.deviceId())).put("name", d.name());
        }
        ObjectNode costs = o.putObject("costModel").putObject("overrides");
        s.costOverrides().forEach((k, v) -> costs.put(k.tracepoint(), v));
        ArrayNode bps = o.putArray("breakpoints");
        s.breakpoints().forEach(b -> BreakpointJson.write(b, bps.addObject()));
        if (s.layout() != null) {
            ObjectNode layout = o.putObject("layout");
            s.layout().visible().forEach(layout.putArray("visible")::add);
            ObjectNode selected = layout.putObject("selected");
            s.layout().selected().forEach((r, id) -> selected.put(r.name().toLowerCase(Locale.ROOT), id));
        }
        ArrayNode switches = o.putArray("variantSwitches");
        for (VariantSwitch v : s.variantSwitches()) {
            switches.addObject().put("at", v.at().text()).put("exact", v.exact()).put("from", v.from().cliName())
                    .put("to", v.to().cliName());
        }
        o.put("stopAt", s.stopAt().text()).put("stopAtExact", s.stopAtExact()).put("stopReason", s.stopReason());
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a session as JSON", e);
        }
    }

    public static SessionFile read(byte[] bytes) throws SessionException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new SessionException(Reason.CORRUPT, "not a Memscope session: the file is not valid JSON ("
                    + e.getOriginalMessage() + location(e) + ")");
        } catch (IOException e) {
            throw new SessionException(Reason.CORRUPT, "not a Memscope session: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !SessionFile.FORMAT.equals(root.path("format").asText(null))) {
            throw new SessionException(Reason.CORRUPT, "not a Memscope session: it has no \"format\": \""
                    + SessionFile.FORMAT + "\"");
        }
        JsonFields f = new JsonFields(root, "");
        long version = f.integer("version");
        if (version > SessionFile.FORMAT_VERSION) {
            throw new SessionException(Reason.NEWER_VERSION, "the session has format version " + version + " (saved by "
                    + root.path("savedBy").asText("a newer Memscope") + "); this Memscope reads version "
                    + SessionFile.FORMAT_VERSION + " and older: open it with a newer Memscope");
        }
        if (version < 1) {
            throw f.corrupt("version", "is " + version + "; versions start at 1");
        }
        return fields(f);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    private static SessionFile fields(JsonFields f) throws SessionException {
        JsonFields g = f.object("guest");
        String catalog = g.optionalText("catalog");
        String file = g.optionalText("file");
        if ((catalog == null) == (file == null)) {
            throw g.corrupt("catalog", "or 'guest.file' must be given, and only one of them");
        }
        String sha = g.text("sha256");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw g.corrupt("sha256", "must be 64 lower-case hexadecimal digits, not '" + sha + "'");
        }
        SessionFile.GuestRef guest = new SessionFile.GuestRef(g.has("name") ? g.text("name")
                : catalog != null ? catalog : java.nio.file.Path.of(file).getFileName().toString(), catalog, file, sha);
        String backend = f.choice("backend", b -> Optional.of(b).filter(x -> x.equals("sim") || x.equals("kvm")),
                "sim, kvm");
        HoleVariant variant = f.choice("variant", HoleVariant::fromCliName, VARIANTS);
        String policy = f.choice("prefetchPolicy", p -> Optional.of(p).filter(POLICIES::contains),
                String.join(", ", POLICIES));
        MmuMode mmu = f.choice("mmu", MmuMode::fromCliName, MMUS);
        JsonFields m = f.object("memoryMap");
        MemoryMap map;
        try {
            map = new MemoryMap(m.integer("ramBytes"), m.hex("ecamBase"), (int) m.integer("ecamBuses"));
        } catch (IllegalArgumentException e) {
            throw f.corrupt("memoryMap", "is not a memory map this Memscope can build: " + e.getMessage());
        }
        BootLayout.PageSize pageSize = f.choice("pageSize", SessionJson::pageSize, "4k, 2m");
        VmmScenario scenario = f.choice("scenario", VmmScenario::fromCliName,
                names(Arrays.stream(VmmScenario.values()).map(VmmScenario::cliName).toArray()));
        List<SessionFile.Device> devices = new ArrayList<>();
        for (JsonFields d : f.objects("devices")) {
            devices.add(new SessionFile.Device(d.text("bdf"), (int) d.hex("vendorId"), (int) d.hex("deviceId"),
                    d.text("name")));
        }
        Map<EventKind, Long> costs = new EnumMap<>(EventKind.class);
        if (f.has("costModel")) {
            JsonFields overrides = f.object("costModel").object("overrides");
            for (String tp : overrides.fieldNames()) {
                EventKind kind = Arrays.stream(EventKind.values()).filter(k -> k.tracepoint().equals(tp)).findFirst()
                        .orElseThrow(() -> overrides.corrupt(tp, "is not an event kind (a tracepoint name such as "
                                + "kvm_mmio)"));
                long nanos = overrides.integer(tp);
                if (nanos < 0) {
                    throw overrides.corrupt(tp, "is a negative cost: " + nanos);
                }
                costs.put(kind, nanos);
            }
        }
        List<Breakpoint> breakpoints = new ArrayList<>();
        for (JsonFields b : f.has("breakpoints") ? f.objects("breakpoints") : List.<JsonFields>of()) {
            breakpoints.add(BreakpointJson.read(b));
        }
        DockLayout layout = f.has("layout") ? layout(f.object("layout")) : null;
        List<VariantSwitch> switches = new ArrayList<>();
        for (JsonFields v : f.has("variantSwitches") ? f.objects("variantSwitches") : List.<JsonFields>of()) {
            switches.add(new VariantSwitch(stopAt(v, "at"), v.bool("exact", true),
                    v.choice("from", HoleVariant::fromCliName, VARIANTS), v.choice("to", HoleVariant::fromCliName,
                            VARIANTS)));
        }
        return new SessionFile(f.has("savedBy") ? f.text("savedBy") : "", guest, backend, variant, policy, mmu, map,
                pageSize, scenario, devices, costs, breakpoints, layout, switches, stopAt(f, "stopAt"),
                f.bool("stopAtExact", true), f.has("stopReason") ? f.text("stopReason") : "");
    }

    private static StopAt stopAt(JsonFields f, String field) throws SessionException {
        String text = f.text(field);
        try {
            return StopAt.parse(text);
        } catch (IllegalArgumentException e) {
            throw f.corrupt(field, "is not a stop position: " + e.getMessage());
        }
    }

    private static DockLayout layout(JsonFields l) throws SessionException {
        Map<DockRegion, String> selected = new EnumMap<>(DockRegion.class);
        JsonFields s = l.object("selected");
        for (String region : s.fieldNames()) {
            DockRegion r = Arrays.stream(DockRegion.values()).filter(x -> x.name().equalsIgnoreCase(region))
                    .findFirst().orElseThrow(() -> s.corrupt(region, "is not a region (left, center, right, bottom)"));
            selected.put(r, s.text(region));
        }
        return new DockLayout(l.texts("visible"), selected);
    }

    static String pageSizeName(BootLayout.PageSize p) {
        return p == BootLayout.PageSize.SIZE_4K ? "4k" : "2m";
    }

    private static Optional<BootLayout.PageSize> pageSize(String name) {
        return switch (name) {
            case "4k" -> Optional.of(BootLayout.PageSize.SIZE_4K);
            case "2m" -> Optional.of(BootLayout.PageSize.SIZE_2M);
            default -> Optional.empty();
        };
    }

    /** The bytes of a file as UTF-8 JSON text. */
    public static byte[] bytes(SessionFile s) {
        return write(s).getBytes(StandardCharsets.UTF_8);
    }
}
