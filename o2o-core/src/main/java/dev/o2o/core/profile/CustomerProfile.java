package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The 360 view of one customer as of an instant, built by {@link ProfileState}.
 *
 * <p>Purchases are orders whose status {@link dev.o2o.core.OrderStatus#isPurchase() is a
 * purchase} (completed or partially refunded); spend is their total less refunds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer                    who
 * @param asOf                        the instant "days since last purchase" is measured to
 * @param firstPurchase               instant of the first purchase
 * @param lastPurchase                instant of the last purchase
 * @param daysSinceLastPurchase       calendar days (in the configured zone) from the last purchase to
 *                                    {@code asOf}; negative if {@code asOf} precedes it
 * @param onlineOrders                purchases on online channels
 * @param offlineOrders               purchases on offline channels
 * @param onlineSpend                 net spend of online purchases
 * @param offlineSpend                net spend of offline purchases
 * @param refunds                     orders with a refund (partial or full)
 * @param refundedAmount              total refunded
 * @param cancelledOrders             cancelled orders
 * @param touchpoints                 number of touchpoints
 * @param touchpointsByChannel        touchpoints per channel id (sorted by id)
 * @param ordersByChannel             purchases per channel id (sorted by id)
 * @param preferredStore              the store with most purchases (ties: the more recent, then the smaller id)
 * @param couponsReceived             touchpoints of type COUPON_RECEIVED
 * @param couponsRedeemed             touchpoints of type COUPON_REDEEMED
 * @param onlineToOfflineConversions  offline purchases preceded by an online touchpoint within the O2O window
 * @param offlineToOnlineConversions  online purchases preceded by an offline touchpoint within the O2O window
 */
public record CustomerProfile(CustomerKey customer, Instant asOf, Optional<Instant> firstPurchase,
                              Optional<Instant> lastPurchase, OptionalLong daysSinceLastPurchase,
                              long onlineOrders, long offlineOrders, Money onlineSpend, Money offlineSpend,
                              long refunds, Money refundedAmount, long cancelledOrders, long touchpoints,
                              Map<String, Long> touchpointsByChannel, Map<String, Long> ordersByChannel,
                              Optional<String> preferredStore, long couponsReceived, long couponsRedeemed,
                              long onlineToOfflineConversions, long offlineToOnlineConversions) {

    public CustomerProfile {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(firstPurchase, "firstPurchase");
        Objects.requireNonNull(lastPurchase, "lastPurchase");
        Objects.requireNonNull(daysSinceLastPurchase, "daysSinceLastPurchase");
        Objects.requireNonNull(onlineSpend, "onlineSpend");
        Objects.requireNonNull(offlineSpend, "offlineSpend");
        Objects.requireNonNull(refundedAmount, "refundedAmount");
        Objects.requireNonNull(preferredStore, "preferredStore");
        if (!onlineSpend.currency().equals(offlineSpend.currency())
                || !onlineSpend.currency().equals(refundedAmount.currency())) {
            throw new IllegalArgumentException("profile of " + customer + " mixes currencies");
        }
        if (onlineOrders < 0 || offlineOrders < 0 || refunds < 0 || cancelledOrders < 0 || touchpoints < 0
                || couponsReceived < 0 || couponsRedeemed < 0 || onlineToOfflineConversions < 0
                || offlineToOnlineConversions < 0) {
            throw new IllegalArgumentException("profile counts of " + customer + " must be >= 0");
        }
        if (firstPurchase.isPresent() != (onlineOrders + offlineOrders > 0)) {
            throw new IllegalArgumentException("firstPurchase of " + customer + " must be present exactly when there are purchases");
        }
        // TreeMap copies: the documented order is by id (Map.copyOf's order changes from one JVM run to the next)
        touchpointsByChannel = Collections.unmodifiableSortedMap(new TreeMap<>(
                Objects.requireNonNull(touchpointsByChannel, "touchpointsByChannel")));
        ordersByChannel = Collections.unmodifiableSortedMap(new TreeMap<>(
                Objects.requireNonNull(ordersByChannel, "ordersByChannel")));
    }

    /** All purchases. */
    public long orders() {
        return onlineOrders + offlineOrders;
    }

    /** Net spend online and offline. */
    public Money spend() {
        return onlineSpend.plus(offlineSpend);
    }

    /** Spend per purchase rounded HALF_EVEN to the currency, or empty without purchases. */
    public Optional<Money> averageOrderValue() {
        long n = orders();
        if (n == 0) {
            return Optional.empty();
        }
        Money spend = spend();
        // one division at the currency's scale: rounding twice could differ from HALF_EVEN once
        return Optional.of(new Money(spend.amount().divide(BigDecimal.valueOf(n), Money.scaleOf(spend.currency()),
                Money.DEFAULT_ROUNDING), spend.currency()));
    }

    /** Whether an online touchpoint was followed by an offline purchase within the window. */
    public boolean onlineToOffline() {
        return onlineToOfflineConversions > 0;
    }

    /** Whether an offline touchpoint was followed by an online purchase within the window. */
    public boolean offlineToOnline() {
        return offlineToOnlineConversions > 0;
    }

    /** Whether the customer bought both online and offline. */
    public boolean omnichannel() {
        return onlineOrders > 0 && offlineOrders > 0;
    }

    /**
     * Channel mix: the share of each channel among touchpoints and purchases together (sorted by
     * channel id), summing to 1; empty without any.
     */
    public Map<String, Double> channelMix() {
        Map<String, Long> counts = new TreeMap<>(touchpointsByChannel);
        ordersByChannel.forEach((k, v) -> counts.merge(k, v, Long::sum));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> mix = new TreeMap<>();
        counts.forEach((k, v) -> mix.put(k, (double) v / total));
        return Collections.unmodifiableMap(mix);
    }
}
