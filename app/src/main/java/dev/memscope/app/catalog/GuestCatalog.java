package dev.memscope.app.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memscope.guests.SampleGuests;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The built-in sample guests, read from the catalog that ships in the sample-guests jar. */
public final class GuestCatalog {
    public static final int FORMAT_VERSION = 1;

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CatalogFile(int version, List<GuestEntry> guests) {
    }

    private final List<GuestEntry> guests;

    private GuestCatalog(List<GuestEntry> guests) {
        this.guests = List.copyOf(guests);
    }

    /** The catalog on the classpath. */
    public static GuestCatalog builtIn() {
        return parse(SampleGuests.catalogJson());
    }

    static GuestCatalog parse(byte[] json) {
        try {
            CatalogFile file = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json, CatalogFile.class);
            if (file.version() != FORMAT_VERSION) {
                throw new IllegalStateException("the sample-guest catalog has format version " + file.version()
                        + "; this Memscope reads version " + FORMAT_VERSION);
            }
            if (file.guests() == null || file.guests().isEmpty()) {
                throw new IllegalStateException("the sample-guest catalog lists no guests");
            }
            for (GuestEntry g : file.guests()) {
                if (g.name() == null || g.image() == null || g.description() == null) {
                    throw new IllegalStateException("a sample-guest catalog entry lacks name, image or description: "
                            + g);
                }
            }
            return new GuestCatalog(file.guests());
        } catch (IOException e) {
            throw new IllegalStateException("the sample-guest catalog is not valid JSON: " + e.getMessage(), e);
        }
    }

    public List<GuestEntry> guests() {
        return guests;
    }

    public Optional<GuestEntry> find(String name) {
        return guests.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The committed ELF image of a catalog guest. */
    public byte[] image(GuestEntry entry) {
        return SampleGuests.resource(entry.image()).orElseThrow(() -> new IllegalStateException(
                "the image of sample guest '" + entry.name() + "' (" + entry.image() + ") is not on the classpath"));
    }

    /** A source file of a catalog guest, as text. */
    public Optional<String> source(String relativePath) {
        return SampleGuests.resource(relativePath).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }
}
