package dev.o2o.loyalty.points;

/**
 * How one ledger entry changed one lot: {@code points} is added to the lot's remaining points
 * (negative when the entry consumed from the lot).
 *
 * <p>Immutable and thread-safe.
 *
 * @param lotId  the lot (its id is the id of the entry that created it)
 * @param points the signed change, never zero
 */
public record LotMovement(long lotId, long points) {

    public LotMovement {
        if (points == 0) {
            throw new IllegalArgumentException("points of a movement on lot " + lotId + " must not be zero");
        }
    }
}
