package dev.memscope.app.catalog;

import java.util.List;

/**
 * One guest of the sample-guest catalog ({@code sample-guests/catalog.json}).
 *
 * @param image path of the committed ELF image inside the sample-guests tree
 * @param sources its source files, same convention
 */
public record GuestEntry(String name, String description, String demonstrates, String image, List<String> sources) {
    public GuestEntry {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
