package dev.memscope.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.kvm.KvmAvailability;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.Calibration;
import dev.memscope.emulator.session.Calibrator;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.session.SessionSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
    @Test
    void a_calibration_file_round_trips(@TempDir Path dir) throws Exception {
        Calibration c = new Calibration("Linux test", "pci-scan", "2026-11-21", 63, 11_000, 4_700, 650_000,
                Map.of(EventKind.KVM_USERSPACE_EXIT, 11_300L));
        Path f = dir.resolve("cal.json");
        CalibrationFile.write(c, f);
        assertThat(CalibrationFile.read(f)).isEqualTo(c);
    }

    @Test
    void a_bad_calibration_file_says_what_is_wrong(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"format\":\"something-else\"}");
        assertThatThrownBy(() -> CalibrationFile.read(f)).hasMessageContaining("is not a Memscope calibration");
        Files.writeString(f, "{\"format\":\"memscope-calibration\",\"version\":9}");
        assertThatThrownBy(() -> CalibrationFile.read(f)).hasMessageContaining("format version 9");
        Files.writeString(f, "{\"format\":\"memscope-calibration\",\"version\":1,\"picosPerInstruction\":1,"
                + "\"costNanos\":{\"KVM_TELEPORT\":5}}");
        assertThatThrownBy(() -> CalibrationFile.read(f)).hasMessageContaining("unknown event kind 'KVM_TELEPORT'");
        Files.writeString(f, "{\"format\":\"memscope-calibration\",\"version\":1,\"picosPerInstruction\":1,"
                + "\"costNanos\":{\"KVM_EXIT\":-5}}");
        assertThatThrownBy(() -> CalibrationFile.read(f)).hasMessageContaining("costNanos.KVM_EXIT must be");
        Files.writeString(f, "{not json");
        assertThatThrownBy(() -> CalibrationFile.read(f)).hasMessageContaining("cannot read calibration");
    }

    /** After calibration the model's cost of one userspace MMIO exit, measured the same way, is the kernel's. */
    @Test
    void calibrated_costs_make_the_model_s_exit_cost_the_measured_one() throws Exception {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), "real KVM is not usable here: " + kvm.reason());
        GuestCatalog catalog = GuestCatalog.builtIn();
        // The naive scan, as `memscope calibrate` uses: pci-scan's 65 exits cost less than the run's timing noise on
        // a kernel that emulates every guest instruction (kvm_pvm), and the measured difference came out as 0.
        SessionSetup base = Setups.forGuest(GuestSource.resolve("pci-scan-naive", catalog), "none");
        Calibration c = Calibrator.calibrate(base, new Backends(), BatchRun.Limits.defaults());
        assertThat(c.exitsCompared()).isEqualTo(256 * 32 * 8 - 8); // every function's ID read; 8 functions present
        assertThat(c.measuredExitNanos()).isPositive();
        Backends calibrated = new Backends(c);
        RunResult exit = BatchRun.run(base.withVariant(HoleVariant.MMIO_EXIT), calibrated, BatchRun.Limits.defaults());
        RunResult mapped = BatchRun.run(base.withVariant(HoleVariant.READONLY_PAGE), calibrated,
                BatchRun.Limits.defaults());
        long modelPerExit = (exit.modelledNanos() - mapped.modelledNanos()) / c.exitsCompared();
        assertThat(modelPerExit).isBetween(c.measuredExitNanos() - 1, c.measuredExitNanos() + 1);
    }
}
