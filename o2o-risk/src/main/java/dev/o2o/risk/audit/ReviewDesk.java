package dev.o2o.risk.audit;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.StoreOutcome;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an operator resolves REVIEW decisions. {@link #release} closes a decision as harmless;
 * {@link #confirm} marks it as abuse, reverses the points of its posting through the ledger (a
 * {@link Posting.Reverse} with source reference {@code risk-<decision id>}) and voids its coupon
 * code: in the decision store (which {@code RiskGuard} then denies for good) and, for a desk made
 * with the coupon store, in the coupon store too ({@link CouponStore#voidCode}), so that the code
 * fails VOIDED there whatever guard a service uses. A code the abuse already redeemed stays
 * redeemed (the coupon store answers ALREADY_REDEEMED and the redemption stands); the guard still
 * denies it if a refund frees it, and confirming again after the refund voids it in the store.
 * Both are idempotent: a second confirmation finds the reversal already posted ({@code REPLAYED})
 * and the code already void ({@code replayed}), and changes nothing; a confirmation that failed
 * half way completes on retry.
 *
 * <p>Thread-safe as the store and the ledger are.
 */
public final class ReviewDesk {

    private final DecisionStore store;
    private final PointsLedger ledger;
    private final Optional<CouponStore> coupons;
    private final Clock clock;

    private ReviewDesk(DecisionStore store, PointsLedger ledger, Optional<CouponStore> coupons, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A desk over a decision store and the ledger whose postings it reverses; codes are voided in
     * the decision store only, so only a service guarded by {@code RiskGuard} refuses them.
     */
    public static ReviewDesk of(DecisionStore store, PointsLedger ledger, Clock clock) {
        return new ReviewDesk(store, ledger, Optional.empty(), clock);
    }

    /** A desk that also voids confirmed codes in {@code coupons}, the store the coupon service uses. */
    public static ReviewDesk of(DecisionStore store, PointsLedger ledger, CouponStore coupons, Clock clock) {
        return new ReviewDesk(store, ledger, Optional.of(Objects.requireNonNull(coupons, "coupons")), clock);
    }

    /** The OPEN decisions, oldest first, at most {@code limit}. */
    public List<DecisionRecord> open(int limit) {
        return store.open(limit);
    }

    /** Closes an OPEN decision as harmless (again: no change). */
    public DecisionRecord release(long id, String operator) {
        return store.resolve(id, DecisionStatus.RELEASED, operator, clock.instant());
    }

    /**
     * What a confirmation did.
     *
     * @param decision   the decision, CONFIRMED
     * @param reversal   the ledger's answer to the reversal, if the decision names a posting
     * @param codeVoided whether this call voided the code in the decision store (false: no code, or void already)
     * @param storeVoid  the coupon store's answer to voiding the code, if the decision names a code and the
     *                   desk has the coupon store: success ({@code replayed} if void already), ALREADY_REDEEMED
     *                   (the redemption stands), or NOT_FOUND
     */
    public record Confirmation(DecisionRecord decision, Optional<PostingResult> reversal, boolean codeVoided,
                               Optional<StoreOutcome> storeVoid) {
        public Confirmation {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reversal, "reversal");
            Objects.requireNonNull(storeVoid, "storeVoid");
        }
    }

    /** Confirms an OPEN (or already CONFIRMED) decision as abuse and undoes what it names. */
    public Confirmation confirm(long id, String operator) {
        Ids.requireId(operator, "operator");
        DecisionRecord d = store.resolve(id, DecisionStatus.CONFIRMED, operator, clock.instant());
        Optional<PostingResult> reversal = Optional.empty();
        if (d.postingType().isPresent()) {
            IdempotencyKey original = new IdempotencyKey(d.postingType().get(), d.sourceRef().get());
            reversal = Optional.of(ledger.post(new Posting.Reverse(CustomerKey.of(d.identifier()), original, "risk-" + d.id(), 1, 1,
                    "confirmed abuse, risk decision " + d.id())));
        }
        boolean voidedNow = d.code().isPresent() && store.voidCode(d.code().get(), d.id(), clock.instant());
        Optional<StoreOutcome> storeVoid = d.code().isPresent()
                ? coupons.map(c -> c.voidCode(d.code().get())) : Optional.empty();
        return new Confirmation(d, reversal, voidedNow, storeVoid);
    }
}
