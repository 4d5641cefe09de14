package dev.o2o.micrometer;

import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;

/**
 * Operational metrics of o2o through Micrometer: decorators of the points ledger's and the coupons' stores, and a
 * recorder of identity-graph link outcomes. Wrap the store you already have and hand the wrapper to
 * {@code PointsLedger.create} or {@code CouponService}; nothing else changes. Meters:
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@value #STORE_LATENCY}</td><td>timer</td><td>{@code store} (ledger, coupons), {@code operation}
 *   (the store method), {@code outcome} (success, error)</td><td>every store call</td></tr>
 *   <tr><td>{@value #POINTS_POSTINGS}</td><td>counter</td><td>{@code type} (EARN, REDEEM, ...)</td><td>ledger
 *   entries appended by committed transactions</td></tr>
 *   <tr><td>{@value #POINTS_REFUSALS}</td><td>counter</td><td>{@code reason} (the posting status, e.g.
 *   INSUFFICIENT_POINTS)</td><td>postings refused and remembered by committed transactions</td></tr>
 *   <tr><td>{@value #COUPON_REDEMPTIONS}</td><td>counter</td><td></td><td>first successful redemptions (replays
 *   are not counted again)</td></tr>
 *   <tr><td>{@value #COUPON_REFUSALS}</td><td>counter</td><td>{@code reason} (the reason code), {@code source}
 *   (store: refused by the store's limits; validation: a refusal the service decided and recorded)</td><td>first
 *   refusals</td></tr>
 *   <tr><td>{@value #COUPON_ROLLBACKS}</td><td>counter</td><td></td><td>first successful roll-backs</td></tr>
 *   <tr><td>{@value #IDENTITY_LINKS}</td><td>counter</td><td>{@code result} (MERGED, SAME_CUSTOMER, DUPLICATE,
 *   SUPPRESSED_SUPER_NODE)</td><td>links recorded by {@link IdentityMetrics}</td></tr>
 *   <tr><td>{@value #IDENTITY_MERGES}</td><td>counter</td><td></td><td>links that merged two customers</td></tr>
 * </table>
 * No tag carries an account, a code, a customer or any other identifier: tags are bounded enums, so the number of
 * time series stays small and no personal data reaches the monitoring system.
 *
 * <p>Stateless and thread-safe; the decorators are thread-safe when the store they wrap is.
 */
public final class O2oMetrics {

    /** Timer of store calls. */
    public static final String STORE_LATENCY = "o2o.store.latency";
    /** Counter of ledger entries appended. */
    public static final String POINTS_POSTINGS = "o2o.points.postings";
    /** Counter of refused postings. */
    public static final String POINTS_REFUSALS = "o2o.points.refusals";
    /** Counter of coupon redemptions. */
    public static final String COUPON_REDEMPTIONS = "o2o.coupons.redemptions";
    /** Counter of refused coupon redemptions. */
    public static final String COUPON_REFUSALS = "o2o.coupons.refusals";
    /** Counter of rolled-back coupon redemptions. */
    public static final String COUPON_ROLLBACKS = "o2o.coupons.rollbacks";
    /** Counter of identity links by result. */
    public static final String IDENTITY_LINKS = "o2o.identity.links";
    /** Counter of identity merges. */
    public static final String IDENTITY_MERGES = "o2o.identity.merges";

    private O2oMetrics() {
    }

    /** {@code store} with its calls timed and its postings and refusals counted in {@code registry}. */
    public static LedgerStore ledgerStore(LedgerStore store, MeterRegistry registry) {
        return new MeteredLedgerStore(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(registry, "registry"));
    }

    /** {@code store} with its calls timed and its redemptions, refusals and roll-backs counted in {@code registry}. */
    public static CouponStore couponStore(CouponStore store, MeterRegistry registry) {
        return new MeteredCouponStore(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(registry, "registry"));
    }

    /** A recorder of identity-graph link outcomes into {@code registry}. */
    public static IdentityMetrics identity(MeterRegistry registry) {
        return new IdentityMetrics(Objects.requireNonNull(registry, "registry"));
    }
}
