package dev.o2o.loyalty.coupon;

import dev.o2o.core.OrderLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The unit deals ({@link Discount.NthItem}, {@link Discount.BuyXGetY}): the eligible units are
 * ranked by what one unit of their line costs on the base the coupon is judged on, dearest first
 * (ties by line order); of each full group of {@code group} units the last {@code discounted} are
 * discounted by {@code offShare} of their price. A line's saving is
 * {@code base × discountedUnits / quantity × offShare}, rounded once to the minor unit with the
 * validator's rounding mode and never more than what the line still costs. Stateless.
 */
final class UnitDeals {

    private UnitDeals() {
    }

    static void apply(DefaultValidator.Engine e, int group, int discounted, BigDecimal offShare, RoundingMode rounding,
                      long[] calc, long[] remaining, long[] out, String what) {
        List<OrderLine> lines = e.cart.lines();
        List<Integer> ranked = new ArrayList<>();
        long units = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (e.eligible[i]) {
                ranked.add(i);
                units += lines.get(i).quantity();
            }
        }
        if (units / group == 0) {
            e.add(ReasonCode.MIN_SPEND_NOT_REACHED, what + " needs at least " + group + " eligible units, the cart has " + units);
            return;
        }
        // dearest unit first: calc[i] / q_i > calc[j] / q_j, compared exactly
        ranked.sort(Comparator.<Integer, BigDecimal>comparing(i -> BigDecimal.valueOf(calc[i])
                .divide(BigDecimal.valueOf(lines.get(i).quantity()), 20, RoundingMode.HALF_EVEN)).reversed());
        long start = 0;
        for (int i : ranked) {
            int q = lines.get(i).quantity();
            long mine = discountedBefore(start + q, group, discounted) - discountedBefore(start, group, discounted);
            start += q;
            if (mine == 0 || calc[i] == 0) {
                continue;
            }
            long off = BigDecimal.valueOf(calc[i]).multiply(BigDecimal.valueOf(mine)).multiply(offShare)
                    .divide(BigDecimal.valueOf(q), 0, rounding).longValueExact();
            out[i] = Math.min(off, remaining[i]);
        }
    }

    /** How many of the ranked positions {@code [0, end)} are discounted: the last {@code d} of every group of {@code g}. */
    static long discountedBefore(long end, int g, int d) {
        return end / g * d + Math.max(0, end % g - (g - d));
    }

    /** 2nd, 3rd, 4th, 11th, 21st: for messages. */
    static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
