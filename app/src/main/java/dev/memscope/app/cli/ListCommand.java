package dev.memscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestEntry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the built-in sample guests.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the catalog as JSON.")
    private boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also say what each guest demonstrates.")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GuestCatalog catalog = GuestCatalog.builtIn();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(catalog.guests()));
            return 0;
        }
        int width = catalog.guests().stream().mapToInt(g -> g.name().length()).max().orElse(4);
        for (GuestEntry g : catalog.guests()) {
            out.printf("%-" + width + "s  %s%n", g.name(), g.description());
            if (verbose) {
                out.printf("%-" + width + "s  demonstrates: %s%n", "", g.demonstrates());
            }
        }
        return 0;
    }
}
