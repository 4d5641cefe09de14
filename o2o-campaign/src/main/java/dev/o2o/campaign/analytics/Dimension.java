package dev.o2o.campaign.analytics;

import java.util.function.Function;

/** What a funnel is broken down by. */
public enum Dimension {
    CAMPAIGN(CouponRecord::campaignId),
    /** The coupon's store; coupons with no store are one row, {@link FunnelRow#NO_STORE}. */
    STORE(r -> r.storeId().orElse(FunnelRow.NO_STORE)),
    CHANNEL(CouponRecord::channel),
    SEGMENT(CouponRecord::segment),
    /** Distance to the store at issue, in the bands of {@link CouponAnalytics#DISTANCE_BANDS_METRES}. */
    DISTANCE_BAND(r -> r.distanceMetres().map(CouponAnalytics::band).orElse("(unknown)"));

    private final Function<CouponRecord, String> key;

    Dimension(Function<CouponRecord, String> key) {
        this.key = key;
    }

    String keyOf(CouponRecord r) {
        return key.apply(r);
    }
}
