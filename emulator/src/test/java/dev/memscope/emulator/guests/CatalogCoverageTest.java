package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.vmm.VmmScenario;
import dev.memscope.guests.SampleGuests;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The suites cover every catalog guest, each with the scenario its catalog entry names. */
class CatalogCoverageTest {
    /** The guests {@link GuestTests} and {@link ScenarioTests} run. */
    static final Set<String> COVERED = Set.of("hello", "pci-scan", "pci-scan-naive", "boot-touch", "prefault",
            "dirty-log", "guest-map", "sieve", "pagewalk", "memtouch", "crc", "bench");

    /** name to scenario ("none" where the entry names none), read from catalog.json without a JSON library. */
    static Map<String, String> catalog() {
        String json = new String(SampleGuests.catalogJson(), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\\{[^{}]*\"name\"\\s*:\\s*\"([^\"]+)\"[^{}]*\\}").matcher(json);
        while (entry.find()) {
            Matcher scenario = Pattern.compile("\"scenario\"\\s*:\\s*\"([^\"]+)\"").matcher(entry.group());
            out.put(entry.group(1), scenario.find() ? scenario.group(1) : "none");
        }
        return out;
    }

    @Test
    void every_catalog_guest_is_covered_with_its_scenario() {
        Map<String, String> catalog = catalog();
        assertThat(catalog.keySet()).containsExactlyInAnyOrderElementsOf(COVERED);
        catalog.forEach((name, scenario) -> assertThat(GuestRuns.setup(name).scenario())
                .as(name).isEqualTo(VmmScenario.fromCliName(scenario).orElseThrow()));
    }
}
