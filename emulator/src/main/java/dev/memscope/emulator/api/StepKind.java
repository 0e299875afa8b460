package dev.memscope.emulator.api;

/** The stepping granularities of DESIGN.md, finest first. */
public enum StepKind {
    /** One phase of the fault path in progress (or, between faults, on to the first phase of the next one). */
    FAULT_PHASE("Step fault phase"),
    /** One guest memory access (a data read or write; instruction fetches are not counted). */
    MEMORY_ACCESS("Step memory access"),
    /** One guest instruction. */
    INSTRUCTION("Step instruction"),
    /** Run to the start of the next page fault the KVM model takes. */
    PAGE_FAULT("Run to next page fault"),
    /** Run to the next exit to userspace (KVM_RUN returning to the VMM). */
    USERSPACE_EXIT("Run to next exit to userspace");

    private final String label;

    StepKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
