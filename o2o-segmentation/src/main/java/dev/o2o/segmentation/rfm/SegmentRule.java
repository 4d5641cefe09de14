package dev.o2o.segmentation.rfm;

import java.util.Objects;

/**
 * A named rule of a {@link SegmentMap}: which R, F, M score combinations belong to a segment.
 * Built-ins come from the static factories.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface SegmentRule {

    /** A condition on the three scores. */
    @FunctionalInterface
    interface ScorePredicate {
        boolean test(int r, int f, int m);
    }

    /** The segment name. */
    String name();

    /** Whether the scores fall under this rule. */
    boolean matches(int r, int f, int m);

    /** A rule from a name and any predicate. */
    static SegmentRule of(String name, ScorePredicate predicate) {
        String n = requireName(name);
        Objects.requireNonNull(predicate, "predicate");
        return new SegmentRule() {
            @Override
            public String name() {
                return n;
            }

            @Override
            public boolean matches(int r, int f, int m) {
                return predicate.test(r, f, m);
            }

            @Override
            public String toString() {
                return "SegmentRule[" + n + "]";
            }
        };
    }

    /** Scores inside the box {@code rMin..rMax, fMin..fMax, mMin..mMax} (inclusive). */
    static SegmentRule box(String name, int rMin, int rMax, int fMin, int fMax, int mMin, int mMax) {
        checkRange("R", rMin, rMax);
        checkRange("F", fMin, fMax);
        checkRange("M", mMin, mMax);
        return of(name, (r, f, m) -> r >= rMin && r <= rMax && f >= fMin && f <= fMax && m >= mMin && m <= mMax);
    }

    /**
     * Scores with R in {@code rMin..rMax} and the FM score, the mean of F and M rounded half up
     * ({@code (F + M + 1) / 2}), in {@code fmMin..fmMax}.
     */
    static SegmentRule recencyAndFm(String name, int rMin, int rMax, int fmMin, int fmMax) {
        checkRange("R", rMin, rMax);
        checkRange("FM", fmMin, fmMax);
        return of(name, (r, f, m) -> {
            int fm = (f + m + 1) / 2;
            return r >= rMin && r <= rMax && fm >= fmMin && fm <= fmMax;
        });
    }

    private static void checkRange(String what, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(what + " range " + min + ".." + max + " is invalid: need 1 <= min <= max");
        }
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("segment name must not be blank");
        }
        return name;
    }
}
