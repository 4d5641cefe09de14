package dev.o2o.campaign.analytics;

import dev.o2o.core.kpi.RateEstimate;
import java.util.Objects;

/**
 * The coupon funnel of one value of a dimension. Rates are of issued coupons, with 95% Wilson
 * intervals; {@link #verificationRate} is the 核销率 (share of issued coupons verified in store).
 *
 * <p>Immutable and thread-safe.
 *
 * @param dimension        the breakdown
 * @param value            the dimension's value (campaign id, store id or {@link #NO_STORE}, band, ...)
 * @param issued           coupons issued
 * @param claimed          of them claimed
 * @param verified         of them verified in store
 * @param redeemed         of them redeemed
 * @param claimRate        claimed / issued
 * @param verificationRate verified / issued
 * @param redemptionRate   redeemed / issued
 */
public record FunnelRow(Dimension dimension, String value, long issued, long claimed, long verified, long redeemed,
                        RateEstimate claimRate, RateEstimate verificationRate, RateEstimate redemptionRate) {

    /**
     * The {@link Dimension#STORE} value of the row of coupons with no store. {@link CouponRecord}
     * refuses it as a store id, so no real store shares that row.
     */
    public static final String NO_STORE = "(none)";

    public FunnelRow {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(value, "value");
        if (!(issued >= claimed && claimed >= verified && verified >= redeemed && redeemed >= 0)) {
            throw new IllegalArgumentException("funnel counts must not grow: issued=" + issued + ", claimed=" + claimed
                    + ", verified=" + verified + ", redeemed=" + redeemed);
        }
        Objects.requireNonNull(claimRate, "claimRate");
        Objects.requireNonNull(verificationRate, "verificationRate");
        Objects.requireNonNull(redemptionRate, "redemptionRate");
    }
}
