package dev.memscope.app.session;

import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.cli.VersionProvider;
import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.PciTopology;
import dev.memscope.views.workbench.DockLayout;
import java.util.List;

/** Makes a session file of the machine as it stands: the setup it was loaded with, the way to its stop, the rest. */
public final class SessionCapture {
    private SessionCapture() {
    }

    /**
     * @param loaded the setup the machine was loaded with (for what the snapshot does not carry: map, page size,
     *        scenario, cost model)
     * @param layout the panes' layout, or null (the command line)
     * @throws IllegalStateException when the machine is running or has no guest: a session is saved at a stop
     */
    public static SessionFile capture(MachineSnapshot s, GuestSource guest, SessionSetup loaded,
            List<Breakpoint> breakpoints, DockLayout layout) {
        if (s.setup() == null || guest == null || loaded == null) {
            throw new IllegalStateException("no guest is loaded: there is no session to save");
        }
        if (!s.setup().imageSha256().equals(loaded.image().sha256())) {
            throw new IllegalStateException("the machine is still loading " + loaded.guestName() + "; save again "
                    + "when it has stopped");
        }
        if (s.position() == null && s.state() == dev.memscope.emulator.api.RunState.FAILED) {
            throw new IllegalStateException("the guest could not be loaded (" + s.stopReason() + "): there is no run "
                    + "to save");
        }
        if (s.position() == null) {
            throw new IllegalStateException("the machine is " + s.state().name().toLowerCase()
                    + (s.stopReason().isEmpty() ? "" : " (" + s.stopReason() + ")")
                    + ": a session is saved at a stop; pause it first");
        }
        SessionFile.GuestRef ref = new SessionFile.GuestRef(s.setup().guest(), guest.fromCatalog() ? guest.name()
                : null, guest.fromCatalog() ? null : guest.origin(), loaded.image().sha256());
        HoleVariant first = s.variantSwitches().isEmpty() ? s.setup().variant() : s.variantSwitches().get(0).from();
        // The VMM models the default q35 topology; it is recorded so that a session made with another can be refused.
        return new SessionFile("Memscope " + VersionProvider.memscopeVersion(), ref, s.setup().backend(), first,
                s.setup().prefetchPolicy(), s.setup().mmu(), loaded.map(), loaded.pageSize(), loaded.scenario(),
                SessionFile.Device.of(PciTopology.q35Default()), loaded.costOverrides(), breakpoints, layout,
                s.variantSwitches(), s.position(), s.positionExact(), s.stopReason());
    }

    /** The same session with its guest named by a path relative to where it will be written (a bug-report bundle). */
    public static SessionFile withGuestFile(SessionFile s, String relativePath) {
        SessionFile.GuestRef g = s.guest();
        return new SessionFile(s.savedBy(), new SessionFile.GuestRef(g.name(), null, relativePath, g.sha256()),
                s.backend(), s.variant(), s.prefetchPolicy(), s.mmu(), s.map(), s.pageSize(), s.scenario(),
                s.devices(), s.costOverrides(), s.breakpoints(), s.layout(), s.variantSwitches(), s.stopAt(),
                s.stopAtExact(), s.stopReason());
    }
}
