package dev.memscope.views.gpa;

import dev.memscope.emulator.api.MachineSnapshot;

/**
 * The PCIe ECAM (MMCONFIG) window: {@code buses} MiB of config space from {@code base}; a function's 4 KiB config
 * page sits at {@code base + (bus << 20 | dev << 15 | fn << 12)} (DOMAIN.md section 7).
 */
public record EcamWindow(long base, int buses) {
    public static final int DEVICES_PER_BUS = 32;
    public static final int FUNCTIONS_PER_DEVICE = 8;
    /** 4 KiB config pages per bus: 32 devices of 8 functions. */
    public static final int PAGES_PER_BUS = DEVICES_PER_BUS * FUNCTIONS_PER_DEVICE;

    public EcamWindow {
        if (buses < 1 || buses > 256) {
            throw new IllegalArgumentException("an ECAM window has 1 to 256 buses, not " + buses);
        }
    }

    /** The window of a setup, or null when the setup has none. */
    public static EcamWindow of(MachineSnapshot.Setup setup) {
        return setup == null || setup.ecamBuses() <= 0 ? null : new EcamWindow(setup.ecamBase(), setup.ecamBuses());
    }

    public long bytes() {
        return (long) buses << 20;
    }

    /** The first gpa past the window. */
    public long end() {
        return base + bytes();
    }

    public long firstGfn() {
        return base >>> 12;
    }

    public int pages() {
        return buses * PAGES_PER_BUS;
    }

    public boolean contains(long gpa) {
        return Long.compareUnsigned(gpa - base, bytes()) < 0;
    }

    public boolean containsGfn(long gfn) {
        return contains(gfn << 12);
    }

    /** The bus, device, function and register an address inside the window names. */
    public EcamAddress decode(long gpa) {
        if (!contains(gpa)) {
            throw new IllegalArgumentException(String.format("gpa 0x%x is outside the ECAM window", gpa));
        }
        long offset = gpa - base;
        return new EcamAddress((int) (offset >>> 20), (int) (offset >>> 15 & 31), (int) (offset >>> 12 & 7),
                (int) (offset & 0xFFF));
    }

    /** The gpa of a function's 4 KiB config page. */
    public long configPage(int bus, int device, int function) {
        return base + ((long) bus << 20 | (long) device << 15 | (long) function << 12);
    }

    /** {@code bb:dd.f} for a gpa inside the setup's ECAM window, else null. */
    public static String bdfOf(MachineSnapshot.Setup setup, long gpa) {
        EcamWindow w = of(setup);
        return w == null || !w.contains(gpa) ? null : w.decode(gpa).bdf();
    }

    /** {@code 00:05.0 reg 0x00e} for a gpa inside the setup's window, else null. */
    public static String describeOf(MachineSnapshot.Setup setup, long gpa) {
        String bdf = bdfOf(setup, gpa);
        return bdf == null ? null : String.format("%s reg 0x%03x", bdf, gpa & 0xFFF);
    }

    /** Bus, device and function of a gpa in the setup's window as {@code {bus, dev, fn}}, or null. */
    public static int[] splitOf(MachineSnapshot.Setup setup, long gpa) {
        EcamWindow w = of(setup);
        if (w == null || !w.contains(gpa)) {
            return null;
        }
        EcamAddress a = w.decode(gpa);
        return new int[] {a.bus(), a.device(), a.function()};
    }

    /** The function's page index inside the window: {@code bus << 8 | dev << 3 | fn}. */
    public static int pageIndex(int bus, int device, int function) {
        return bus << 8 | device << 3 | function;
    }
}
