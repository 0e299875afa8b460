package dev.memscope.app.wiring;

import dev.memscope.app.catalog.GuestSource;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.VmmScenario;

/** Turns a guest the user named into a session setup with Memscope's defaults. */
public final class Setups {
    private Setups() {
    }

    public static SessionSetup forGuest(GuestSource source, String scenario) throws ElfFormatException {
        ElfImage image = ElfImage.parse(source.image());
        VmmScenario s = VmmScenario.fromCliName(scenario == null ? "none" : scenario).orElseThrow(
                () -> new IllegalArgumentException("unknown scenario '" + scenario + "' in the catalog"));
        return SessionSetup.of(source.name(), image).withScenario(s);
    }
}
