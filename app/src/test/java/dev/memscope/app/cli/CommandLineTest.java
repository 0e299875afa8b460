package dev.memscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void list_prints_every_catalog_guest_with_its_description() {
        Result r = run("list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("(?m)^hello\\s+Prints one line and exits 0\\.$");
    }

    @Test
    void list_json_is_an_array_of_entries() throws Exception {
        Result r = run("list", "--json");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(tree.isArray()).isTrue();
        assertThat(tree.get(0).get("name").asText()).isEqualTo("hello");
    }

    @Test
    void run_of_an_unknown_guest_says_so_and_exits_127() {
        Result r = run("run", "no-such-guest");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("no sample guest or file named 'no-such-guest'");
    }

    @Test
    void run_of_a_file_that_is_not_an_elf_names_the_problem_and_exits_126(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.elf");
        Files.writeString(bogus, "#!/bin/sh\necho hi\n".repeat(10));
        Result r = run("run", bogus.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_IMAGE);
        assertThat(r.err()).contains("not an ELF file");
    }

    @Test
    void bad_options_are_usage_errors_with_exit_125() {
        assertThat(run("run", "hello", "--variant", "nope").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("run", "hello", "--mmu", "nope").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("run").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("no-such-command").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void every_command_prints_its_help_for_dash_dash_help_and_exits_0() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            Result r = run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: memscope " + command);
            assertThat(r.err()).as(command).isEmpty();
        }
    }
}
