package dev.o2o.segmentation.rfm;

/**
 * The R, F and M scores ({@code 1..bins}) of every customer of an {@link RfmTable}, by index.
 *
 * <p>Immutable and thread-safe.
 */
public final class RfmScores {

    private final RfmScoring scoring;
    final byte[] r;
    final byte[] f;
    final byte[] m;

    RfmScores(RfmScoring scoring, byte[] r, byte[] f, byte[] m) {
        this.scoring = scoring;
        this.r = r;
        this.f = f;
        this.m = m;
    }

    /** The scoring settings used. */
    public RfmScoring scoring() {
        return scoring;
    }

    /** Number of customers. */
    public int size() {
        return r.length;
    }

    /** The recency score of the customer at {@code i}. */
    public int recency(int i) {
        return r[i];
    }

    /** The frequency score of the customer at {@code i}. */
    public int frequency(int i) {
        return f[i];
    }

    /** The monetary score of the customer at {@code i}. */
    public int monetary(int i) {
        return m[i];
    }

    /** The three scores as a decimal code, for example 545 for R 5, F 4, M 5. */
    public int code(int i) {
        return r[i] * 100 + f[i] * 10 + m[i];
    }

    /** The weighted total score of the customer at {@code i}. */
    public double total(int i) {
        return scoring.recencyWeight() * r[i] + scoring.frequencyWeight() * f[i] + scoring.monetaryWeight() * m[i];
    }

    /** Number of customers with the given recency score (a simple check of bin sizes). */
    public int countRecency(int score) {
        return count(r, score);
    }

    /** Number of customers with the given frequency score. */
    public int countFrequency(int score) {
        return count(f, score);
    }

    /** Number of customers with the given monetary score. */
    public int countMonetary(int score) {
        return count(m, score);
    }

    private static int count(byte[] a, int score) {
        int c = 0;
        for (byte b : a) {
            c += b == score ? 1 : 0;
        }
        return c;
    }
}
