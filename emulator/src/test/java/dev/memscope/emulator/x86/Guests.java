package dev.memscope.emulator.x86;

import dev.memscope.guests.SampleGuests;

/** Test helper: runs a sample guest on the plain runner. */
final class Guests {
    private Guests() {
    }

    static byte[] image(String name) {
        return SampleGuests.image(name).orElseThrow(() -> new AssertionError("no sample guest " + name));
    }

    static PlainRunner.Result run(String name, long maxInstructions) {
        try {
            return new PlainRunner(image(name)).run(maxInstructions);
        } catch (dev.memscope.emulator.vmm.ElfFormatException e) {
            throw new AssertionError(e);
        }
    }
}
