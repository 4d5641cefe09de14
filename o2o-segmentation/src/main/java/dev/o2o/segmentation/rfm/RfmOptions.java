package dev.o2o.segmentation.rfm;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What counts when summarising orders into RFM values.
 *
 * <p>Orders placed in {@code [start, end)} are read; those that are not purchases (refunded
 * in full or cancelled, see {@link dev.o2o.core.OrderStatus#isPurchase()}) add neither
 * frequency nor spend. Recency is counted in whole local days of {@code zone} from the last
 * purchase to the day of {@code end}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start        start of the observation window, inclusive
 * @param end          end of the observation window, exclusive
 * @param zone         time zone of the calendar days
 * @param netRefunds   whether partial refunds are deducted from spend (otherwise gross totals)
 * @param mergeSameDay whether purchases on the same local day count as one purchase
 */
public record RfmOptions(Instant start, Instant end, ZoneId zone, boolean netRefunds, boolean mergeSameDay) {

    public RfmOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start " + start + " must be before end " + end);
        }
    }

    /** A window with refunds netted and same-day purchases counted separately. */
    public static RfmOptions window(Instant start, Instant end, ZoneId zone) {
        return new RfmOptions(start, end, zone, true, false);
    }

    /** These options with same-day purchases merged (or not). */
    public RfmOptions withMergeSameDay(boolean merge) {
        return new RfmOptions(start, end, zone, netRefunds, merge);
    }

    /** These options with refunds netted (or not). */
    public RfmOptions withNetRefunds(boolean net) {
        return new RfmOptions(start, end, zone, net, mergeSameDay);
    }
}
