package dev.memscope.app.session;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.session.SessionException.Reason;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.PciTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a session file into what builds the machine: finds its guest (catalog or file), checks the guest's bytes
 * against the recorded SHA-256 and the devices against the ones this Memscope models, and makes the setup. Touches
 * nothing: a refusal leaves the current session as it was.
 */
public final class SessionResolver {
    /** A session ready to load: its guest, the setup it starts with, and the file for the rest. */
    public record Opened(GuestSource guest, SessionSetup setup, SessionFile file) {
    }

    private SessionResolver() {
    }

    /** @param baseDir the session file's directory, against which a relative guest path is resolved */
    public static Opened resolve(SessionFile s, GuestCatalog catalog, Path baseDir) throws SessionException {
        GuestSource guest = guest(s.guest(), catalog, baseDir);
        String actual = sha256(guest.image());
        if (!actual.equals(s.guest().sha256())) {
            throw new SessionException(Reason.GUEST_MISMATCH, "the guest " + describe(s.guest(), baseDir)
                    + " is not the one the session was saved with: its SHA-256 is " + actual + ", the session "
                    + "recorded " + s.guest().sha256());
        }
        checkDevices(s.devices());
        ElfImage image;
        try {
            image = ElfImage.parse(guest.image());
        } catch (ElfFormatException e) {
            throw new SessionException(Reason.BAD_IMAGE, "the session's guest " + describe(s.guest(), baseDir)
                    + " cannot be loaded: " + e.getMessage());
        }
        SessionSetup setup = SessionSetup.of(s.guest().name(), image).withBackend(s.backend()).withVariant(s.variant())
                .withMmu(s.mmu()).withPrefetchPolicy(s.prefetchPolicy()).withMap(s.map())
                .withPageSize(s.pageSize()).withScenario(s.scenario()).withCostOverrides(s.costOverrides());
        return new Opened(guest, setup, s);
    }

    private static GuestSource guest(SessionFile.GuestRef ref, GuestCatalog catalog, Path baseDir)
            throws SessionException {
        if (ref.fromCatalog()) {
            var entry = catalog.find(ref.catalog()).orElseThrow(() -> new SessionException(Reason.GUEST_NOT_FOUND,
                    "the session's guest '" + ref.catalog() + "' is not in this Memscope's catalog "
                            + "(`memscope list` shows the sample guests)"));
            return new GuestSource(entry.name(), "catalog", catalog.image(entry));
        }
        Path path = baseDir.resolve(ref.file());
        if (!Files.isRegularFile(path)) {
            throw new SessionException(Reason.GUEST_NOT_FOUND, "the session's guest file " + path
                    + " does not exist (copy the guest image there, or edit \"guest\".\"file\" in the session)");
        }
        try {
            return new GuestSource(path.getFileName().toString(), path.toAbsolutePath().toString(),
                    Files.readAllBytes(path));
        } catch (IOException e) {
            throw new SessionException(Reason.GUEST_NOT_FOUND, "cannot read the session's guest file " + path + ": "
                    + e.getMessage());
        }
    }

    private static String describe(SessionFile.GuestRef ref, Path baseDir) {
        return ref.fromCatalog() ? "'" + ref.catalog() + "' of the catalog" : baseDir.resolve(ref.file()).toString();
    }

    /** Today the VMM always models the default q35 topology; a session listing other devices cannot be replayed. */
    static void checkDevices(List<SessionFile.Device> recorded) throws SessionException {
        List<SessionFile.Device> modelled = SessionFile.Device.of(PciTopology.q35Default());
        if (recorded.equals(modelled)) {
            return;
        }
        String first = "";
        for (int i = 0; i < Math.max(recorded.size(), modelled.size()); i++) {
            SessionFile.Device r = i < recorded.size() ? recorded.get(i) : null;
            SessionFile.Device m = i < modelled.size() ? modelled.get(i) : null;
            if (r == null || !r.equals(m)) {
                first = r == null ? "the session lacks " + m.bdf() + " (" + m.name() + ")"
                        : "the session has " + r.bdf() + " " + String.format("%04x:%04x", r.vendorId(), r.deviceId())
                                + " (" + r.name() + ") where this Memscope has " + (m == null ? "nothing"
                                        : m.bdf() + " " + String.format("%04x:%04x", m.vendorId(), m.deviceId()));
                break;
            }
        }
        throw new SessionException(Reason.DEVICES, "the session's devices are not the default q35 topology, the only "
                + "one this Memscope models: " + first);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
