package dev.o2o.segmentation.clv;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * What the purchase models {@link BgNbd}, {@link MbgNbd} and {@link ParetoNbd} share: checking
 * their parameters, fitting by maximum likelihood into a {@link ModelFit}, evaluating the
 * likelihood at given parameters, and simulating customers. Each model keeps only its own
 * formulas. Stateless.
 */
final class PurchaseModels {

    private PurchaseModels() {
    }

    /** A model's total log-likelihood at log-parameters, with the gradient when {@code gradient != null}. */
    @FunctionalInterface
    interface LogLikelihood {
        double value(CalibrationData data, int maxFrequency, double[] logParams, double[] gradient);
    }

    /** Draws one customer's purchases; an instance belongs to one simulation. */
    @FunctionalInterface
    interface Customer {
        /** Returns the number of repeat purchases up to {@code age} and stores the time of the last in {@code last[0]}. */
        int draw(double age, double[] last);
    }

    /** Checks that every parameter is finite and positive. */
    static void positive(String model, List<String> names, double... values) {
        for (int i = 0; i < values.length; i++) {
            Params.positive(model, names.get(i), values[i]);
        }
    }

    /**
     * Fits by maximum likelihood on log-parameters from {@code start}, with the analytic
     * gradient or, when {@code analyticGradient} is false, central differences.
     *
     * @throws ConvergenceException if no optimum is reached
     */
    static <M> ModelFit<M> fit(String model, List<String> names, CalibrationData data, FitOptions options,
                               Function<CalibrationData, double[]> start, LogLikelihood ll,
                               boolean analyticGradient, Function<double[], M> build) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        int maxX = data.maxFrequency();
        Mle.LogLik objective = analyticGradient ? (p, g) -> ll.value(data, maxX, p, g)
                : Mle.valueOnly(p -> ll.value(data, maxX, p, null));
        Mle.Estimate e = Mle.fit(model, names, objective, start.apply(data), options, analyticGradient);
        double[] th = e.theta();
        return new ModelFit<>(build.apply(th), e.logLikelihood(), names, Mle.list(th),
                Mle.list(e.standardErrors()), e.iterations(), data.size());
    }

    /** The log-likelihood kernel of a model: the one place that tells the sealed models apart. */
    static LogLikelihood kernel(PurchaseModel model) {
        if (model instanceof BgNbd) {
            return BgNbd::logLik;
        }
        if (model instanceof MbgNbd) {
            return MbgNbd::logLik;
        }
        if (model instanceof ParetoNbd) {
            return ParetoNbd::logLik;
        }
        throw new IllegalArgumentException("not a purchase model of this package: " + model.getClass().getName());
    }

    /** A model's parameters, in the order of its {@link PurchaseModel#parameterNames()}. */
    static double[] values(PurchaseModel model) {
        return model.parameters().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The log-likelihood of {@code data} at the parameters {@code params}. */
    static double logLikelihood(LogLikelihood ll, CalibrationData data, double... params) {
        return ll.value(data, data.maxFrequency(), logs(params), null);
    }

    /** The log-likelihood of one customer at the parameters {@code params}. */
    static double logLikelihood(LogLikelihood ll, CustomerSummary c, double... params) {
        return ll.value(CalibrationData.of(List.of(c)), c.frequency(), logs(params), null);
    }

    private static double[] logs(double[] params) {
        double[] l = new double[params.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.log(params[i]);
        }
        return l;
    }

    /**
     * Simulates {@code customers} customers, each acquired at time 0 and observed for {@code age}
     * time units, from one Well19937c generator seeded with {@code seed}: {@code customer} makes
     * the model's draw from that generator. Deterministic for a seed.
     */
    static CalibrationData simulate(int customers, double age, long seed,
                                    Function<RandomGenerator, Customer> customer) {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be >= 1, got " + customers);
        }
        Params.positive("simulation", "age", age);
        Customer draw = customer.apply(new Well19937c(seed));
        int[] x = new int[customers];
        double[] tx = new double[customers];
        double[] ts = new double[customers];
        double[] last = new double[1];
        for (int i = 0; i < customers; i++) {
            last[0] = 0;
            x[i] = draw.draw(age, last);
            tx[i] = last[0];
            ts[i] = age;
        }
        return CalibrationData.of(x, tx, ts);
    }

    /** An exponential waiting time with rate {@code rate}. */
    static double exponential(RandomGenerator rng, double rate) {
        return -Math.log(1 - rng.nextDouble()) / rate;
    }
}
