package dev.o2o.core.profile;

import dev.o2o.core.Money;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A rule that tags customers: a predicate over a {@link CustomerProfile}, the tag it gives, a
 * priority (higher first when a {@link TagEngine} orders tags) and an explanation of why it
 * matched. Built-ins come from the static factories; write others with
 * {@link #of(String, int, Predicate, Function)}.
 *
 * <p>Implementations must be stateless and thread-safe; the built-ins are.
 */
public interface TagRule {

    /** The tag this rule gives. */
    String tag();

    /** Higher first. */
    int priority();

    /** The tag with its explanation if the profile matches, else empty. */
    Optional<Tag> apply(CustomerProfile profile);

    /**
     * A rule from a predicate and an explanation.
     *
     * @param tag         the tag, non-blank
     * @param priority    higher first
     * @param predicate   whether a profile gets the tag
     * @param explanation why a matching profile got it
     */
    static TagRule of(String tag, int priority, Predicate<CustomerProfile> predicate,
                      Function<CustomerProfile, String> explanation) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(explanation, "explanation");
        if (tag.isBlank()) {
            throw new IllegalArgumentException("tag must not be blank");
        }
        return new TagRule() {
            @Override
            public String tag() {
                return tag;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Optional<Tag> apply(CustomerProfile profile) {
                Objects.requireNonNull(profile, "profile");
                return predicate.test(profile) ? Optional.of(new Tag(tag, priority, explanation.apply(profile)))
                        : Optional.empty();
            }

            @Override
            public String toString() {
                return "TagRule[" + tag + ", priority " + priority + "]";
            }
        };
    }

    /** {@code high_value} (priority 90): net spend at least {@code minSpend}. */
    static TagRule highValue(Money minSpend) {
        Objects.requireNonNull(minSpend, "minSpend");
        return of("high_value", 90, p -> p.spend().currency().equals(minSpend.currency())
                        && p.spend().compareTo(minSpend) >= 0,
                p -> "spent " + p.spend() + ", at least " + minSpend);
    }

    /** {@code churn_risk} (priority 80): bought before, but not for at least {@code days} days. */
    static TagRule churnRisk(int days) {
        requirePositive(days, "days");
        return of("churn_risk", 80, p -> p.daysSinceLastPurchase().isPresent()
                        && p.daysSinceLastPurchase().getAsLong() >= days,
                p -> "last purchase " + p.daysSinceLastPurchase().getAsLong() + " days ago, at least " + days);
    }

    /** {@code loyal} (priority 70): at least {@code minOrders} purchases. */
    static TagRule loyal(int minOrders) {
        requirePositive(minOrders, "minOrders");
        return of("loyal", 70, p -> p.orders() >= minOrders,
                p -> p.orders() + " purchases, at least " + minOrders);
    }

    /** {@code new_customer} (priority 60): first purchase less than {@code within} before the profile's instant. */
    static TagRule newCustomer(Duration within) {
        Objects.requireNonNull(within, "within");
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("within must be positive: " + within);
        }
        return of("new_customer", 60, p -> p.firstPurchase().isPresent()
                        && Duration.between(p.firstPurchase().get(), p.asOf()).compareTo(within) < 0,
                p -> "first purchase at " + p.firstPurchase().get() + ", within " + within + " of " + p.asOf());
    }

    /** {@code o2o_shopper} (priority 50): an online touchpoint led to an offline purchase. */
    static TagRule onlineToOffline() {
        return of("o2o_shopper", 50, CustomerProfile::onlineToOffline,
                p -> p.onlineToOfflineConversions() + " offline purchases followed an online touchpoint");
    }

    /** {@code offline_to_online} (priority 50): an offline touchpoint led to an online purchase. */
    static TagRule offlineToOnline() {
        return of("offline_to_online", 50, CustomerProfile::offlineToOnline,
                p -> p.offlineToOnlineConversions() + " online purchases followed an offline touchpoint");
    }

    /** {@code omnichannel} (priority 40): purchases both online and offline. */
    static TagRule omnichannel() {
        return of("omnichannel", 40, CustomerProfile::omnichannel,
                p -> p.onlineOrders() + " online and " + p.offlineOrders() + " offline purchases");
    }

    /**
     * {@code coupon_sensitive} (priority 30): at least one redeemed coupon, and coupons redeemed
     * per purchase at least {@code minShare} (0..1].
     */
    static TagRule couponSensitive(double minShare) {
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("minShare must be in (0, 1]: " + minShare);
        }
        return of("coupon_sensitive", 30, p -> p.couponsRedeemed() > 0
                        && p.couponsRedeemed() >= minShare * Math.max(1, p.orders()),
                p -> p.couponsRedeemed() + " coupons redeemed over " + p.orders() + " purchases, share at least "
                        + minShare);
    }

    /** {@code frequent_refunder} (priority 20): at least {@code minRefunds} refunded orders. */
    static TagRule frequentRefunder(int minRefunds) {
        requirePositive(minRefunds, "minRefunds");
        return of("frequent_refunder", 20, p -> p.refunds() >= minRefunds,
                p -> p.refunds() + " refunded orders (" + p.refundedAmount() + "), at least " + minRefunds);
    }

    /** {@code prospect} (priority 10): touchpoints but no purchase yet. */
    static TagRule prospect() {
        return of("prospect", 10, p -> p.orders() == 0 && p.touchpoints() > 0,
                p -> p.touchpoints() + " touchpoints and no purchase");
    }

    private static void requirePositive(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1: " + value);
        }
    }
}
