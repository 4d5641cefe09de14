package dev.o2o.campaign.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The life of one issued coupon, as the analytics read it.
 *
 * <p>Stages are ordered: a verified coupon was claimed, a redeemed one verified, and no stage
 * is earlier than the one before. Immutable and thread-safe.
 *
 * @param code           the coupon code
 * @param campaignId     the campaign that issued it
 * @param storeId        the store of a store offer; empty if none. Not {@link FunnelRow#NO_STORE}, the
 *                       store funnel's label for coupons with no store
 * @param channel        the channel it was sent through (push, sms, wechat, ...)
 * @param segment        the customer's segment at issue
 * @param distanceMetres the customer's distance to the store at issue, if known
 * @param issuedAt       when it was issued
 * @param claimedAt      when the customer claimed (opened, saved) it
 * @param verifiedAt     when it was verified at a store (核销)
 * @param redeemedAt     when the order using it completed
 */
public record CouponRecord(String code, String campaignId, Optional<String> storeId, String channel, String segment,
                           Optional<Double> distanceMetres, Instant issuedAt, Optional<Instant> claimedAt,
                           Optional<Instant> verifiedAt, Optional<Instant> redeemedAt) {

    public CouponRecord {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(storeId, "storeId");
        if (storeId.isPresent() && storeId.get().equals(FunnelRow.NO_STORE)) {
            // the store funnel would count this store's coupons with those that have no store
            throw new IllegalArgumentException("coupon '" + code + "': storeId '" + FunnelRow.NO_STORE
                    + "' is the funnel's label for coupons with no store: give Optional.empty() for no store,"
                    + " or another store id");
        }
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(distanceMetres, "distanceMetres");
        if (distanceMetres.isPresent() && !(distanceMetres.get() >= 0)) {
            throw new IllegalArgumentException("coupon '" + code + "': distanceMetres must be >= 0: " + distanceMetres.get());
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        requireAfter(code, "claimedAt", claimedAt, "issuedAt", Optional.of(issuedAt));
        requireAfter(code, "verifiedAt", verifiedAt, "claimedAt", claimedAt);
        requireAfter(code, "redeemedAt", redeemedAt, "verifiedAt", verifiedAt);
    }

    private static void requireAfter(String code, String field, Optional<Instant> later, String previousField,
                                     Optional<Instant> previous) {
        if (later.isEmpty()) {
            return;
        }
        if (previous.isEmpty()) {
            throw new IllegalArgumentException("coupon '" + code + "': " + field + " is set but " + previousField + " is not");
        }
        if (later.get().isBefore(previous.get())) {
            throw new IllegalArgumentException("coupon '" + code + "': " + field + " " + later.get() + " is before "
                    + previousField + " " + previous.get());
        }
    }
}
