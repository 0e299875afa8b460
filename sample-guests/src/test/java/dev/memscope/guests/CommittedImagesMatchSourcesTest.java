package dev.memscope.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed images must be what their sources build to. The Maven build (profile {@code rebuild-guests}) rebuilds
 * every guest into {@code target/rebuilt-guests} when gcc is the compiler recorded in {@code COMPILER}; this test
 * compares byte for byte. Under another compiler (or none) it is skipped, with the reason.
 */
class CommittedImagesMatchSourcesTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REBUILT = MODULE.resolve("target/rebuilt-guests");

    @Test
    void every_committed_image_matches_a_fresh_build_of_its_source() throws IOException {
        String recorded = Files.readString(MODULE.resolve("COMPILER")).strip();
        String local = compilerIdentity();
        assumeTrue(local != null, "gcc is not installed, so the committed images cannot be rebuilt here");
        assumeTrue(local.equals(recorded),
                "the images record '" + recorded + "' but this machine has '" + local + "'; bytes would differ");
        assumeTrue(Files.isDirectory(REBUILT),
                "target/rebuilt-guests is missing: run the test through Maven (the build rebuilds the guests)");

        List<String> stale = new ArrayList<>();
        List<Path> guestDirs;
        try (Stream<Path> dirs = Files.list(MODULE.resolve("guests"))) {
            guestDirs = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(guestDirs).as("guest source folders").isNotEmpty();
        for (Path dir : guestDirs) {
            String name = dir.getFileName().toString();
            Path committed = dir.resolve(name + ".elf");
            Path fresh = REBUILT.resolve(name + ".elf");
            if (!Files.exists(committed)) {
                stale.add(name + ": no committed image (run `make -C sample-guests` and commit it)");
            } else if (!Files.exists(fresh)) {
                stale.add(name + ": the build produced no image");
            } else if (Files.mismatch(committed, fresh) != -1) {
                stale.add(name + ": committed image differs from its source (run `make -C sample-guests`)");
            }
        }
        assertThat(stale).as("stale guest images").isEmpty();
    }

    @Test
    void every_catalog_entry_names_an_image_that_is_on_the_classpath() throws IOException {
        String catalog = new String(SampleGuests.catalogJson(), java.nio.charset.StandardCharsets.UTF_8);
        var names = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(catalog);
        int count = 0;
        while (names.find()) {
            count++;
            assertThat(SampleGuests.image(names.group(1))).as("image of " + names.group(1)).isPresent();
        }
        assertThat(count).isPositive();
    }

    private static String compilerIdentity() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            return p.waitFor() == 0 ? first.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
