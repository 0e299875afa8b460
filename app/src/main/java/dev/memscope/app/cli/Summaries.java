package dev.memscope.app.cli;

import dev.memscope.emulator.session.RunResult;
import java.util.stream.Collectors;

/** Human summaries of runs, for stderr. */
final class Summaries {
    private Summaries() {
    }

    static String oneLine(RunResult r) {
        StringBuilder sb = new StringBuilder("memscope: ").append(r.guest());
        sb.append(r.succeeded() ? " exited with code " + r.exitCode() : " failed");
        if (r.instructions() >= 0) {
            sb.append(String.format(" after %,d instructions", r.instructions()));
        }
        sb.append(" (").append(r.backend()).append(", ").append(r.variant());
        if (r.backend().equals("sim")) {
            sb.append(", ").append(r.mmu()).append(" MMU");
        }
        sb.append(")");
        if (!r.exits().isEmpty()) {
            sb.append("; exits ").append(r.exits().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        sb.append(String.format("; %.1f ms in KVM_RUN", r.wallNanos() / 1e6));
        if (r.modelledNanos() > 0) {
            sb.append(String.format(", %.1f ms modelled", r.modelledNanos() / 1e6));
        }
        return sb.toString();
    }
}
