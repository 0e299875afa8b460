package dev.memscope.emulator.api;

/** The breakpoints of DESIGN.md. Immutable values; the machine keeps a list of them. */
public sealed interface Breakpoint {
    /** One line for lists and tooltips. */
    String describe();

    /** Stop before the instruction at this guest RIP executes. */
    record Rip(long rip) implements Breakpoint {
        @Override
        public String describe() {
            return String.format("RIP 0x%x", rip);
        }
    }

    /** Stop when a guest access touches [start, end) of guest-physical memory. */
    record GpaRange(long start, long end) implements Breakpoint {
        public GpaRange {
            if (Long.compareUnsigned(end, start) <= 0) {
                throw new IllegalArgumentException(String.format("empty GPA range 0x%x..0x%x", start, end));
            }
        }

        public boolean contains(long gpa) {
            return Long.compareUnsigned(gpa, start) >= 0 && Long.compareUnsigned(gpa, end) < 0;
        }

        @Override
        public String describe() {
            return String.format("GPA 0x%x..0x%x touched", start, end);
        }
    }

    /** Stop when an SPTE mapping this gfn changes. */
    record SpteChange(long gfn) implements Breakpoint {
        @Override
        public String describe() {
            return String.format("SPTE of gfn 0x%x changes", gfn);
        }
    }

    /** Stop when a memslot is created, deleted, moved or changes flags. */
    record MemslotChange() implements Breakpoint {
        @Override
        public String describe() {
            return "a memslot changes";
        }
    }

    /** Stop when KVM_RUN returns to userspace with this kvm_run.exit_reason (e.g. 6, KVM_EXIT_MMIO). */
    record ExitReason(int kvmExitReason) implements Breakpoint {
        @Override
        public String describe() {
            return "exit to userspace, reason " + kvmExitReason;
        }
    }

    /** Stop when the guest touches the config space of this PCI function. */
    record HoleHit(int bus, int device, int function) implements Breakpoint {
        @Override
        public String describe() {
            return String.format("config access to %02x:%02x.%d", bus, device, function);
        }
    }

    /** Stop when the guest reports this sync value on port 0xF5. */
    record SyncValue(long value) implements Breakpoint {
        @Override
        public String describe() {
            return "sync value " + value;
        }
    }
}
