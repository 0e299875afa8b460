package dev.memscope.views.holehits;

import dev.memscope.views.gpa.EcamAddress;

/** A device slot of the config space: bus and device (its eight functions share a cell of the grid). */
public record DeviceKey(int bus, int device) {
    @Override
    public String toString() {
        return EcamAddress.busDevice(bus, device);
    }
}
