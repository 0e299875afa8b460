package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", description = {"Compare two traces or sessions and show where their event logs first diverge.",
    "A and B may each be a trace-cmd text trace (`memscope trace --format text`, trace.txt of a bug report), a "
        + "session (replayed without a window), or both Perfetto JSON traces.",
    "Exits 0 when the events are identical, 1 when they differ."})
public final class DiffCommand implements Callable<Integer> {
    /** The exit code when the two differ (diff(1)'s). */
    public static final int DIFFERENT = 1;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A")
    private Path a;

    @Parameters(index = "1", paramLabel = "B")
    private Path b;

    @Option(names = "--context", defaultValue = "3", description = "Events shown before the first difference. "
            + "Default: ${DEFAULT-VALUE}.")
    private int context;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds of host time to replay a session. "
            + "Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GuestCatalog catalog = GuestCatalog.builtIn();
        TraceInput left;
        TraceInput right;
        try {
            left = TraceInput.load(a, catalog, Duration.ofSeconds(timeoutSeconds));
            right = TraceInput.load(b, catalog, Duration.ofSeconds(timeoutSeconds));
        } catch (RunPlan.Refused e) {
            err.println("memscope: " + e.getMessage());
            return e.exitCode;
        }
        if (left.kind() != right.kind()) {
            err.println("memscope: cannot compare a Perfetto trace with a text trace or a session; export both "
                    + "with the same --format");
            return ExitCodes.USAGE;
        }
        List<TraceInput.Line> x = left.events();
        List<TraceInput.Line> y = right.events();
        int n = Math.min(x.size(), y.size());
        int i = 0;
        while (i < n && x.get(i).text().equals(y.get(i).text())) {
            i++;
        }
        if (i == n && x.size() == y.size()) {
            out.printf("identical: %,d events%n", n);
            out.flush();
            return 0;
        }
        out.printf("%s and %s first differ at event %,d of %,d and %,d:%n", a, b, i + 1, x.size(), y.size());
        for (int c = Math.max(0, i - context); c < i; c++) {
            out.println("  " + x.get(c).text());
        }
        out.println(i < x.size() ? "- " + x.get(i).text() + "    (" + left.where(x.get(i)) + ")"
                : "- (" + a + " ends here)");
        out.println(i < y.size() ? "+ " + y.get(i).text() + "    (" + right.where(y.get(i)) + ")"
                : "+ (" + b + " ends here)");
        out.flush();
        return DIFFERENT;
    }
}
