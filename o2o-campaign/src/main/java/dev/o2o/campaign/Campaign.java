package dev.o2o.campaign;

import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign: the unit of budget, global cap and holdout its triggers share.
 *
 * <p>The holdout is deterministic: a customer is held out of a campaign when a hash of the
 * customer and the campaign id falls in the first {@code holdoutShare} of the hash range
 * ({@link Holdout}), so every campaign measures its own lift against a stable control group.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id           unique campaign id, an id {@link dev.o2o.core.Ids#requireId} accepts (at most 200 characters)
 * @param budget       total cost its actions may consume, below {@link Money#TEXT_LIMIT}; empty for unlimited
 * @param globalCap    total fires across all customers; empty for unlimited
 * @param holdoutShare share of the audience held out, 0 (none) or 0.00005 to below 0.99995 (the
 *                     holdout's resolution is 1/10,000)
 */
public record Campaign(String id, Optional<Money> budget, Optional<Long> globalCap, double holdoutShare) {

    public Campaign {
        Ids.requireId(id, "campaign id");
        Objects.requireNonNull(budget, "budget");
        if (budget.isPresent() && budget.get().isNegative()) {
            throw new IllegalArgumentException("campaign '" + id + "': budget must not be negative: " + budget.get());
        }
        budget.ifPresent(b -> Money.requireBelowLimit(b, "campaign '" + id + "': budget"));
        Objects.requireNonNull(globalCap, "globalCap");
        if (globalCap.isPresent() && globalCap.get() < 0) {
            throw new IllegalArgumentException("campaign '" + id + "': globalCap must be >= 0: " + globalCap.get());
        }
        if (!(holdoutShare >= 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("campaign '" + id + "': holdoutShare must be in [0, 1): " + holdoutShare);
        }
        Holdout.heldBuckets(holdoutShare, "campaign '" + id + "': holdoutShare");
    }

    /** A campaign without budget, cap or holdout. */
    public static Campaign of(String id) {
        return new Campaign(id, Optional.empty(), Optional.empty(), 0);
    }

    /** This campaign with a budget. */
    public Campaign withBudget(Money budget) {
        return new Campaign(id, Optional.of(budget), globalCap, holdoutShare);
    }

    /** This campaign with a global cap on fires. */
    public Campaign withGlobalCap(long cap) {
        return new Campaign(id, budget, Optional.of(cap), holdoutShare);
    }

    /** This campaign with a holdout share. */
    public Campaign withHoldout(double share) {
        return new Campaign(id, budget, globalCap, share);
    }
}
