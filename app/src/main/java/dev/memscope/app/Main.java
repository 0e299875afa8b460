package dev.memscope.app;

import dev.memscope.app.cli.ExitCodes;
import dev.memscope.app.cli.MemscopeCommand;
import dev.memscope.app.gui.MemscopeApplication;
import picocli.CommandLine;

/**
 * Entry point of {@code ./memscope}: without arguments it opens the desktop app, with a command it runs the command
 * line. (A launcher class that does not extend {@code Application}, so JavaFX can live on the plain classpath.)
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            MemscopeApplication.main(args);
            return;
        }
        System.exit(commandLine().execute(args));
    }

    private static void applyExitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCodes.RUN_FAILED);
        cl.getSubcommands().values().forEach(Main::applyExitCodes);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MemscopeCommand());
        applyExitCodes(cl);
        return cl;
    }
}
