package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.KvmSegment;
import dev.memscope.emulator.backend.KvmSregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct kvm_sregs} (arch/x86/include/uapi/asm/kvm.h), 312 bytes: eight {@code struct kvm_segment} of 24 bytes
 * (cs, ds, es, fs, gs, ss, tr, ldt), two {@code struct kvm_dtable} of 16 (gdt, idt), cr0, cr2, cr3, cr4, cr8, efer,
 * apic_base, and {@code interrupt_bitmap[4]}. The bitmap is written as zeros: without an in-kernel irqchip no
 * interrupt is ever pending there.
 */
final class KvmSregsCodec {
    private static final int SEGMENT_SIZE = 24;
    private static final int GDT = 8 * SEGMENT_SIZE;
    private static final int IDT = GDT + 16;
    private static final int CR0 = IDT + 16;

    private KvmSregsCodec() {
    }

    static byte[] encode(KvmSregs s) {
        ByteBuffer b = ByteBuffer.allocate(KvmIoctl.SIZEOF_KVM_SREGS).order(ByteOrder.LITTLE_ENDIAN);
        KvmSegment[] segments = {s.cs(), s.ds(), s.es(), s.fs(), s.gs(), s.ss(), s.tr(), s.ldt()};
        for (int i = 0; i < segments.length; i++) {
            putSegment(b, i * SEGMENT_SIZE, segments[i]);
        }
        b.putLong(GDT, s.gdtBase());
        b.putShort(GDT + 8, (short) s.gdtLimit());
        b.putLong(IDT, s.idtBase());
        b.putShort(IDT + 8, (short) s.idtLimit());
        long[] control = {s.cr0(), s.cr2(), s.cr3(), s.cr4(), s.cr8(), s.efer(), s.apicBase()};
        for (int i = 0; i < control.length; i++) {
            b.putLong(CR0 + i * 8, control[i]);
        }
        return b.array();
    }

    static KvmSregs decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        KvmSegment[] seg = new KvmSegment[8];
        for (int i = 0; i < seg.length; i++) {
            seg[i] = getSegment(b, i * SEGMENT_SIZE);
        }
        return new KvmSregs(seg[0], seg[1], seg[2], seg[3], seg[4], seg[5], seg[6], seg[7],
                b.getLong(GDT), Short.toUnsignedInt(b.getShort(GDT + 8)),
                b.getLong(IDT), Short.toUnsignedInt(b.getShort(IDT + 8)),
                b.getLong(CR0), b.getLong(CR0 + 8), b.getLong(CR0 + 16), b.getLong(CR0 + 24), b.getLong(CR0 + 32),
                b.getLong(CR0 + 40), b.getLong(CR0 + 48));
    }

    /** {@code struct kvm_segment { u64 base; u32 limit; u16 selector; u8 type, present, dpl, db, s, l, g, avl,
     *  unusable, padding; }}. */
    private static void putSegment(ByteBuffer b, int at, KvmSegment s) {
        b.putLong(at, s.base());
        b.putInt(at + 8, s.limit());
        b.putShort(at + 12, (short) s.selector());
        b.put(at + 14, (byte) s.type());
        b.put(at + 15, bit(s.present()));
        b.put(at + 16, (byte) s.dpl());
        b.put(at + 17, bit(s.db()));
        b.put(at + 18, bit(s.s()));
        b.put(at + 19, bit(s.l()));
        b.put(at + 20, bit(s.g()));
        b.put(at + 21, bit(s.avl()));
        b.put(at + 22, bit(s.unusable()));
    }

    private static KvmSegment getSegment(ByteBuffer b, int at) {
        return new KvmSegment(b.getLong(at), b.getInt(at + 8), Short.toUnsignedInt(b.getShort(at + 12)),
                b.get(at + 14) & 0xFF, b.get(at + 15) != 0, b.get(at + 16) & 0xFF, b.get(at + 17) != 0,
                b.get(at + 18) != 0, b.get(at + 19) != 0, b.get(at + 20) != 0, b.get(at + 21) != 0,
                b.get(at + 22) != 0);
    }

    private static byte bit(boolean value) {
        return (byte) (value ? 1 : 0);
    }
}
