package dev.memscope.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

// INHERIT: every command takes -h/--help and -V/--version too.
@Command(name = "memscope", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionProvider.class,
        description = {"A debugger and visualizer for KVM guest memory.",
            "Without a command, ./memscope opens the desktop app."},
        subcommands = {ListCommand.class, RunCommand.class, CompareCommand.class, CalibrateCommand.class,
            BenchCommand.class, ReportCommand.class, TraceCommand.class, DiffCommand.class},
        footer = {"", "Exit codes: run exits with the guest's exit code; diff exits 0 (identical) or 1 (different);",
            "Memscope's own failures use 125 (usage; a corrupt or newer session file), 126 (image refused; a session's",
            "guest with another hash), 127 (guest or file not found), 128 (run failed, or the stop was not reached),",
            "129 (backend unavailable)."})
public final class MemscopeCommand {
}
