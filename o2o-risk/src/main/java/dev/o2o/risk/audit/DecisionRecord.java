package dev.o2o.risk.audit;

import dev.o2o.core.Ids;
import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded decision: what was decided, on what, why (the reasons with their figures), and where
 * the review stands. It names what a confirmation undoes: a points posting (its type and source
 * reference on the identifier's account) and/or a coupon code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          the store's id (0 in a draft not yet recorded)
 * @param at          when the event happened, in the years 0000 to 9999 (kept to the millisecond)
 * @param type        the event's type
 * @param identifier  the identifier (the ledger account for postings, the customer for coupons)
 * @param postingType the posting's entry type, for a points posting
 * @param sourceRef   the posting's source reference, for a points posting; a valid id as {@link Ids#requireId} says
 * @param code        the coupon code, for a redemption or verification
 * @param action      REVIEW or DENY
 * @param reasons     the reasons, not empty
 * @param status      OPEN for a REVIEW until resolved, DENIED for a DENY
 * @param operator    who resolved it, a valid id
 * @param resolvedAt  when, in the years 0000 to 9999 (kept to the millisecond)
 */
public record DecisionRecord(long id, Instant at, EventType type, String identifier, Optional<EntryType> postingType,
                             Optional<String> sourceRef, Optional<String> code, Action action, List<Reason> reasons,
                             DecisionStatus status, Optional<String> operator, Optional<Instant> resolvedAt) {

    public DecisionRecord {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative: " + id);
        }
        Resolutions.requireStorable(at, "a decision");
        Objects.requireNonNull(type, "type");
        Ids.requireId(identifier, "identifier");
        Objects.requireNonNull(postingType, "postingType");
        // an id as the ledger's IdempotencyKey needs it: ReviewDesk.confirm reverses the posting by it,
        // and a blank one failed there only after the decision was marked CONFIRMED
        Objects.requireNonNull(sourceRef, "sourceRef").ifPresent(r -> Ids.requireId(r, "sourceRef"));
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(action, "action");
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(operator, "operator").ifPresent(o -> Ids.requireId(o, "operator"));
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        resolvedAt.ifPresent(r -> Resolutions.requireStorable(r, "a resolution"));
        if (postingType.isPresent() != sourceRef.isPresent()) {
            throw new IllegalArgumentException("postingType and sourceRef come together: " + postingType + ", "
                    + (sourceRef.isPresent() ? "a source reference" : "none"));
        }
        if (action == Action.ALLOW) {
            throw new IllegalArgumentException("only REVIEW and DENY decisions are recorded, not ALLOW");
        }
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a " + action + " decision needs at least one reason");
        }
        boolean review = action == Action.REVIEW;
        if (review == (status == DecisionStatus.DENIED)) {
            throw new IllegalArgumentException("a " + action + " decision cannot be " + status);
        }
        boolean resolved = status == DecisionStatus.RELEASED || status == DecisionStatus.CONFIRMED;
        if (resolved != operator.isPresent() || resolved != resolvedAt.isPresent()) {
            throw new IllegalArgumentException("a " + status + " decision " + (resolved ? "needs" : "has no")
                    + " operator and resolution time");
        }
    }

    /** A draft (id 0) of a new decision: OPEN for a REVIEW, DENIED for a DENY. */
    public static DecisionRecord draft(Instant at, EventType type, String identifier, Optional<EntryType> postingType,
                                       Optional<String> sourceRef, Optional<String> code, Action action,
                                       List<Reason> reasons) {
        return new DecisionRecord(0, at, type, identifier, postingType, sourceRef, code, action, reasons,
                action == Action.REVIEW ? DecisionStatus.OPEN : DecisionStatus.DENIED, Optional.empty(), Optional.empty());
    }

    /** A copy with the store's id. */
    public DecisionRecord withId(long newId) {
        return new DecisionRecord(newId, at, type, identifier, postingType, sourceRef, code, action, reasons, status,
                operator, resolvedAt);
    }

    /** A copy resolved by an operator. */
    public DecisionRecord resolved(DecisionStatus to, String by, Instant when) {
        return new DecisionRecord(id, at, type, identifier, postingType, sourceRef, code, action, reasons, to,
                Optional.of(by), Optional.of(when));
    }
}
