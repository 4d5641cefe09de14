package dev.o2o.segmentation.clv;

import java.util.List;
import java.util.Objects;

/**
 * A maximum-likelihood fit of a model to data.
 *
 * <p>Standard errors come from the inverse of the numerically differentiated Hessian of the
 * log-likelihood in log-parameters, mapped to the natural parameters by the delta method
 * ({@code se(theta) = theta * se(log theta)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param <M>            the model type
 * @param model          the fitted model
 * @param logLikelihood  the maximised total log-likelihood
 * @param parameterNames names of the parameters, in the model's order
 * @param estimates      the fitted parameters, in the same order
 * @param standardErrors their asymptotic standard errors
 * @param iterations     optimizer iterations used
 * @param customers      number of customers fitted
 */
public record ModelFit<M>(M model, double logLikelihood, List<String> parameterNames, List<Double> estimates,
                          List<Double> standardErrors, int iterations, int customers) {

    public ModelFit {
        Objects.requireNonNull(model, "model");
        parameterNames = List.copyOf(parameterNames);
        estimates = List.copyOf(estimates);
        standardErrors = List.copyOf(standardErrors);
        if (estimates.size() != parameterNames.size() || standardErrors.size() != parameterNames.size()) {
            throw new IllegalArgumentException("parameterNames, estimates and standardErrors differ in size");
        }
    }

    /** The standard error of the named parameter. */
    public double standardError(String parameter) {
        int i = parameterNames.indexOf(parameter);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter '" + parameter + "', known: " + parameterNames);
        }
        return standardErrors.get(i);
    }

    /** Akaike's information criterion, {@code 2k - 2 LL}. */
    public double aic() {
        return 2 * parameterNames.size() - 2 * logLikelihood;
    }
}
