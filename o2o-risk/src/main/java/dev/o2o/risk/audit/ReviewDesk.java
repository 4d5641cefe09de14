package dev.o2o.risk.audit;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
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
 * code in the store (which {@code RiskGuard} then denies for good). Both are idempotent: a second
 * confirmation finds the reversal already posted ({@code REPLAYED}) and the code already void,
 * and changes nothing; a confirmation that failed half way completes on retry.
 *
 * <p>Thread-safe as the store and the ledger are.
 */
public final class ReviewDesk {

    private final DecisionStore store;
    private final PointsLedger ledger;
    private final Clock clock;

    private ReviewDesk(DecisionStore store, PointsLedger ledger, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A desk over a decision store and the ledger whose postings it reverses. */
    public static ReviewDesk of(DecisionStore store, PointsLedger ledger, Clock clock) {
        return new ReviewDesk(store, ledger, clock);
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
     * @param codeVoided whether this call voided the code (false: no code, or void already)
     */
    public record Confirmation(DecisionRecord decision, Optional<PostingResult> reversal, boolean codeVoided) {
        public Confirmation {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reversal, "reversal");
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
        return new Confirmation(d, reversal, voidedNow);
    }
}
