package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;

import java.util.Objects;

/** Number checks shared by the records of this package (ids: {@link dev.o2o.core.Ids}). */
final class Checks {

    private Checks() {
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
        return value;
    }

    /** Requires the points of an earning or redemption: 1..{@link Posting#MAX_POINTS}. */
    static long postingPoints(long value, String field) {
        if (value < 1 || value > Posting.MAX_POINTS) {
            throw new IllegalArgumentException(field + " must be within 1.." + Posting.MAX_POINTS + ": " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return value;
    }

    /** Checks the two ids of {@link LedgerStore#renameForErasure}. */
    static void erasureRename(CustomerKey from, CustomerKey to) {
        Objects.requireNonNull(from, "account");
        Objects.requireNonNull(to, "pseudonym");
        if (from.equals(to)) {
            throw new IllegalArgumentException("the pseudonym of an erased account must differ from it");
        }
    }
}
