package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.wiring.Backends;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.VmmException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {"Run a guest to its exit code.",
    "stdout carries the guest's console output byte for byte, the summary goes to stderr, and the process exits "
        + "with the guest's exit code (modulo 256)."})
public final class RunCommand implements Callable<Integer> {
    /** Where the guest's console bytes go (System.out; tests may replace it). */
    static PrintStream consoleOut = System.out;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "GUEST|FILE.elf", description = "A sample guest (see `memscope list`) or an ELF file.")
    private String guest;

    @Option(names = "--backend", defaultValue = "sim", description = "sim (Java emulator + KVM model) or kvm "
            + "(this machine's /dev/kvm). Default: ${DEFAULT-VALUE}.")
    private String backend;

    @Option(names = "--variant", defaultValue = "mmio-exit", description = "How the VMM serves the PCI hole: "
            + "mmio-exit, readonly-page, allones, pci-hole, single-hva. Default: ${DEFAULT-VALUE}.")
    private String variant;

    @Option(names = "--mmu", defaultValue = "tdp", description = "tdp, direct or shadow (sim backend). "
            + "Default: ${DEFAULT-VALUE}.")
    private String mmu;

    @Option(names = "--json", description = "Print one JSON object with the run's results instead of the console.")
    private boolean json;

    @Option(names = "--calibration", paramLabel = "FILE", description = "Modelled times with the costs of a "
            + "calibration file (see `memscope calibrate`).")
    private java.nio.file.Path calibration;

    private dev.memscope.app.wiring.Backends backends(java.io.PrintWriter err) {
        if (calibration == null) {
            return new dev.memscope.app.wiring.Backends();
        }
        try {
            return new dev.memscope.app.wiring.Backends(dev.memscope.app.wiring.CalibrationFile.read(calibration));
        } catch (java.io.IOException e) {
            err.println("memscope: " + e.getMessage());
            return null;
        }
    }

    @Option(names = "--max-instructions", defaultValue = "20000000000", description = "Stop a guest that has not "
            + "exited after this many instructions (sim). Default: ${DEFAULT-VALUE}.")
    private long maxInstructions;

    @Option(names = "--timeout", defaultValue = "300", description = "Stop a guest that has not exited after this "
            + "many seconds of host time. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Options o = Options.parse(err, variant, mmu, backend);
        if (o == null) {
            return ExitCodes.USAGE;
        }
        GuestCatalog catalog = GuestCatalog.builtIn();
        GuestSource source;
        try {
            source = GuestSource.resolve(guest, catalog);
        } catch (GuestSource.NotFoundException e) {
            err.println("memscope: " + e.getMessage());
            return ExitCodes.NOT_FOUND;
        }
        SessionSetup setup;
        try {
            String scenario = catalog.find(source.name()).filter(x -> source.fromCatalog()).map(x -> x.scenario())
                    .orElse("none");
            setup = Setups.forGuest(source, scenario).withVariant(o.variant()).withMmu(o.mmu()).withBackend(backend);
        } catch (ElfFormatException e) {
            err.println("memscope: cannot run " + source.name() + ": " + e.getMessage());
            return ExitCodes.BAD_IMAGE;
        }
        dev.memscope.app.wiring.Backends factory = backends(err);
        if (factory == null) {
            return ExitCodes.USAGE;
        }
        RunResult r;
        try {
            r = BatchRun.run(setup, factory, new BatchRun.Limits(maxInstructions, timeoutSeconds * 1_000_000_000L));
        } catch (BackendException e) {
            err.println("memscope: the " + backend + " backend is not available: " + e.getMessage());
            return ExitCodes.BACKEND_UNAVAILABLE;
        } catch (VmmException e) {
            err.println("memscope: cannot set up " + source.name() + ": " + e.getMessage());
            return e.getCause() instanceof ElfFormatException ? ExitCodes.BAD_IMAGE : ExitCodes.RUN_FAILED;
        }
        if (json) {
            spec.commandLine().getOut().println(RunJson.of(r).toPrettyString());
            spec.commandLine().getOut().flush();
        } else {
            consoleOut.write(r.console(), 0, r.console().length);
            consoleOut.flush();
            err.println(Summaries.oneLine(r));
        }
        for (String note : r.notes()) {
            err.println("memscope: note: " + note);
        }
        if (!r.succeeded()) {
            err.println("memscope: the run failed: " + r.failure());
            return ExitCodes.RUN_FAILED;
        }
        return (int) (r.exitCode() & 0xFF);
    }

    /** The parsed choice options, or an error printed and null. */
    record Options(HoleVariant variant, MmuMode mmu) {
        static Options parse(PrintWriter err, String variant, String mmu, String backend) {
            HoleVariant v = HoleVariant.fromCliName(variant).orElse(null);
            if (v == null) {
                err.println("memscope: unknown variant '" + variant + "'; choose one of mmio-exit, readonly-page, "
                        + "allones, pci-hole, single-hva");
                return null;
            }
            MmuMode m = MmuMode.fromCliName(mmu).orElse(null);
            if (m == null) {
                err.println("memscope: unknown MMU mode '" + mmu + "'; choose one of tdp, direct, shadow");
                return null;
            }
            if (!backend.equals("sim") && !backend.equals("kvm")) {
                err.println("memscope: unknown backend '" + backend + "'; choose sim or kvm");
                return null;
            }
            return new Options(v, m);
        }
    }
}
