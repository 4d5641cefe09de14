package dev.o2o.attribution.shapley;

/**
 * How the conversion-rate game of {@link ShapleyAttribution#conversionRate(CoalitionCounts, ShapleyRateOptions, long,
 * int)} treats coalitions with little data.
 *
 * <p>The raw game values a coalition {@code S} at the conversion rate {@code C(S) / J(S)} of the journeys whose
 * channel set lies inside {@code S} ({@code C} conversions, {@code J} journeys = conversions + non-conversions). The
 * rate of a coalition with a handful of journeys is mostly noise, and the Shapley value weighs every coalition size
 * alike, so a channel seen in 15 journeys can take a twelfth of all credit. Two remedies, both reported in the
 * result's warnings:
 * <ul>
 *   <li><b>Shrinkage</b> ({@link Prior}): a beta prior centred on the overall rate {@code p0} of the game with a
 *   strength of {@code m} pseudo-journeys; every non-empty coalition is valued at the posterior mean
 *   {@code (C(S) + m p0) / (J(S) + m)} (a coalition without journeys at {@code p0}; the empty coalition stays 0).
 *   {@link Prior#FIXED} uses the given {@code m}; {@link Prior#EMPIRICAL_BAYES} estimates it from the data by the
 *   method of moments over the distinct channel sets {@code k} with rates {@code r_k} on {@code J_k} journeys:
 *   {@code tau^2 = (sum J_k (r_k - p0)^2 - (K - 1) p0 (1 - p0)) / (J - sum J_k^2 / J)}, {@code m = p0 (1 - p0) /
 *   tau^2 - 1}; when the rates vary no more than binomial noise ({@code tau^2 <= 0}, or a single set) {@code m} is
 *   infinite: every non-empty coalition is worth {@code p0} and every player gets {@code p0 / n}.</li>
 *   <li><b>Minimum support</b>: a channel touched by fewer than the share {@code minSupport} of all journeys is not
 *   a player: its touches are ignored (a journey counts toward the set of its other channels; a journey of such
 *   channels only is left out of the game), and its value is 0. A share, as in association rules, so that one
 *   setting suits ten journeys and ten million.</li>
 * </ul>
 *
 * @param prior       the shrinkage of coalition rates
 * @param strength    pseudo-journeys of the prior for {@link Prior#FIXED} (finite, positive); 0 otherwise
 * @param minSupport  the share of all journeys that must touch a channel for it to be a player, in {@code [0, 1)}
 *                    (0 keeps every channel that appears)
 *
 * <p>Immutable and thread-safe.
 */
public record ShapleyRateOptions(Prior prior, double strength, double minSupport) {

    /** The share of journeys a channel needs by default: 0.1%. */
    public static final double DEFAULT_MIN_SUPPORT = 0.001;

    /** The shrinkage of coalition rates toward the overall rate. */
    public enum Prior {
        /** No shrinkage: the raw rates (a coalition without journeys is worth 0). */
        NONE,
        /** A beta prior of the given strength. */
        FIXED,
        /** A beta prior whose strength is estimated from the data (method of moments, see the type's javadoc). */
        EMPIRICAL_BAYES
    }

    /** Validates the options. */
    public ShapleyRateOptions {
        if (prior == null) {
            throw new NullPointerException("prior");
        }
        if (prior == Prior.FIXED) {
            if (!(strength > 0) || Double.isInfinite(strength)) {
                throw new IllegalArgumentException("strength must be finite and positive for a fixed prior: "
                        + strength);
            }
        } else if (strength != 0) {
            throw new IllegalArgumentException("strength must be 0 for prior " + prior + ": " + strength);
        }
        if (!(minSupport >= 0 && minSupport < 1)) {
            throw new IllegalArgumentException("minSupport must be a share in [0, 1): " + minSupport);
        }
    }

    /**
     * The defaults: an empirical-Bayes prior and a minimum support of {@value #DEFAULT_MIN_SUPPORT} of the journeys,
     * so that a tiny coalition's noise does not decide the credit.
     */
    public static ShapleyRateOptions defaults() {
        return new ShapleyRateOptions(Prior.EMPIRICAL_BAYES, 0, DEFAULT_MIN_SUPPORT);
    }

    /** The raw game: no shrinkage, every channel that appears is a player. */
    public static ShapleyRateOptions raw() {
        return new ShapleyRateOptions(Prior.NONE, 0, 0);
    }

    /** These options with a fixed prior of {@code pseudoJourneys} journeys at the overall rate. */
    public ShapleyRateOptions withPriorStrength(double pseudoJourneys) {
        return new ShapleyRateOptions(Prior.FIXED, pseudoJourneys, minSupport);
    }

    /** These options with the empirical-Bayes prior. */
    public ShapleyRateOptions withEmpiricalBayesPrior() {
        return new ShapleyRateOptions(Prior.EMPIRICAL_BAYES, 0, minSupport);
    }

    /** These options without shrinkage. */
    public ShapleyRateOptions withoutPrior() {
        return new ShapleyRateOptions(Prior.NONE, 0, minSupport);
    }

    /** These options with another minimum support, a share of all journeys. */
    public ShapleyRateOptions withMinSupport(double share) {
        return new ShapleyRateOptions(prior, strength, share);
    }
}
