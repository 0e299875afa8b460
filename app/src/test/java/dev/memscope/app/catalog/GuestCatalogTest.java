package dev.memscope.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuestCatalogTest {
    @Test
    void the_built_in_catalog_has_hello_with_its_image_and_source() {
        GuestCatalog catalog = GuestCatalog.builtIn();
        GuestEntry hello = catalog.find("hello").orElseThrow();
        byte[] image = catalog.image(hello);
        assertThat(image).startsWith(0x7F, 'E', 'L', 'F');
        assertThat(catalog.source(hello.sources().get(0))).get().asString().contains("int main(");
    }

    @Test
    void a_corrupt_or_newer_catalog_is_refused_with_the_reason() {
        assertThatThrownBy(() -> GuestCatalog.parse("{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> GuestCatalog.parse("{\"version\":2,\"guests\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("format version 2");
        assertThatThrownBy(() -> GuestCatalog.parse(
                "{\"version\":1,\"guests\":[{\"name\":\"x\"}]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("lacks name, image or description");
    }
}
