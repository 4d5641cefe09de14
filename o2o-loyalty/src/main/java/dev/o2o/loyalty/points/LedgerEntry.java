package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One append-only entry of the points ledger.
 *
 * <p>The sum of {@code points} over an account's entries is its balance, and equals the sum of
 * {@code points} of all its {@link #movements() movements} (an EARN's movement is the creation of its
 * lot).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id        store-assigned id, increasing in posting order
 * @param account   the account
 * @param type      the kind of entry
 * @param points    signed change of the balance
 * @param sourceRef the business reference (order id, refund id, QR code, ...); with the type it forms the
 *                  idempotency key {@link #key()}, unique over the ledger
 * @param instant   when it was posted (from the ledger's clock)
 * @param reverses  for a REVERSE, the id of the entry it compensates
 * @param shortfall for a REVERSE of earned points, points that could not be taken back because they
 *                  had been spent already (the balance never goes negative); 0 otherwise
 * @param note      free text for people (no personal data), may be empty
 * @param movements the lots it changed
 */
public record LedgerEntry(long id, CustomerKey account, EntryType type, long points, String sourceRef,
                          Instant instant, OptionalLong reverses, long shortfall, String note,
                          List<LotMovement> movements) {

    public LedgerEntry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(type, "type");
        Ids.requireId(sourceRef, "sourceRef");
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(reverses, "reverses");
        Checks.nonNegative(shortfall, "shortfall");
        Posting.checkNote(note);
        movements = List.copyOf(movements);
        long sum = 0;
        for (LotMovement m : movements) {
            sum += m.points();
        }
        if (sum != points) {
            throw new IllegalArgumentException("entry " + id + ": points " + points
                    + " differ from the sum of its lot movements " + sum);
        }
    }

    /** The idempotency key: the type and the source reference. */
    public IdempotencyKey key() {
        return new IdempotencyKey(type, sourceRef);
    }
}
