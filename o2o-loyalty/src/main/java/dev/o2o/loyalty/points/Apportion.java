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
