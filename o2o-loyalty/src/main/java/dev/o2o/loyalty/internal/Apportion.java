package dev.o2o.loyalty.internal;

import java.math.BigInteger;

/**
 * Splits a whole number (points, minor units of a discount) over non-negative weights by the
 * largest-remainder method, ties to the earlier part: the one split of o2o-loyalty, used for the
 * points each order line earned and for a coupon's discount over the eligible lines. Not part of
 * the API. Stateless and thread-safe.
 */
public final class Apportion {

    private Apportion() {
    }

    /**
     * Parts of {@code total} in proportion to {@code weights}, summing exactly to {@code total}; a
     * part with weight zero gets nothing.
     *
     * @param total   not negative
     * @param weights not negative
     * @throws IllegalStateException if {@code total} is positive and every weight is zero
     */
    public static long[] split(long total, long[] weights) {
        long[] parts = new long[weights.length];
        if (total == 0) {
            return parts;
        }
        long sum = 0;
        boolean fits = true;
        for (long w : weights) {
            long next = sum + w;
            // exact arithmetic where a sum or a product passes a long (sums of many 10^16 amounts)
            fits &= next >= sum && Math.multiplyHigh(total, w) == 0 && total * w >= 0;
            sum = next;
        }
        return fits ? splitLong(total, weights, sum, parts) : splitExact(total, weights, parts);
    }

    private static long[] splitLong(long total, long[] weights, long sum, long[] parts) {
        if (sum == 0) {
            throw new IllegalStateException("cannot split " + total + " over weights that are all zero");
        }
        long[] rest = new long[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            long p = total * weights[i];
            parts[i] = p / sum;
            rest[i] = weights[i] == 0 ? -1 : p % sum;
            assigned += parts[i];
        }
        for (long left = total - assigned; left > 0; left--) {
            int pick = -1;
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] >= 0 && (pick < 0 || rest[i] > rest[pick])) {
                    pick = i;
                }
            }
            parts[pick]++;
            rest[pick] = -1;
        }
        return parts;
    }

    private static long[] splitExact(long total, long[] weights, long[] parts) {
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            sum = sum.add(BigInteger.valueOf(w));
        }
        if (sum.signum() == 0) {
            throw new IllegalStateException("cannot split " + total + " over weights that are all zero");
        }
        BigInteger t = BigInteger.valueOf(total);
        BigInteger[] rest = new BigInteger[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = t.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            rest[i] = weights[i] == 0 ? null : qr[1];
            assigned += parts[i];
        }
        for (long left = total - assigned; left > 0; left--) {
            int pick = -1;
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] != null && (pick < 0 || rest[i].compareTo(rest[pick]) > 0)) {
                    pick = i;
                }
            }
            parts[pick]++;
            rest[pick] = null;
        }
        return parts;
    }
}
