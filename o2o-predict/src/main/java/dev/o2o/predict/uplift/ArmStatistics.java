package dev.o2o.predict.uplift;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The statistics of a randomised experiment's arms: size and mean outcome per arm, and per
 * treatment the average treatment effect against control (difference of means) with its 95%
 * normal-approximation (Welch) interval {@code ate ± 1.959964·√(s²ₜ/nₜ + s²꜀/n꜀)}, sample
 * variances with n − 1.
 *
 * @param control    the control arm
 * @param treatments each treatment arm, in sorted order of their values
 */
public record ArmStatistics(Arm control, List<Treated> treatments) {

    /** The 97.5% quantile of the standard normal distribution. */
    public static final double Z_975 = 1.959963984540054;

    /** Copies the list. */
    public ArmStatistics {
        Objects.requireNonNull(control, "control");
        treatments = List.copyOf(treatments);
    }

    /**
     * One arm.
     *
     * @param value       the treatment column's value
     * @param n           rows
     * @param outcomeRate mean outcome
     */
    public record Arm(String value, int n, double outcomeRate) {
        /** Validates the size. */
        public Arm {
            Objects.requireNonNull(value, "value");
            if (n < 1) {
                throw new IllegalArgumentException("arm " + value + " must have rows: " + n);
            }
        }
    }

    /**
     * A treatment arm against control.
     *
     * @param arm     the arm
     * @param ate     mean outcome minus control's
     * @param ciLow   lower end of the 95% interval
     * @param ciHigh  upper end of the 95% interval
     */
    public record Treated(Arm arm, double ate, double ciLow, double ciHigh) {
        /** Validates the interval. */
        public Treated {
            Objects.requireNonNull(arm, "arm");
            if (!(ciLow <= ate && ate <= ciHigh)) {
                throw new IllegalArgumentException("interval [" + ciLow + ", " + ciHigh + "] must hold ate " + ate);
            }
        }
    }

    /**
     * Computes the statistics; {@code arm[i]} is row i's value of the treatment column (no nulls).
     *
     * @throws IllegalArgumentException if an outcome is not finite (naming the row), the control value
     *                                  is absent (naming the values present), there is no other arm, or
     *                                  an interval exceeds the double range (outcomes near its maximum)
     */
    public static ArmStatistics of(String[] arm, String control, double[] outcome) {
        Objects.requireNonNull(control, "control");
        if (arm.length != outcome.length) {
            throw new IllegalArgumentException("arm has " + arm.length + " rows, outcome " + outcome.length);
        }
        TreeSet<String> values = new TreeSet<>();
        for (int i = 0; i < arm.length; i++) {
            values.add(Objects.requireNonNull(arm[i], "treatment value of row " + i));
            if (!Double.isFinite(outcome[i])) {
                throw new IllegalArgumentException("outcome of row " + i + " is not finite: " + outcome[i]);
            }
        }
        if (!values.contains(control)) {
            throw new IllegalArgumentException("control value '" + control + "' is not in the data; values are " + values);
        }
        if (values.size() < 2) {
            throw new IllegalArgumentException("every row is control '" + control + "': no treatment to compare");
        }
        // moments of the outcomes divided by a power of two near the largest, then scaled back:
        // squared deviations of outcomes beyond about 1e154 overflow, and the interval was infinite.
        // A power of two divides exactly, so outcomes up to 1 in absolute value (rates) are unchanged.
        double largest = 0;
        for (double y : outcome) {
            largest = Math.max(largest, Math.abs(y));
        }
        double scale = largest <= 1 ? 1 : Math.scalb(1.0, Math.getExponent(largest));
        double[] c = moments(arm, control, outcome, scale);
        Arm ctrl = new Arm(control, (int) c[0], c[1] * scale);
        List<Treated> out = new ArrayList<>();
        for (String v : values) {
            if (v.equals(control)) {
                continue;
            }
            double[] m = moments(arm, v, outcome, scale);
            double ate = m[1] - c[1];
            double se = Math.sqrt(m[2] / m[0] + c[2] / c[0]);
            double low = (ate - Z_975 * se) * scale;
            double high = (ate + Z_975 * se) * scale;
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("the interval of arm '" + v + "' overflows a double: outcomes up to "
                        + largest + " are too large");
            }
            out.add(new Treated(new Arm(v, (int) m[0], m[1] * scale), ate * scale, low, high));
        }
        return new ArmStatistics(ctrl, out);
    }

    /** n, mean and sample variance (n − 1; 0 for one row) of the rows of one arm, of outcomes divided by scale. */
    private static double[] moments(String[] arm, String value, double[] outcome, double scale) {
        double n = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < arm.length; i++) {
            if (arm[i].equals(value)) {
                n++;
                double y = outcome[i] / scale;
                double d = y - mean;
                mean += d / n;
                m2 += d * (y - mean);
            }
        }
        return new double[] {n, mean, n > 1 ? m2 / (n - 1) : 0};
    }
}
