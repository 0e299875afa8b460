package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.KvmRegs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct kvm_regs} (arch/x86/include/uapi/asm/kvm.h): 18 u64 in the order rax, rbx, rcx, rdx, rsi, rdi, rsp,
 * rbp, r8..r15, rip, rflags. That is not the encoding order {@link KvmRegs} keeps, hence the table.
 */
final class KvmRegsCodec {
    /** Index into {@link KvmRegs#gpr()} of each kvm_regs slot 0..15. */
    private static final int[] GPR_OF_SLOT = {
        KvmRegs.RAX, KvmRegs.RBX, KvmRegs.RCX, KvmRegs.RDX, KvmRegs.RSI, KvmRegs.RDI, KvmRegs.RSP, KvmRegs.RBP,
        8, 9, 10, 11, 12, 13, 14, 15,
    };
    private static final int RIP = 16 * 8;
    private static final int RFLAGS = 17 * 8;

    private KvmRegsCodec() {
    }

    static byte[] encode(KvmRegs regs) {
        ByteBuffer b = ByteBuffer.allocate(KvmIoctl.SIZEOF_KVM_REGS).order(ByteOrder.LITTLE_ENDIAN);
        for (int slot = 0; slot < 16; slot++) {
            b.putLong(slot * 8, regs.gpr(GPR_OF_SLOT[slot]));
        }
        b.putLong(RIP, regs.rip());
        b.putLong(RFLAGS, regs.rflags());
        return b.array();
    }

    static KvmRegs decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long[] gpr = new long[16];
        for (int slot = 0; slot < 16; slot++) {
            gpr[GPR_OF_SLOT[slot]] = b.getLong(slot * 8);
        }
        return new KvmRegs(gpr, b.getLong(RIP), b.getLong(RFLAGS));
    }
}
