package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the ledger asks a {@link LedgerStore.Transaction} to append: an entry, its movements on
 * existing lots and, optionally, the lot it creates (the new lot gets the entry's id).
 *
 * <p>Immutable and thread-safe.
 *
 * @param account      the account
 * @param type         the kind of entry
 * @param sourceRef    the business reference
 * @param instant      posting time
 * @param reverses     the compensated entry, for REVERSE
 * @param shortfall    see {@link LedgerEntry#shortfall()}
 * @param note         free text, may be empty
 * @param movements    changes of existing lots
 * @param newLotPoints points of the lot this entry creates, 0 for none
 * @param availableAt  when the new lot becomes spendable (ignored without a new lot)
 * @param expiresAt    when the new lot expires (ignored without a new lot)
 */
public record EntryDraft(CustomerKey account, EntryType type, String sourceRef, Instant instant,
                         OptionalLong reverses, long shortfall, String note, List<LotMovement> movements,
                         long newLotPoints, Instant availableAt, Optional<Instant> expiresAt) {

    public EntryDraft {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(type, "type");
        Ids.requireId(sourceRef, "sourceRef");
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(reverses, "reverses");
        Checks.nonNegative(shortfall, "shortfall");
        Posting.checkNote(note);
        movements = List.copyOf(movements);
        Checks.nonNegative(newLotPoints, "newLotPoints");
        Objects.requireNonNull(availableAt, "availableAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The idempotency key: the type and the source reference. */
    public IdempotencyKey key() {
        return new IdempotencyKey(type, sourceRef);
    }

    /** The signed change of the balance: movements plus the new lot. */
    public long points() {
        long sum = newLotPoints;
        for (LotMovement m : movements) {
            sum += m.points();
        }
        return sum;
    }
}
