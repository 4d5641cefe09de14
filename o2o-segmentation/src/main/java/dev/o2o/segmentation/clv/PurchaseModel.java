package dev.o2o.segmentation.clv;

import java.util.List;

/**
 * A fitted "buy till you die" model of repeat-purchase counts: while alive, a customer buys
 * at a Poisson rate; at some point the customer leaves unobserved. Implementations are the
 * records {@link BgNbd}, {@link MbgNbd} and {@link ParetoNbd}; each is fitted with its static
 * {@code fit} method.
 *
 * <p>Times are in the unit of the {@link CustomerSummary} data the model was fitted on.
 * Implementations are immutable and thread-safe.
 */
public sealed interface PurchaseModel permits BgNbd, MbgNbd, ParetoNbd {

    /** The parameter names, in the order of {@link #parameters()}. */
    List<String> parameterNames();

    /** The parameter values. */
    List<Double> parameters();

    /** The log-likelihood of one customer's calibration summary. */
    default double logLikelihood(CustomerSummary customer) {
        return PurchaseModels.logLikelihood(PurchaseModels.kernel(this), customer, PurchaseModels.values(this));
    }

    /** The probability that the customer is still alive at the end of calibration, {@code T}. */
    double probabilityAlive(CustomerSummary customer);

    /** The expected number of purchases in {@code (T, T + t]}, given the customer's history. */
    double expectedPurchases(double t, CustomerSummary customer);

    /** {@code E[X(t)]}: the expected purchases in {@code (0, t]} of a customer just acquired at time 0. */
    double expectedPurchases(double t);

    /** The total log-likelihood of a data set. */
    default double logLikelihood(CalibrationData data) {
        return PurchaseModels.logLikelihood(PurchaseModels.kernel(this), data, PurchaseModels.values(this));
    }

    /** {@link #probabilityAlive(CustomerSummary)} of every customer, in data order. */
    default double[] probabilityAlive(CalibrationData data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilityAlive(data.customer(i));
        }
        return out;
    }

    /** {@link #expectedPurchases(double, CustomerSummary)} of every customer, in data order. */
    default double[] expectedPurchases(double t, CalibrationData data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expectedPurchases(t, data.customer(i));
        }
        return out;
    }
}
