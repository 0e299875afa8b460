package dev.memscope.app.cli;

import picocli.CommandLine.Command;

@Command(name = "memscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A debugger and visualizer for KVM guest memory.",
            "Without a command, ./memscope opens the desktop app."},
        subcommands = {ListCommand.class, RunCommand.class, CompareCommand.class, CalibrateCommand.class, BenchCommand.class},
        footer = {"", "Exit codes: run exits with the guest's exit code; Memscope's own failures use 125 (usage),",
            "126 (image refused), 127 (guest not found), 128 (run failed), 129 (backend unavailable)."})
public final class MemscopeCommand {
}
