package dev.memscope.emulator.backend;

import java.util.Map;

/**
 * A backend that can count guest reads of the PCI hole that a mapped page serves without any exit (read-only and
 * ALLONES slots). Only the simulated backend can: on real KVM such a read never leaves the guest.
 */
public interface HoleObservation {
    /** Watch [gpaStart, gpaEnd) (the ECAM window); the VMM calls this once at boot. */
    void observeHole(long gpaStart, long gpaEnd);

    /** Reads served from mapped pages so far, per gfn. */
    Map<Long, Long> mappedHoleReadsByGfn();
}
