package dev.memscope.app.catalog;

import java.util.List;

/**
 * One guest of the sample-guest catalog ({@code sample-guests/catalog.json}).
 *
 * @param image path of the committed ELF image inside the sample-guests tree
 * @param sources its source files, same convention
 * @param scenario what the VMM does around the guest ({@code none}, {@code prefault}, {@code dirty-log},
 *        {@code guest-map}); absent means none
 */
public record GuestEntry(String name, String description, String demonstrates, String image, List<String> sources,
        String scenario) {
    public GuestEntry {
        sources = sources == null ? List.of() : List.copyOf(sources);
        scenario = scenario == null ? "none" : scenario;
    }
}
