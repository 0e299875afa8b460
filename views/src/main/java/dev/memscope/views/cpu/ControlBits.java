package dev.memscope.views.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the architectural bits the CPU pane decodes (Intel SDM vol. 3A, 2.5 "Control registers" and 2.2.1
 * "Extended feature enable register"; RFLAGS in vol. 1, 3.4.3). Pure functions over {@code long}s.
 */
public final class ControlBits {
    /** The RFLAGS status and control flags the pane shows as chips, in bit order. */
    public static final List<Bit> RFLAGS = List.of(bit(0, "CF"), bit(2, "PF"), bit(4, "AF"), bit(6, "ZF"),
            bit(7, "SF"), bit(8, "TF"), bit(9, "IF"), bit(10, "DF"), bit(11, "OF"));
    public static final List<Bit> CR0 = List.of(bit(0, "PE"), bit(1, "MP"), bit(2, "EM"), bit(3, "TS"),
            bit(4, "ET"), bit(5, "NE"), bit(16, "WP"), bit(18, "AM"), bit(29, "NW"), bit(30, "CD"), bit(31, "PG"));
    public static final List<Bit> CR4 = List.of(bit(0, "VME"), bit(1, "PVI"), bit(2, "TSD"), bit(3, "DE"),
            bit(4, "PSE"), bit(5, "PAE"), bit(6, "MCE"), bit(7, "PGE"), bit(8, "PCE"), bit(9, "OSFXSR"),
            bit(10, "OSXMMEXCPT"), bit(11, "UMIP"), bit(12, "LA57"), bit(13, "VMXE"), bit(14, "SMXE"),
            bit(16, "FSGSBASE"), bit(17, "PCIDE"), bit(18, "OSXSAVE"), bit(20, "SMEP"), bit(21, "SMAP"),
            bit(22, "PKE"), bit(23, "CET"));
    public static final List<Bit> EFER = List.of(bit(0, "SCE"), bit(8, "LME"), bit(10, "LMA"), bit(11, "NXE"));

    /** One named bit of a register. */
    public record Bit(int position, String name) {
        public boolean isSet(long value) {
            return (value >>> position & 1) != 0;
        }
    }

    private ControlBits() {
    }

    private static Bit bit(int position, String name) {
        return new Bit(position, name);
    }

    /** The names of the set bits, highest bit first as Bochs prints them: CR0 0x80050033 gives "PG AM WP NE ET MP PE". */
    public static String setBits(List<Bit> bits, long value) {
        List<String> names = new ArrayList<>();
        for (int i = bits.size() - 1; i >= 0; i--) {
            if (bits.get(i).isSet(value)) {
                names.add(bits.get(i).name());
            }
        }
        return String.join(" ", names);
    }
}
