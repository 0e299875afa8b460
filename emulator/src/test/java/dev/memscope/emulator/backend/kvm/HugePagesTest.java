package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugePagesTest {
    @TempDir
    Path sys;

    @Test
    void a_shortage_says_how_many_are_needed_reserved_and_free_and_how_to_reserve() throws IOException {
        Path dir = Files.createDirectories(sys.resolve("hugepages-2048kB"));
        Files.writeString(dir.resolve("nr_hugepages"), "2\n");
        Files.writeString(dir.resolve("free_hugepages"), "1\n");
        assertThat(HugePages.explainShortage(sys, 2 << 20, 8 << 20)).isEqualTo(
                "not enough 2 MiB huge pages reserved on this host: 4 needed, 2 reserved, 1 free (" + dir + "); "
                        + "reserve them with: echo 6 > " + dir.resolve("nr_hugepages"));
    }

    @Test
    void a_size_the_kernel_does_not_offer_says_so() {
        assertThat(HugePages.explainShortage(sys, 1L << 30, 1L << 30)).startsWith("this host kernel has no 1 GiB "
                + "huge pages");
    }
}
