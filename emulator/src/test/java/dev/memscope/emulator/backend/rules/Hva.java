package dev.memscope.emulator.backend.rules;

/** A row's userspace_addr: an offset into the memory the runner mapped for the row, or an absolute address. */
public record Hva(long value, boolean absolute) {
    public static Hva base(long offset) {
        return new Hva(offset, false);
    }

    public static Hva absolute(long address) {
        return new Hva(address, true);
    }

    long resolve(long base) {
        return absolute ? value : base + value;
    }

    @Override
    public String toString() {
        return absolute ? String.format("0x%x", value) : String.format("base+0x%x", value);
    }
}
