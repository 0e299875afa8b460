package dev.memscope.views.memslots;

/**
 * How the band maps a gpa to a position. Zoom and pan work in the scale's own coordinate {@code u}: bytes for
 * {@link #LINEAR}, {@code log2(1 + gfn)} for {@link #LOG} (so gpa 0 has a place and each doubling of the address gets
 * the same width).
 */
public enum BandScale {
    LINEAR("Linear") {
        @Override
        public double toU(double gpa) {
            return gpa;
        }

        @Override
        public double fromU(double u) {
            return u;
        }
    },
    LOG("Log") {
        @Override
        public double toU(double gpa) {
            return Math.log1p(gpa / 4096.0) / Math.log(2);
        }

        @Override
        public double fromU(double u) {
            return Math.expm1(u * Math.log(2)) * 4096.0;
        }
    };

    private final String label;

    BandScale(String label) {
        this.label = label;
    }

    public abstract double toU(double gpa);

    public abstract double fromU(double u);

    public String label() {
        return label;
    }
}
