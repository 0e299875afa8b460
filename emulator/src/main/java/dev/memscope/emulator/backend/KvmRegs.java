package dev.memscope.emulator.backend;

/** {@code struct kvm_regs}: the general registers, RIP and RFLAGS. Registers in the encoding order RAX..R15. */
public record KvmRegs(long[] gpr, long rip, long rflags) {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;

    public KvmRegs {
        if (gpr.length != 16) {
            throw new IllegalArgumentException("kvm_regs needs 16 general registers, got " + gpr.length);
        }
        gpr = gpr.clone();
    }

    @Override
    public long[] gpr() {
        return gpr.clone();
    }

    public long gpr(int index) {
        return gpr[index];
    }
}
