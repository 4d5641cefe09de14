package dev.o2o.campaign;

import dev.o2o.core.kpi.RateEstimate;
import java.util.Objects;

/**
 * Referral performance of one inviter segment.
 *
 * <p>The viral coefficient K is converted invitees per inviter (a K above 1 grows by itself);
 * invite conversion is converted invitees over claims, with a Wilson interval.
 *
 * <p>Immutable and thread-safe.
 *
 * @param segment    the inviters' segment
 * @param inviters   inviters with a code
 * @param claims     codes claimed
 * @param converted  invitees whose first order landed within the window
 * @param kFactor    converted / inviters; 0 when there are no inviters
 * @param conversion converted / claims
 */
public record ReferralStats(String segment, long inviters, long claims, long converted, double kFactor,
                            RateEstimate conversion) {

    public ReferralStats {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(conversion, "conversion");
        if (inviters < 0 || claims < 0 || converted < 0 || converted > claims) {
            throw new IllegalArgumentException("counts must be >= 0 and converted <= claims: inviters=" + inviters
                    + ", claims=" + claims + ", converted=" + converted);
        }
    }
}
