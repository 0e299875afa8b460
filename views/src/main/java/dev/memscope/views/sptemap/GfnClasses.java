package dev.memscope.views.sptemap;

import dev.memscope.emulator.api.SpteMap;

/**
 * The class of every gfn the pane has loaded: {@code classes[i]} is the {@link SpteClass} code of gfn
 * {@code firstGfn + i}, and {@code states[i]} its raw {@link SpteMap} byte. Built once per answer, read every frame.
 */
public final class GfnClasses {
    private final int asId;
    private final long firstGfn;
    private final byte[] states;
    private final byte[] classes;
    private final long[] counts = new long[SpteClass.values().length];

    public GfnClasses(SpteMap map) {
        this.asId = map.asId();
        this.firstGfn = map.firstGfn();
        this.states = map.states();
        this.classes = new byte[states.length];
        for (int i = 0; i < states.length; i++) {
            byte c = SpteClass.codeOfState(states[i]);
            classes[i] = c;
            counts[c]++;
        }
    }

    public int asId() {
        return asId;
    }

    public long firstGfn() {
        return firstGfn;
    }

    public int pages() {
        return classes.length;
    }

    public boolean covers(long gfn, long pages) {
        return gfn >= firstGfn && gfn + pages <= firstGfn + classes.length;
    }

    /** The class code of {@code gfn}, or NOT_LOADED's. */
    public byte code(long gfn) {
        long i = gfn - firstGfn;
        return i < 0 || i >= classes.length ? 0 : classes[(int) i];
    }

    /** The raw state byte of {@code gfn}, or -1 when not loaded. */
    public int state(long gfn) {
        long i = gfn - firstGfn;
        return i < 0 || i >= states.length ? -1 : states[(int) i] & 0xFF;
    }

    /** The highest class code among gfns [from, to): a cell's colour when zoomed out. */
    public byte maxCode(long from, long to) {
        long a = Math.max(from, firstGfn);
        long b = Math.min(to, firstGfn + classes.length);
        byte max = 0;
        for (long g = a; g < b; g++) {
            byte c = classes[(int) (g - firstGfn)];
            if (c > max) {
                max = c;
            }
        }
        return max;
    }

    /** How many gfns of [from, to) have each class (index: code), not-loaded ones included. */
    public long[] countsIn(long from, long to) {
        long[] out = new long[SpteClass.values().length];
        long a = Math.max(from, firstGfn);
        long b = Math.min(to, firstGfn + classes.length);
        for (long g = a; g < b; g++) {
            out[classes[(int) (g - firstGfn)]]++;
        }
        out[0] += Math.max(0, (to - from) - Math.max(0, b - a));
        return out;
    }

    /** The first gfn in [from, to) of class {@code code}, or {@code from}. */
    public long firstOf(long from, long to, byte code) {
        long a = Math.max(from, firstGfn);
        long b = Math.min(to, firstGfn + classes.length);
        for (long g = a; g < b; g++) {
            if (classes[(int) (g - firstGfn)] == code) {
                return g;
            }
        }
        return from;
    }

    /** Per-class totals of everything loaded. */
    public long[] counts() {
        return counts.clone();
    }
}
