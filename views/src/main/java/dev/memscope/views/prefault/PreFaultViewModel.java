package dev.memscope.views.prefault;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.PreFaultResult;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The pre-fault dialog: {@code struct kvm_pre_fault_memory} as typed, the ioctl's result, and the struct as the
 * kernel left it (Documentation/virt/kvm/api.rst 4.143: gpa and size are in/out).
 */
public final class PreFaultViewModel {
    private final MachineControl machine;
    private final StringProperty gpa = new SimpleStringProperty(this, "gpa", "0x0");
    private final StringProperty size = new SimpleStringProperty(this, "size", "0x200000");
    private final StringProperty flags = new SimpleStringProperty(this, "flags", "0");
    private final StringProperty before = new SimpleStringProperty(this, "before", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final StringProperty after = new SimpleStringProperty(this, "after", "");

    public PreFaultViewModel(MachineControl machine) {
        this.machine = machine;
    }

    public StringProperty gpaProperty() {
        return gpa;
    }

    public StringProperty sizeProperty() {
        return size;
    }

    public StringProperty flagsProperty() {
        return flags;
    }

    public StringProperty beforeProperty() {
        return before;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public StringProperty afterProperty() {
        return after;
    }

    /** Calls the ioctl with the fields' values; the answer arrives on the JavaFX thread. */
    public void call() {
        long g;
        long s;
        long f;
        try {
            g = number(gpa.get(), "gpa");
            s = number(size.get(), "size");
            f = number(flags.get(), "flags");
        } catch (IllegalArgumentException e) {
            result.set(e.getMessage());
            return;
        }
        before.set(struct(g, s, f));
        result.set("calling KVM_PRE_FAULT_MEMORY...");
        after.set("");
        machine.preFaultMemory(g, s, f).whenComplete((r, error) -> Platform.runLater(() -> show(r, error)));
    }

    void show(PreFaultResult r, Throwable error) {
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            result.set("not called: " + cause.getMessage());
            return;
        }
        result.set("KVM_PRE_FAULT_MEMORY returned " + (r.ret() == 0 ? "0" : "-" + errno(-r.ret()))
                + (r.ret() == 0 && r.sizeAfter() > 0 ? " with part of the range left (partial progress)" : "")
                + (r.ret() == 0 && r.sizeAfter() == 0 ? ": the whole range is mapped" : ""));
        after.set(struct(r.gpaAfter(), r.sizeAfter(), r.flags()));
    }

    static String struct(long gpa, long size, long flags) {
        return String.format("{ .gpa = 0x%x, .size = 0x%x, .flags = 0x%x }", gpa, size, flags);
    }

    private static long number(String s, String field) {
        String t = s == null ? "" : s.strip();
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16)
                    : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("." + field + " = '" + t + "' is not a number (decimal, or hex with 0x)");
        }
    }

    /** The errnos KVM_PRE_FAULT_MEMORY returns (api.rst 4.143, virt/kvm/kvm_main.c, arch/x86/kvm/mmu/mmu.c). */
    static String errno(int e) {
        return switch (e) {
            case 2 -> "ENOENT";
            case 4 -> "EINTR";
            case 5 -> "EIO";
            case 11 -> "EAGAIN";
            case 22 -> "EINVAL";
            case 95 -> "EOPNOTSUPP";
            default -> "errno " + e;
        };
    }
}
