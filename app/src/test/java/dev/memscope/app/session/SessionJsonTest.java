package dev.memscope.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.app.session.SessionException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SessionJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode written() throws Exception {
        return (ObjectNode) JSON.readTree(SessionJson.write(SessionFixtures.everything(SessionFixtures.SHA)));
    }

    private static SessionException refused(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode o = written();
        edit.accept(o);
        return catchThrowableOfType(SessionException.class, () -> SessionJson.read(JSON.writeValueAsBytes(o)));
    }

    @Test
    void every_field_survives_a_round_trip() throws Exception {
        SessionFile s = SessionFixtures.everything(SessionFixtures.SHA);
        assertThat(SessionJson.read(SessionJson.bytes(s))).isEqualTo(s);
    }

    @Test
    void the_file_carries_its_format_and_version_and_readable_values() throws Exception {
        JsonNode o = written();
        assertThat(o.get("format").asText()).isEqualTo("memscope-session");
        assertThat(o.get("version").asInt()).isEqualTo(1);
        assertThat(o.at("/guest/catalog").asText()).isEqualTo("pci-scan");
        assertThat(o.at("/guest/sha256").asText()).isEqualTo(SessionFixtures.SHA);
        assertThat(o.get("variant").asText()).isEqualTo("allones");
        assertThat(o.get("mmu").asText()).isEqualTo("direct");
        assertThat(o.at("/memoryMap/ecamBase").asText()).isEqualTo("0xb0000000");
        assertThat(o.get("pageSize").asText()).isEqualTo("4k");
        assertThat(o.get("scenario").asText()).isEqualTo("dirty-log");
        assertThat(o.at("/devices/0/bdf").asText()).isEqualTo("00:00.0");
        assertThat(o.at("/costModel/overrides/kvm_mmio").asLong()).isEqualTo(750);
        assertThat(o.at("/breakpoints/5/bdf").asText()).isEqualTo("00:03.0");
        assertThat(o.at("/layout/selected/center").asText()).isEqualTo("faults-pane");
        assertThat(o.at("/variantSwitches/0/at").asText()).isEqualTo("insn:1234");
        assertThat(o.get("stopAt").asText()).isEqualTo("fault:12/faultin_pfn");
    }

    @Test
    void a_file_that_is_not_json_is_refused_with_where_it_breaks() {
        SessionException e = catchThrowableOfType(SessionException.class,
                () -> SessionJson.read("{\"format\": \"memscope-session\",\n  oops"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).startsWith("not a Memscope session: the file is not valid JSON").contains("line 2");
    }

    @Test
    void json_that_is_not_a_session_is_refused() {
        assertThatThrownBy(() -> SessionJson.read("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a Memscope session").hasMessageContaining("\"format\"");
        assertThatThrownBy(() -> SessionJson.read("{\"traceEvents\": []}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a Memscope session");
        assertThatThrownBy(() -> SessionJson.read(new byte[0])).isInstanceOf(SessionException.class);
    }

    @Test
    void a_newer_format_version_is_refused_and_names_both_versions() throws Exception {
        SessionException e = refused(o -> o.put("version", 2).put("savedBy", "Memscope 9.0"));
        assertThat(e.reason()).isEqualTo(Reason.NEWER_VERSION);
        assertThat(e.getMessage()).contains("format version 2", "Memscope 9.0", "reads version 1");
    }

    @Test
    void each_malformed_field_is_refused_by_name() throws Exception {
        assertThat(refused(o -> o.put("version", 0)).getMessage()).contains("'version'");
        assertThat(refused(o -> o.remove("version")).getMessage()).contains("'version' is missing");
        assertThat(refused(o -> ((ObjectNode) o.get("guest")).remove("sha256")).getMessage())
                .contains("'guest.sha256' is missing");
        assertThat(refused(o -> ((ObjectNode) o.get("guest")).put("sha256", "abc")).getMessage())
                .contains("'guest.sha256' must be 64");
        assertThat(refused(o -> ((ObjectNode) o.get("guest")).put("file", "x.elf")).getMessage())
                .contains("only one of them");
        assertThat(refused(o -> o.put("variant", "everything-exits")).getMessage())
                .contains("'variant' is 'everything-exits', not one of mmio-exit");
        assertThat(refused(o -> o.put("mmu", 3)).getMessage()).contains("'mmu' must be a string");
        assertThat(refused(o -> o.put("prefetchPolicy", "all")).getMessage()).contains("'prefetchPolicy'");
        assertThat(refused(o -> o.put("backend", "qemu")).getMessage()).contains("'backend' is 'qemu'");
        assertThat(refused(o -> o.put("pageSize", "1g")).getMessage()).contains("'pageSize' is '1g'");
        assertThat(refused(o -> ((ObjectNode) o.get("memoryMap")).put("ecamBase", "0x100000")).getMessage())
                .contains("'memoryMap' is not a memory map", "overlaps guest RAM");
        assertThat(refused(o -> ((ObjectNode) o.get("memoryMap")).put("ecamBase", "b0000000")).getMessage())
                .contains("'memoryMap.ecamBase' must be a hexadecimal string");
        assertThat(refused(o -> o.put("stopAt", "fault:0")).getMessage())
                .contains("'stopAt' is not a stop position", "counts from 1");
        assertThat(refused(o -> o.put("stopAt", "soon")).getMessage()).contains("'stopAt'");
        assertThat(refused(o -> ((ObjectNode) o.at("/breakpoints/0")).put("kind", "watch")).getMessage())
                .contains("'breakpoints[0].kind' is 'watch'");
        assertThat(refused(o -> ((ObjectNode) o.at("/breakpoints/1")).put("end", "0x0")).getMessage())
                .contains("breakpoints[1]", "empty GPA range");
        assertThat(refused(o -> ((ObjectNode) o.at("/costModel/overrides")).put("kvm_teleport", 5)).getMessage())
                .contains("'costModel.overrides.kvm_teleport' is not an event kind");
        assertThat(refused(o -> ((ObjectNode) o.at("/variantSwitches/0")).put("to", "nowhere")).getMessage())
                .contains("'variantSwitches[0].to'");
        assertThat(refused(o -> ((ArrayNode) o.get("devices")).add("00:03.0")).getMessage())
                .contains("'devices[8]' must be an object");
        assertThat(refused(o -> ((ObjectNode) o.at("/layout/selected")).put("middle", "cpu-pane")).getMessage())
                .contains("'layout.selected.middle' is not a region");
    }

    @Test
    void every_refusal_of_a_malformed_field_is_a_corrupt_file() throws Exception {
        assertThat(refused(o -> o.put("variant", "x")).reason()).isEqualTo(Reason.CORRUPT);
        assertThat(refused(o -> o.put("stopAt", "x")).reason()).isEqualTo(Reason.CORRUPT);
    }
}
