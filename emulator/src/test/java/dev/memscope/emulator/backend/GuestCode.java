package dev.memscope.emulator.backend;

import java.io.ByteArrayOutputStream;

/**
 * A few 64-bit instructions, hand-encoded (Intel SDM Vol. 2), for backend tests that need exact exits without a
 * compiled guest. Each method appends one instruction; the comment is its assembly.
 */
public final class GuestCode {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** mov edx, imm32 */
    public GuestCode movEdx(int imm) {
        return op(0xBA).imm32(imm);
    }

    /** mov eax, imm32 */
    public GuestCode movEax(int imm) {
        return op(0xB8).imm32(imm);
    }

    /** mov rbx, imm64 */
    public GuestCode movRbx(long imm) {
        return op(0x48, 0xBB).imm64(imm);
    }

    /** mov rcx, imm64 */
    public GuestCode movRcx(long imm) {
        return op(0x48, 0xB9).imm64(imm);
    }

    /** mov rsi, imm64 */
    public GuestCode movRsi(long imm) {
        return op(0x48, 0xBE).imm64(imm);
    }

    /** mov rdi, imm64 */
    public GuestCode movRdi(long imm) {
        return op(0x48, 0xBF).imm64(imm);
    }

    /** in eax, dx */
    public GuestCode inEaxDx() {
        return op(0xED);
    }

    /** out dx, eax */
    public GuestCode outDxEax() {
        return op(0xEF);
    }

    /** out dx, al */
    public GuestCode outDxAl() {
        return op(0xEE);
    }

    /** mov esi, eax */
    public GuestCode movEsiEax() {
        return op(0x89, 0xC6);
    }

    /** mov rdi, rax */
    public GuestCode movRdiRax() {
        return op(0x48, 0x89, 0xC7);
    }

    /** mov rsi, rax */
    public GuestCode movRsiRax() {
        return op(0x48, 0x89, 0xC6);
    }

    /** mov r8, rax */
    public GuestCode movR8Rax() {
        return op(0x49, 0x89, 0xC0);
    }

    /** mov rax, [rbx] */
    public GuestCode movRaxMemRbx() {
        return op(0x48, 0x8B, 0x03);
    }

    /** mov eax, [rbx] */
    public GuestCode movEaxMemRbx() {
        return op(0x8B, 0x03);
    }

    /** dec rcx */
    public GuestCode decRcx() {
        return op(0x48, 0xFF, 0xC9);
    }

    /** jnz to {@code bytesBack} bytes before the end of this instruction (rel8) */
    public GuestCode jnzBack(int bytesBack) {
        return op(0x75, -bytesBack & 0xFF);
    }

    /**
     * Reads one dword from each of {@code pages} consecutive 4 KiB pages from {@code gpa}: rbx walks the pages,
     * rcx counts down. Four instructions per page.
     */
    public GuestCode readEachPage(long gpa, long pages) {
        movRbx(gpa).movRcx(pages);
        int loop = size();
        movEaxMemRbx().addRbx(4096).decRcx();
        return jnzBack(size() + 2 - loop);
    }

    /** mov [rbx], eax */
    public GuestCode movMemRbxEax() {
        return op(0x89, 0x03);
    }

    /** mov dword [rbx + disp8], imm32 */
    public GuestCode movMemRbxDisp8Imm32(int disp8, int imm) {
        return op(0xC7, 0x43, disp8 & 0xFF).imm32(imm);
    }

    /** add rbx, imm32 (sign-extended) */
    public GuestCode addRbx(int imm) {
        return op(0x48, 0x81, 0xC3).imm32(imm);
    }

    /** rep outsb: rcx bytes from [rsi] to port dx */
    public GuestCode repOutsb() {
        return op(0xF3, 0x6E);
    }

    /** rep insb: rcx bytes from port dx to [rdi] */
    public GuestCode repInsb() {
        return op(0xF3, 0x6C);
    }

    /** popcnt eax, [rbx]: not in KVM's instruction emulator (arch/x86/kvm/emulate.c), so on MMIO it fails */
    public GuestCode popcntEaxMemRbx() {
        return op(0xF3, 0x0F, 0xB8, 0x03);
    }

    /** push imm8 (sign-extended to 64 bits) */
    public GuestCode pushImm8(int imm) {
        return op(0x6A, imm & 0xFF);
    }

    /** push imm32 (sign-extended to 64 bits) */
    public GuestCode pushImm32(int imm) {
        return op(0x68).imm32(imm);
    }

    /** mov rax, imm64 */
    public GuestCode movRax(long imm) {
        return op(0x48, 0xB8).imm64(imm);
    }

    /** push rax */
    public GuestCode pushRax() {
        return op(0x50);
    }

    /** iretq */
    public GuestCode iretq() {
        return op(0x48, 0xCF);
    }

    /** hlt */
    public GuestCode hlt() {
        return op(0xF4);
    }

    /** ud2: #UD, which with no IDT ends in a triple fault */
    public GuestCode ud2() {
        return op(0x0F, 0x0B);
    }

    /** spin: inc rcx; jmp spin (forever, counting in rcx) */
    public GuestCode spinCountingRcx() {
        return op(0x48, 0xFF, 0xC1).op(0xEB, 0xFB);
    }

    /** Raw bytes, such as a string for rep outsb to read. */
    public GuestCode raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public int size() {
        return out.size();
    }

    private GuestCode op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    private GuestCode imm32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    private GuestCode imm64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }
}
