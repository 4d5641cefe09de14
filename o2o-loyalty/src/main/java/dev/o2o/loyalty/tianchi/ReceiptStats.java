package dev.o2o.loyalty.tianchi;

import dev.o2o.loyalty.coupon.Discount;

import java.util.Objects;

/**
 * Counts of coupon receipts by discount kind and distance band. Partial counts from separate
 * chunks of data combine with {@link #merge}, so it runs on one machine or many.
 *
 * <p>Not thread-safe; use one per thread and merge.
 */
public final class ReceiptStats {
    private final long[][] counts = new long[Discount.Kind.values().length][DistanceBand.values().length];

    /** Counts one receipt. */
    public void add(TianchiReceipt r) {
        add(r.discount().kind(), DistanceBand.of(r.distance()));
    }

    /** Counts one receipt of a kind in a band. */
    public void add(Discount.Kind kind, DistanceBand band) {
        counts[kind.ordinal()][band.ordinal()]++;
    }

    /** Adds another's counts to this one. */
    public ReceiptStats merge(ReceiptStats other) {
        Objects.requireNonNull(other, "other");
        for (int k = 0; k < counts.length; k++) {
            for (int b = 0; b < counts[k].length; b++) {
                counts[k][b] += other.counts[k][b];
            }
        }
        return this;
    }

    /** Receipts of a kind in a band. */
    public long count(Discount.Kind kind, DistanceBand band) {
        return counts[kind.ordinal()][band.ordinal()];
    }

    /** Receipts of a kind. */
    public long count(Discount.Kind kind) {
        long s = 0;
        for (long v : counts[kind.ordinal()]) {
            s += v;
        }
        return s;
    }

    /** Receipts in a band. */
    public long count(DistanceBand band) {
        long s = 0;
        for (long[] row : counts) {
            s += row[band.ordinal()];
        }
        return s;
    }

    /** All receipts. */
    public long total() {
        long s = 0;
        for (long[] row : counts) {
            for (long v : row) {
                s += v;
            }
        }
        return s;
    }

    /** A plain-text table: kinds as rows, bands as columns. */
    public String toTable() {
        StringBuilder b = new StringBuilder(String.format("%-13s", "kind"));
        for (DistanceBand band : DistanceBand.values()) {
            b.append(String.format(" %21s", band));
        }
        b.append(String.format(" %9s%n", "total"));
        for (Discount.Kind kind : Discount.Kind.values()) {
            b.append(String.format("%-13s", kind));
            for (DistanceBand band : DistanceBand.values()) {
                b.append(String.format(" %21d", count(kind, band)));
            }
            b.append(String.format(" %9d%n", count(kind)));
        }
        return b.toString();
    }
}
