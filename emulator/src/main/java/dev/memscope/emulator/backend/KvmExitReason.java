package dev.memscope.emulator.backend;

/** {@code kvm_run.exit_reason} values (include/uapi/linux/kvm.h) that Memscope uses. */
public final class KvmExitReason {
    public static final int UNKNOWN = 0;
    public static final int EXCEPTION = 1;
    public static final int IO = 2;
    public static final int DEBUG = 4;
    public static final int HLT = 5;
    public static final int MMIO = 6;
    public static final int SHUTDOWN = 8;
    public static final int FAIL_ENTRY = 9;
    /** KVM_RUN returned because of a signal (here: a pause request, or the instruction budget ran out). */
    public static final int INTR = 10;
    public static final int INTERNAL_ERROR = 17;
    public static final int SYSTEM_EVENT = 24;
    /** KVM could not resolve a guest access to host memory (KVM_RUN fails with -EFAULT; Linux 6.8+). */
    public static final int MEMORY_FAULT = 39;

    private KvmExitReason() {
    }

    public static String name(int reason) {
        return switch (reason) {
            case UNKNOWN -> "KVM_EXIT_UNKNOWN";
            case EXCEPTION -> "KVM_EXIT_EXCEPTION";
            case IO -> "KVM_EXIT_IO";
            case DEBUG -> "KVM_EXIT_DEBUG";
            case HLT -> "KVM_EXIT_HLT";
            case MMIO -> "KVM_EXIT_MMIO";
            case SHUTDOWN -> "KVM_EXIT_SHUTDOWN";
            case FAIL_ENTRY -> "KVM_EXIT_FAIL_ENTRY";
            case INTR -> "KVM_EXIT_INTR";
            case INTERNAL_ERROR -> "KVM_EXIT_INTERNAL_ERROR";
            case SYSTEM_EVENT -> "KVM_EXIT_SYSTEM_EVENT";
            case MEMORY_FAULT -> "KVM_EXIT_MEMORY_FAULT";
            default -> "KVM_EXIT(" + reason + ")";
        };
    }

    /** The short name used in counts and tables: {@code MMIO}, {@code IO}, {@code HLT}, ... */
    public static String shortName(int reason) {
        return name(reason).substring("KVM_EXIT_".length());
    }
}
