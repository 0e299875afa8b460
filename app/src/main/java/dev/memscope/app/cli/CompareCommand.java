package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.wiring.Backends;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.Comparison;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.ElfFormatException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", description = {"Run a guest under each hole variant from the same start and print the "
    + "results side by side.", "The guest's console output must be identical in every run; the command fails "
        + "(exit 128) if it is not."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "GUEST|FILE.elf")
    private String guest;

    @Option(names = "--variants", split = ",", description = "Variants to run (default: all five).")
    private List<String> variants = new ArrayList<>();

    @Option(names = "--backend", defaultValue = "sim", description = "sim, kvm or both. Default: ${DEFAULT-VALUE}.")
    private String backend;

    @Option(names = "--mmu", description = "tdp, direct or shadow (sim). Default: tdp; with --backend both, the mode of "
            + "this machine's KVM (and its MMIO caching), which is the fair comparison.")
    private String mmu;

    @Option(names = "--json", description = "Print the table as JSON.")
    private boolean json;

    @Option(names = "--calibration", paramLabel = "FILE", description = "Modelled times with the costs of a "
            + "calibration file (see `memscope calibrate`).")
    private java.nio.file.Path calibration;

    private dev.memscope.app.wiring.Backends backends(java.io.PrintWriter err, boolean mmioCaching) {
        if (calibration == null) {
            return new dev.memscope.app.wiring.Backends(null, mmioCaching);
        }
        try {
            return new dev.memscope.app.wiring.Backends(dev.memscope.app.wiring.CalibrationFile.read(calibration),
                    mmioCaching);
        } catch (java.io.IOException e) {
            err.println("memscope: " + e.getMessage());
            return null;
        }
    }

    @Option(names = "--csv", description = "Print the table as CSV.")
    private boolean csv;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds of host time per run. Default: "
            + "${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<HoleVariant> chosen = new ArrayList<>();
        for (String v : variants.isEmpty() ? List.of("mmio-exit", "readonly-page", "allones", "pci-hole",
                "single-hva") : variants) {
            HoleVariant hv = HoleVariant.fromCliName(v.strip()).orElse(null);
            if (hv == null) {
                err.println("memscope: unknown variant '" + v + "'");
                return ExitCodes.USAGE;
            }
            chosen.add(hv);
        }
        List<String> backends = switch (backend) {
            case "sim" -> List.of("sim");
            case "kvm" -> List.of("kvm");
            case "both" -> List.of("sim", "kvm");
            default -> null;
        };
        boolean likeKernel = mmu == null && backends != null && backends.size() == 2;
        boolean mmioCaching = true;
        MmuMode mmuMode = MmuMode.fromCliName(mmu == null ? "tdp" : mmu).orElse(null);
        if (likeKernel) {
            var kernel = dev.memscope.emulator.backend.kvm.HostKernel.probe();
            mmuMode = kernel.modelMmu();
            mmioCaching = kernel.mmioCaching() == null || kernel.mmioCaching();
            err.printf("memscope: the model is set up like this machine's KVM (%s): %s MMU, MMIO caching %s; "
                    + "--mmu chooses otherwise%n", kernel.paging().description(), mmuMode.cliName(),
                    mmioCaching ? "on" : "off");
        }
        if (backends == null || mmuMode == null || (json && csv)) {
            err.println("memscope: choose --backend sim, kvm or both; --mmu tdp, direct or shadow; and at most one of "
                    + "--json and --csv");
            return ExitCodes.USAGE;
        }
        GuestCatalog catalog = GuestCatalog.builtIn();
        SessionSetup setup;
        try {
            GuestSource source = GuestSource.resolve(guest, catalog);
            String scenario = source.fromCatalog() ? catalog.find(source.name()).map(g -> g.scenario())
                    .orElse("none") : "none";
            setup = Setups.forGuest(source, scenario).withMmu(mmuMode);
        } catch (GuestSource.NotFoundException e) {
            err.println("memscope: " + e.getMessage());
            return ExitCodes.NOT_FOUND;
        } catch (ElfFormatException e) {
            err.println("memscope: cannot run " + guest + ": " + e.getMessage());
            return ExitCodes.BAD_IMAGE;
        }
        Backends factory = backends(err, mmioCaching);
        if (factory == null) {
            return ExitCodes.USAGE;
        }
        CompareTable table = Comparison.run(setup, chosen, backends, factory,
                new BatchRun.Limits(BatchRun.Limits.defaults().maxInstructions(), timeoutSeconds * 1_000_000_000L),
                (done, total, running) -> err.printf("memscope: [%d/%d] %s%n", Math.min(done + 1, total), total,
                        running),
                () -> false);
        if (json) {
            out.println(RunJson.MAPPER.writeValueAsString(table));
        } else if (csv) {
            out.print(CompareFormat.csv(table));
        } else {
            out.print(CompareFormat.text(table));
        }
        out.flush();
        if (!table.consoleIdentical()) {
            err.println("memscope: the guest's console output was not the same in every run: that is a bug in a "
                    + "variant or a backend, not a difference to compare");
            return ExitCodes.RUN_FAILED;
        }
        return 0;
    }
}
