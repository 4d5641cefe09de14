package dev.o2o.segmentation.rfm;

import java.util.Objects;

/**
 * Quantile scoring of RFM values into scores {@code 1..bins}: higher is better, so recency
 * (days since the last purchase) is reversed. Ties follow {@link #ties()}. The total score is
 * the weighted sum {@code wR R + wF F + wM M}.
 *
 * <p>Scoring costs a few linear passes per column (quantiles by selection, not sorting), on
 * primitive arrays. Immutable and thread-safe.
 *
 * @param bins            number of scores, 2..9
 * @param ties            tie policy
 * @param recencyWeight   weight of R in the total score, finite and {@code >= 0}
 * @param frequencyWeight weight of F, finite and {@code >= 0}
 * @param monetaryWeight  weight of M, finite and {@code >= 0}
 */
public record RfmScoring(int bins, TiePolicy ties, double recencyWeight, double frequencyWeight,
                         double monetaryWeight) {

    public RfmScoring {
        if (bins < 2 || bins > 9) {
            throw new IllegalArgumentException("bins must be between 2 and 9, got " + bins);
        }
        Objects.requireNonNull(ties, "ties");
        checkWeight("recencyWeight", recencyWeight);
        checkWeight("frequencyWeight", frequencyWeight);
        checkWeight("monetaryWeight", monetaryWeight);
    }

    private static void checkWeight(String name, double w) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + w);
        }
    }

    /** Five bins, ties in the same bin, equal weights. */
    public static RfmScoring defaults() {
        return new RfmScoring(5, TiePolicy.SAME_BIN, 1, 1, 1);
    }

    /** These settings with another number of bins. */
    public RfmScoring withBins(int k) {
        return new RfmScoring(k, ties, recencyWeight, frequencyWeight, monetaryWeight);
    }

    /** These settings with another tie policy. */
    public RfmScoring withTies(TiePolicy policy) {
        return new RfmScoring(bins, policy, recencyWeight, frequencyWeight, monetaryWeight);
    }

    /** These settings with other weights. */
    public RfmScoring withWeights(double r, double f, double m) {
        return new RfmScoring(bins, ties, r, f, m);
    }

    /** Scores every customer of the table. */
    public RfmScores score(RfmTable table) {
        Objects.requireNonNull(table, "table");
        int n = table.size();
        double[] scratch = new double[n];
        byte[] r = new byte[n];
        byte[] f = new byte[n];
        byte[] m = new byte[n];
        Binning.score(table.recency, bins, ties, true, r, scratch);
        Binning.score(table.frequency, bins, ties, false, f, scratch);
        Binning.score(table.monetary, bins, ties, false, m, scratch);
        return new RfmScores(this, r, f, m);
    }
}
