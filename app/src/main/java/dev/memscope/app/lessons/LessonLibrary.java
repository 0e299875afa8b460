package dev.memscope.app.lessons;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.guests.SampleGuests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lessons that ship beside the sample guests ({@code sample-guests/lessons/}, listed in order in
 * {@code lessons.txt}), and how a lesson's setup becomes a session setup.
 */
public final class LessonLibrary {
    private final GuestCatalog catalog;
    private final LessonReader reader;

    public LessonLibrary(GuestCatalog catalog) {
        this.catalog = catalog;
        this.reader = new LessonReader(name -> catalog.find(name).isPresent());
    }

    public LessonReader reader() {
        return reader;
    }

    /** The built-in lessons' ids, in the order a course takes them. */
    public List<String> builtInIds() {
        String index = SampleGuests.resource("lessons/lessons.txt").map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("the lesson index (lessons/lessons.txt) is missing from"
                        + " the sample-guests resources"));
        List<String> ids = new ArrayList<>();
        for (String line : index.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                ids.add(t);
            }
        }
        return ids;
    }

    public Lesson builtIn(String id) throws LessonFormatException {
        byte[] bytes = SampleGuests.resource("lessons/" + id + ".yaml").orElseThrow(() -> new LessonFormatException(
                "no built-in lesson named '" + id + "'"));
        return reader.read(id, "built-in lesson " + id + ".yaml", bytes);
    }

    /** The session setup of a lesson setup: the catalog guest with its scenario, on the simulated backend. */
    public SessionSetup setupOf(LessonSetup s) throws LessonRunException {
        try {
            var entry = catalog.find(s.guest()).orElseThrow(() -> new LessonRunException("no sample guest named '"
                    + s.guest() + "'"));
            return Setups.forGuest(GuestSource.resolve(s.guest(), catalog), entry.scenario()).withBackend("sim")
                    .withVariant(s.variant()).withMmu(s.mmu()).withPrefetchPolicy(s.prefetch());
        } catch (GuestSource.NotFoundException | dev.memscope.emulator.vmm.ElfFormatException e) {
            throw new LessonRunException("cannot set up " + s.guest() + ": " + e.getMessage());
        }
    }
}
