package dev.o2o.core.kpi;

/**
 * Net Promoter Score of a sample of 0-10 answers to "how likely are you to recommend us":
 * promoters answer 9 or 10, passives 7 or 8, detractors 0 to 6, and
 * {@code NPS = 100 * (promoters - detractors) / n}, from -100 to 100.
 *
 * <p>The interval is the normal approximation for the difference of two multinomial shares,
 * {@code var = (P + D - (P - D)^2) / n} with P and D the promoter and detractor shares, scaled
 * to points and clamped to [-100, 100]; the shares themselves carry Wilson intervals.
 *
 * <p>Immutable and thread-safe.
 *
 * @param respondents  n, at least 1
 * @param promoters    answers 9-10
 * @param passives     answers 7-8
 * @param detractors   answers 0-6
 * @param score        the NPS in points
 * @param lower        lower bound of the interval, points
 * @param upper        upper bound of the interval, points
 * @param promoterShare  promoters / n with its Wilson interval
 * @param detractorShare detractors / n with its Wilson interval
 */
public record NpsResult(long respondents, long promoters, long passives, long detractors, double score,
                        double lower, double upper, RateEstimate promoterShare, RateEstimate detractorShare) {

    public NpsResult {
        if (respondents < 1 || promoters < 0 || passives < 0 || detractors < 0
                || promoters + passives + detractors != respondents) {
            throw new IllegalArgumentException("NPS counts do not add up: " + promoters + " + " + passives + " + "
                    + detractors + " != " + respondents);
        }
    }
}
