package dev.memscope.emulator.kvm;

/** {@code enum kvm_mr_change} (include/linux/kvm_host.h). */
public enum MemslotChange {
    CREATE, DELETE, MOVE, FLAGS_ONLY
}
