package dev.o2o.loyalty.points;

import java.math.BigInteger;

/** Splits whole points over non-negative weights by largest remainder (ties to the earlier part). */
final class Apportion {

    private Apportion() {
    }

    /**
     * Parts of {@code total} in proportion to {@code weights}, summing exactly to {@code total}.
     *
     * @throws IllegalStateException if {@code total} is positive and every weight is zero
     */
    static long[] split(long total, long[] weights) {
        long[] parts = new long[weights.length];
        if (total == 0) {
            return parts;
        }
        long sum = 0;
        boolean small = true;
        for (long w : weights) {
            sum += w;
            // weights are amounts below 10^16 minor units and points: far from overflow unless huge
            small &= w < (1L << 40) && sum < (1L << 40);
        }
        if (small && total < (1L << 22)) {
            return splitSmall(total, weights, sum, parts);
        }
        return splitExact(total, weights, parts);
    }

    /** Both products and sums fit a long: total < 2^22 and weights summing below 2^40. */
    private static long[] splitSmall(long total, long[] weights, long sum, long[] parts) {
        if (sum == 0) {
            throw new IllegalStateException("cannot split " + total + " points over weights that are all zero");
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
            throw new IllegalStateException("cannot split " + total + " points over weights that are all zero");
        }
        // exact arithmetic: points times an amount in minor units can pass a long
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
