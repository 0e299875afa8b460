package dev.memscope.views.panekit;

import dev.memscope.emulator.api.MachineSnapshot;

/**
 * PCIe ECAM addressing (DOMAIN.md §7): {@code base + (bus << 20 | dev << 15 | fn << 12 | reg)}; 1 MiB per bus,
 * 32 KiB per device, 4 KiB per function.
 */
public final class Ecam {
    private Ecam() {
    }

    /** {@code bb:dd.f} for a gpa inside the setup's ECAM window, else null. */
    public static String bdf(MachineSnapshot.Setup setup, long gpa) {
        if (setup == null || setup.ecamBuses() <= 0) {
            return null;
        }
        long off = gpa - setup.ecamBase();
        if (off < 0 || off >= (long) setup.ecamBuses() << 20) {
            return null;
        }
        return String.format("%02x:%02x.%d", off >>> 20 & 0xFF, off >>> 15 & 0x1F, off >>> 12 & 7);
    }

    /** {@code 00:05.0 reg 0x00e} for a gpa inside the window, else null. */
    public static String describe(MachineSnapshot.Setup setup, long gpa) {
        String bdf = bdf(setup, gpa);
        return bdf == null ? null : String.format("%s reg 0x%03x", bdf, gpa & 0xFFF);
    }

    /** Bus, device and function of a gpa in the window: {@code {bus, dev, fn}}, or null. */
    public static int[] split(MachineSnapshot.Setup setup, long gpa) {
        if (bdf(setup, gpa) == null) {
            return null;
        }
        long off = gpa - setup.ecamBase();
        return new int[] {(int) (off >>> 20 & 0xFF), (int) (off >>> 15 & 0x1F), (int) (off >>> 12 & 7)};
    }
}
