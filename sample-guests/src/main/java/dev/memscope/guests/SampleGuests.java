package dev.memscope.guests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The built-in sample guests as classpath resources: the catalog (JSON, parsed by whoever reads it) and the
 * committed ELF images. This module depends on nothing; readers bring their own JSON parser.
 */
public final class SampleGuests {
    /** Classpath folder that holds {@code catalog.json}, {@code COMPILER} and {@code guests/NAME/NAME.elf}. */
    public static final String ROOT = "/dev/memscope/guests/";

    private SampleGuests() {
    }

    /** The catalog, as the UTF-8 JSON text committed in {@code sample-guests/catalog.json}. */
    public static byte[] catalogJson() {
        return resource("catalog.json").orElseThrow(() -> new IllegalStateException(
                "the sample-guest catalog is missing from the classpath (" + ROOT + "catalog.json)"));
    }

    /** A file of the sample-guests tree by its relative path, such as {@code guests/hello/hello.elf}. */
    public static Optional<byte[]> resource(String relativePath) {
        if (relativePath.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = SampleGuests.class.getResourceAsStream(ROOT + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample-guest resource " + relativePath, e);
        }
    }

    /** The committed image of the guest called {@code name}, by the naming convention of the tree. */
    public static Optional<byte[]> image(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            return Optional.empty();
        }
        return resource("guests/" + name + "/" + name + ".elf");
    }
}
