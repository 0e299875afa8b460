package dev.memscope.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.session.SessionException.Reason;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.guests.SampleGuests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionResolverTest {
    private final GuestCatalog catalog = GuestCatalog.builtIn();
    private final byte[] pciScan = SampleGuests.image("pci-scan").orElseThrow();
    private final String sha = SessionResolver.sha256(pciScan);

    private static SessionFile withGuest(SessionFile s, SessionFile.GuestRef g) {
        return new SessionFile(s.savedBy(), g, s.backend(), s.variant(), s.prefetchPolicy(), s.mmu(), s.map(),
                s.pageSize(), s.scenario(), s.devices(), s.costOverrides(), s.breakpoints(), s.layout(),
                s.variantSwitches(), s.stopAt(), s.stopAtExact(), s.stopReason());
    }

    @Test
    void a_catalog_guest_with_its_hash_makes_the_setup_the_session_describes() throws Exception {
        SessionFile s = SessionFixtures.everything(sha);
        SessionResolver.Opened o = SessionResolver.resolve(s, catalog, Path.of("."));
        assertThat(o.guest().fromCatalog()).isTrue();
        assertThat(o.setup().image().sha256()).isEqualTo(sha);
        assertThat(o.setup().variant()).isEqualTo(HoleVariant.ALLONES);
        assertThat(o.setup().prefetchPolicy()).isEqualTo("bounded-2m");
        assertThat(o.setup().map().ramBytes()).isEqualTo(128L << 20);
        assertThat(o.setup().pageSize()).isEqualTo(BootLayout.PageSize.SIZE_4K);
        assertThat(o.setup().costOverrides()).isEqualTo(s.costOverrides());
    }

    @Test
    void a_guest_whose_bytes_changed_is_refused_with_both_hashes() {
        SessionFile s = SessionFixtures.everything(SessionFixtures.SHA);
        SessionException e = catchThrowableOfType(SessionException.class,
                () -> SessionResolver.resolve(s, catalog, Path.of(".")));
        assertThat(e.reason()).isEqualTo(Reason.GUEST_MISMATCH);
        assertThat(e.getMessage()).contains("'pci-scan' of the catalog", sha, SessionFixtures.SHA);
    }

    @Test
    void a_guest_file_is_found_relative_to_the_session_and_checked(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("guest"));
        Files.write(dir.resolve("guest/scan.elf"), pciScan);
        SessionFile s = withGuest(SessionFixtures.everything(sha), new SessionFile.GuestRef("scan.elf", null,
                "guest/scan.elf", sha));
        assertThat(SessionResolver.resolve(s, catalog, dir).guest().origin())
                .isEqualTo(dir.resolve("guest/scan.elf").toAbsolutePath().toString());

        byte[] changed = pciScan.clone();
        changed[changed.length - 1] ^= 1;
        Files.write(dir.resolve("guest/scan.elf"), changed);
        assertThat(catchThrowableOfType(SessionException.class, () -> SessionResolver.resolve(s, catalog, dir))
                .reason()).isEqualTo(Reason.GUEST_MISMATCH);

        Files.delete(dir.resolve("guest/scan.elf"));
        SessionException missing = catchThrowableOfType(SessionException.class,
                () -> SessionResolver.resolve(s, catalog, dir));
        assertThat(missing.reason()).isEqualTo(Reason.GUEST_NOT_FOUND);
        assertThat(missing.getMessage()).contains("guest" + java.io.File.separator + "scan.elf", "does not exist");
    }

    @Test
    void a_guest_missing_from_the_catalog_is_refused() {
        SessionFile s = withGuest(SessionFixtures.everything(sha), new SessionFile.GuestRef("gone", "gone", null, sha));
        SessionException e = catchThrowableOfType(SessionException.class,
                () -> SessionResolver.resolve(s, catalog, Path.of(".")));
        assertThat(e.reason()).isEqualTo(Reason.GUEST_NOT_FOUND);
        assertThat(e.getMessage()).contains("'gone' is not in this Memscope's catalog");
    }

    @Test
    void devices_other_than_the_modelled_topology_are_refused_naming_the_first_difference() {
        SessionFile s = SessionFixtures.everything(sha);
        List<SessionFile.Device> devices = new ArrayList<>(s.devices());
        devices.set(1, new SessionFile.Device("00:01.0", 0x1AF4, 0x1000, "legacy virtio-net"));
        SessionException e = catchThrowableOfType(SessionException.class,
                () -> SessionResolver.checkDevices(devices));
        assertThat(e.reason()).isEqualTo(Reason.DEVICES);
        assertThat(e.getMessage()).contains("00:01.0 1af4:1000 (legacy virtio-net)", "1af4:1041");
        SessionException fewer = catchThrowableOfType(SessionException.class,
                () -> SessionResolver.checkDevices(devices.subList(0, 1)));
        assertThat(fewer.getMessage()).contains("lacks 00:01.0");
    }
}
