package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.session.SessionException;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import dev.memscope.app.session.SessionResolver;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.views.workbench.DockLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run the command line will make: the guest, the setup it starts with, the live variant switches on the way, the
 * stop, and (from a session) the breakpoints and layout. Made from a guest and options, or from a session file.
 */
record RunPlan(GuestSource guest, SessionSetup setup, List<VariantSwitch> switches, StopAt stop,
        List<Breakpoint> breakpoints, DockLayout layout) {

    /** The same plan with another setup (e.g. on the other backend). */
    RunPlan withSetup(SessionSetup other) {
        return new RunPlan(guest, other, switches, stop, breakpoints, layout);
    }

    /** A plan that could not be made: the message for stderr and the exit code. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static boolean looksLikeSession(String target) {
        return target.endsWith(".json") && Files.isRegularFile(Path.of(target));
    }

    static RunPlan of(PlanOptions o, GuestCatalog catalog) throws Refused {
        if (looksLikeSession(o.target)) {
            if (o.hasSetupOptions()) {
                throw new Refused(ExitCodes.USAGE, "a session brings its own setup and stop: --variant, --mmu, "
                        + "--backend, --prefetch and --stop-at cannot be given with " + o.target);
            }
            return ofSession(Path.of(o.target), catalog);
        }
        HoleVariant variant = choice(HoleVariant.fromCliName(or(o.variant, "mmio-exit")).orElse(null), "variant",
                o.variant, "mmio-exit, readonly-page, allones, pci-hole, single-hva");
        MmuMode mmu = choice(MmuMode.fromCliName(or(o.mmu, "tdp")).orElse(null), "MMU mode", o.mmu,
                "tdp, direct, shadow");
        String backend = or(o.backend, "sim");
        choice(List.of("sim", "kvm").contains(backend) ? backend : null, "backend", backend, "sim, kvm");
        String prefetch = or(o.prefetch, "kernel");
        choice(List.of("kernel", "whole-slot", "bounded-2m", "none").contains(prefetch) ? prefetch : null,
                "prefetch policy", prefetch, "kernel, whole-slot, bounded-2m, none");
        StopAt stop;
        try {
            stop = StopAt.parse(o.stopAt == null ? "end" : o.stopAt);
        } catch (IllegalArgumentException e) {
            throw new Refused(ExitCodes.USAGE, "--stop-at: " + e.getMessage());
        }
        GuestSource guest;
        try {
            guest = GuestSource.resolve(o.target, catalog);
        } catch (GuestSource.NotFoundException e) {
            throw new Refused(ExitCodes.NOT_FOUND, e.getMessage());
        }
        try {
            String scenario = guest.fromCatalog() ? catalog.find(guest.name()).map(g -> g.scenario()).orElse("none")
                    : "none";
            SessionSetup setup = Setups.forGuest(guest, scenario).withVariant(variant).withMmu(mmu)
                    .withBackend(backend).withPrefetchPolicy(prefetch);
            return new RunPlan(guest, setup, List.of(), stop, List.of(), null);
        } catch (ElfFormatException e) {
            throw new Refused(ExitCodes.BAD_IMAGE, "cannot run " + guest.name() + ": " + e.getMessage());
        }
    }

    static RunPlan ofSession(Path file, GuestCatalog catalog) throws Refused {
        try {
            SessionFile s = SessionJson.read(Files.readAllBytes(file));
            SessionResolver.Opened o = SessionResolver.resolve(s, catalog, file.toAbsolutePath().getParent());
            return new RunPlan(o.guest(), o.setup(), s.variantSwitches(), s.stopAt(), s.breakpoints(), s.layout());
        } catch (IOException e) {
            throw new Refused(ExitCodes.NOT_FOUND, "cannot read " + file + ": " + e.getMessage());
        } catch (SessionException e) {
            throw new Refused(exitCode(e.reason()), "cannot open the session " + file + ": " + e.getMessage());
        }
    }

    static int exitCode(SessionException.Reason reason) {
        return switch (reason) {
            case GUEST_NOT_FOUND -> ExitCodes.NOT_FOUND;
            case GUEST_MISMATCH, BAD_IMAGE -> ExitCodes.BAD_IMAGE;
            case CORRUPT, NEWER_VERSION, DEVICES -> ExitCodes.USAGE;
        };
    }

    private static String or(String given, String otherwise) {
        return given == null ? otherwise : given;
    }

    private static <T> T choice(T value, String what, String given, String choices) throws Refused {
        if (value == null) {
            throw new Refused(ExitCodes.USAGE, "unknown " + what + " '" + given + "'; choose one of " + choices);
        }
        return value;
    }
}
