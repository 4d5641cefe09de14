package dev.o2o.segmentation.clv;

import dev.o2o.core.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * Customer lifetime value from a purchase model and an expected spend per purchase.
 *
 * <p>The horizon is cut into {@code periods} steps of {@code periodLength} model time units;
 * the purchases expected in step {@code i} (the difference of conditional expectations at the
 * ends of the step) are valued at the expected spend and discounted by {@code (1 + d)^i}, as in
 * the usual discrete-time CLV of the BTYD literature. Results are statistical estimates in
 * currency units; {@link #toMoney(double, Currency)} rounds one for display or booking.
 *
 * <p>Stateless and thread-safe.
 */
public final class Clv {

    private Clv() {
    }

    /**
     * The discounted expected value of a customer's purchases over the horizon.
     *
     * @param model                 the purchase model
     * @param customer              the customer's calibration summary
     * @param expectedSpend         expected value of one purchase, for example from
     *                              {@link GammaGamma#expectedAverageSpend(int, double)}, {@code >= 0}
     * @param periodLength          length of one discounting step in model time units, {@code > 0}
     * @param periods               number of steps, {@code >= 1}
     * @param discountRatePerPeriod discount rate per step, {@code >= 0} (0.01 = 1%)
     */
    public static double discounted(PurchaseModel model, CustomerSummary customer, double expectedSpend,
                                    double periodLength, int periods, double discountRatePerPeriod) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(customer, "customer");
        if (!(expectedSpend >= 0) || !Double.isFinite(expectedSpend)) {
            throw new IllegalArgumentException("expectedSpend must be finite and >= 0, got " + expectedSpend);
        }
        if (!(periodLength > 0) || !Double.isFinite(periodLength)) {
            throw new IllegalArgumentException("periodLength must be finite and > 0, got " + periodLength);
        }
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be >= 1, got " + periods);
        }
        if (!(discountRatePerPeriod >= 0) || !Double.isFinite(discountRatePerPeriod)) {
            throw new IllegalArgumentException("discountRatePerPeriod must be finite and >= 0, got "
                    + discountRatePerPeriod);
        }
        double value = 0;
        double previous = 0;
        double factor = 1;
        for (int i = 1; i <= periods; i++) {
            double cumulative = model.expectedPurchases(i * periodLength, customer);
            factor /= 1 + discountRatePerPeriod;
            value += (cumulative - previous) * factor;
            previous = cumulative;
        }
        return value * expectedSpend;
    }

    /** An estimate as money, rounded half-even to the currency's scale. */
    public static Money toMoney(double value, Currency currency) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        return Money.of(BigDecimal.valueOf(value), currency);
    }
}
