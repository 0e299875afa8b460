package dev.memscope.views.sptemap;

import dev.memscope.emulator.api.SpteMap;

/**
 * What one heatmap cell shows, in order of notability: when a cell stands for many gfns it takes the most notable
 * class among them (an MMIO SPTE among 255 not-present gfns still shows). The byte {@link #code()} of each class is
 * its rank, so aggregation is a max.
 */
public enum SpteClass {
    /** Outside the range the pane has asked the machine about (zoom in to load it). */
    NOT_LOADED("not loaded"),
    NOT_PRESENT("not present"),
    NO_SLOT("no memslot"),
    READ_ONLY("read-only"),
    WRITABLE("writable"),
    HUGE("huge (2M/1G leaf)"),
    PREFETCHED("prefetched, not accessed"),
    DIRTY("dirty"),
    MMIO("MMIO SPTE");

    private static final SpteClass[] VALUES = values();
    private static final byte[] BY_STATE = new byte[256];

    static {
        for (int s = 0; s < 256; s++) {
            BY_STATE[s] = (byte) classify(s).ordinal();
        }
    }

    private final String words;

    SpteClass(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public byte code() {
        return (byte) ordinal();
    }

    public static SpteClass ofCode(int code) {
        return VALUES[code];
    }

    /** The class code of one {@link SpteMap} state byte, by table. */
    public static byte codeOfState(int state) {
        return BY_STATE[state & 0xFF];
    }

    /** The most notable thing a gfn's state says. */
    public static SpteClass classify(int state) {
        if ((state & SpteMap.MMIO) != 0) {
            return MMIO;
        }
        if ((state & SpteMap.DIRTY) != 0) {
            return DIRTY;
        }
        if ((state & SpteMap.PREFETCHED) != 0) {
            return PREFETCHED;
        }
        if ((state & SpteMap.PRESENT) != 0) {
            if ((state & SpteMap.HUGE) != 0) {
                return HUGE;
            }
            return (state & SpteMap.WRITABLE) != 0 ? WRITABLE : READ_ONLY;
        }
        return (state & SpteMap.NO_SLOT) != 0 ? NO_SLOT : NOT_PRESENT;
    }

    /** Every flag of a state byte in words, such as {@code present|writable|dirty}. */
    public static String flagWords(int state) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"present", "writable", "MMIO", "prefetched", "huge", "dirty", "no slot"};
        for (int bit = 0; bit < names.length; bit++) {
            if ((state & 1 << bit) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(names[bit]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
