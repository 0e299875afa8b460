package dev.memscope.emulator.backend;

/** {@code struct kvm_sregs}: segments, descriptor tables, control registers and EFER (no interrupt bitmap here). */
public record KvmSregs(KvmSegment cs, KvmSegment ds, KvmSegment es, KvmSegment fs, KvmSegment gs, KvmSegment ss,
        KvmSegment tr, KvmSegment ldt, long gdtBase, int gdtLimit, long idtBase, int idtLimit, long cr0, long cr2,
        long cr3, long cr4, long cr8, long efer, long apicBase) {
}
