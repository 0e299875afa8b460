package dev.memscope.emulator.x86;

/**
 * ROL ROR RCL RCR SHL SHR SAR (by 1, CL, imm8) and SHLD/SHRD (Intel SDM Vol. 2, "SAL/SAR/SHL/SHR", "RCL/RCR/ROL/ROR",
 * "SHLD", "SHRD"). The count is masked to 5 bits (6 with REX.W); a masked count of 0 changes nothing.
 * SHL/SHR/SAR flags are lazy; rotates and double shifts compute theirs at once.
 */
final class ShiftOps {
    private ShiftOps() {
    }

    static void shift(Cpu c, Insn in, long rawCount) {
        int size = in.osize;
        int count = (int) rawCount & (size == 8 ? 63 : 31);
        long la = in.rm >= 0 ? 0 : c.ea(in);
        long dst = c.readRmw(in, la);
        if (count == 0) {
            zeroExtendUnchanged(c, in);
            return;
        }
        long mask = in.mask;
        int bits = size * 8;
        long res;
        switch (in.sub) {
            case Op.SHL, Op.SAL -> {
                res = count >= 64 ? 0 : (dst << count) & mask;
                c.writeRmw(in, la, res);
                c.flags(Flags.SHL, res, dst, count, size);
            }
            case Op.SHR -> {
                res = dst >>> count;
                c.writeRmw(in, la, res);
                c.flags(Flags.SHR, res, dst, count, size);
            }
            case Op.SAR -> {
                res = (Flags.signExtend(dst, size) >> count) & mask;
                c.writeRmw(in, la, res);
                c.flags(Flags.SAR, res, dst, count, size);
            }
            case Op.ROL -> {
                int n = count % bits;
                res = n == 0 ? dst : ((dst << n) | (dst >>> (bits - n))) & mask;
                c.writeRmw(in, la, res);
                long cf = res & 1;
                long of = ((res >>> (bits - 1)) & 1) ^ cf;
                setCfOf(c, cf != 0, of != 0);
            }
            case Op.ROR -> {
                int n = count % bits;
                res = n == 0 ? dst : ((dst >>> n) | (dst << (bits - n))) & mask;
                c.writeRmw(in, la, res);
                long msb = (res >>> (bits - 1)) & 1;
                long next = (res >>> (bits - 2)) & 1;
                setCfOf(c, msb != 0, (msb ^ next) != 0);
            }
            case Op.RCL -> {
                int n = size == 1 ? count % 9 : size == 2 ? count % 17 : count;
                long cf = Flags.cf(c) ? 1 : 0;
                res = dst;
                for (int i = 0; i < n; i++) {
                    long out = (res >>> (bits - 1)) & 1;
                    res = ((res << 1) | cf) & mask;
                    cf = out;
                }
                c.writeRmw(in, la, res);
                setCfOf(c, cf != 0, (((res >>> (bits - 1)) & 1) ^ cf) != 0);
            }
            default -> { // RCR
                int n = size == 1 ? count % 9 : size == 2 ? count % 17 : count;
                long cf = Flags.cf(c) ? 1 : 0;
                res = dst;
                for (int i = 0; i < n; i++) {
                    long out = res & 1;
                    res = (res >>> 1) | (cf << (bits - 1));
                    cf = out;
                }
                c.writeRmw(in, la, res);
                long msb = (res >>> (bits - 1)) & 1;
                long next = (res >>> (bits - 2)) & 1;
                setCfOf(c, cf != 0, (msb ^ next) != 0);
            }
        }
    }

    /**
     * A shift by a masked count of 0 changes nothing, but a 32-bit register destination is still written, so its
     * upper half is cleared (as any 32-bit register write; found by the differential suite on AMD EPYC).
     */
    private static void zeroExtendUnchanged(Cpu c, Insn in) {
        if (in.osize == 4 && in.rm >= 0) {
            c.regs[in.rm] &= 0xFFFFFFFFL;
        }
    }

    private static void setCfOf(Cpu c, boolean cf, boolean of) {
        long f = c.materializeFlags() & ~(Flags.CF | Flags.OF);
        c.fRes = f | (cf ? Flags.CF : 0) | (of ? Flags.OF : 0);
    }

    /** SHLD (left) and SHRD: shift E, filling from the G register. */
    static void doubleShift(Cpu c, Insn in, long rawCount, boolean left) {
        int size = in.osize;
        int count = (int) rawCount & (size == 8 ? 63 : 31);
        long la = in.rm >= 0 ? 0 : c.ea(in);
        long dst = c.readRmw(in, la);
        if (count == 0) {
            zeroExtendUnchanged(c, in);
            return;
        }
        int bits = size * 8;
        long src = c.getReg(in.reg, size);
        long mask = in.mask;
        long res;
        long cf;
        if (size == 2) {
            // 16-bit: a count above 16 leaves an undefined result; shift the 48-bit dst:src:dst pattern, as hardware
            // shifts the concatenation.
            if (left) {
                long w = (dst << 32) | (src << 16) | dst;
                res = (w >>> (32 - count)) & mask;
                cf = (w >>> (48 - count)) & 1;
            } else {
                long w = dst | (src << 16) | (dst << 32);
                res = (w >>> count) & mask;
                cf = (w >>> (count - 1)) & 1;
            }
        } else if (left) {
            res = ((dst << count) | (count == bits ? src : src >>> (bits - count))) & mask;
            cf = (dst >>> (bits - count)) & 1;
        } else {
            res = ((dst >>> count) | (src << (bits - count))) & mask;
            cf = (dst >>> (count - 1)) & 1;
        }
        c.writeRmw(in, la, res);
        long top = 1L << (bits - 1);
        boolean of = ((res ^ dst) & top) != 0; // sign change (defined for a count of 1)
        c.fOp = Flags.EAGER;
        // AF is undefined in the SDM; AMD EPYC sets it, as after SHL/SHR/SAR.
        c.fRes = Flags.parity(res) | (res == 0 ? Flags.ZF : 0) | ((res & top) != 0 ? Flags.SF : 0)
                | (cf != 0 ? Flags.CF : 0) | (of ? Flags.OF : 0) | Flags.AF;
    }
}
