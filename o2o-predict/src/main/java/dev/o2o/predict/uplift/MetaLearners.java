package dev.o2o.predict.uplift;

import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.model.Learner;
import dev.o2o.predict.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The meta-learners behind {@link UpliftLearner}'s factories. Stateless. */
final class MetaLearners {
    private MetaLearners() {
    }

    /** Checks lengths, finite outcomes and codes; returns K, the number of treatments. */
    static int check(Matrix x, double[] y, int[] t) {
        if (y.length != x.rows() || t.length != x.rows()) {
            throw new IllegalArgumentException("matrix has " + x.rows() + " rows, outcome " + y.length + ", treatment "
                    + t.length);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("outcome of row " + i + " is not finite: " + y[i]);
            }
        }
        int k = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0) {
                throw new IllegalArgumentException("treatment code of row " + i + " must be >= 0: " + t[i]);
            }
            k = Math.max(k, t[i]);
        }
        int[] codes = t.clone(); // sorted rather than counted by code, which may be as large as Integer.MAX_VALUE
        Arrays.sort(codes);
        int a = 0; // the next code expected
        for (int v : codes) {
            if (v > a) {
                break;
            }
            a = v + 1;
        }
        if (a <= k) {
            throw new IllegalArgumentException(a == 0 ? "no control rows (treatment code 0)"
                    : "treatment " + a + " has no rows; codes must be 0 (control) and 1.." + k);
        }
        if (k == 0) {
            throw new IllegalArgumentException("no treated rows: every row is control");
        }
        return k;
    }

    static int[] rowsOf(int[] t, int arm) {
        return IntStream.range(0, t.length).filter(i -> t[i] == arm).toArray();
    }

    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    private record Fitted(List<String> features, int treatments, Function<double[], double[]> f)
            implements UpliftModel {
        @Override
        public double[] effects(double[] row) {
            if (row.length != features.size()) {
                throw new IllegalArgumentException("row has " + row.length + " values, the model expects " + features.size());
            }
            return f.apply(row);
        }
    }

    static UpliftModel s(Learner base, Matrix x, double[] y, int[] t) {
        int k = check(x, y, t);
        Matrix aug = x;
        for (int a = 1; a <= k; a++) {
            double[] ind = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                ind[i] = t[i] == a ? 1 : 0;
            }
            aug = aug.withColumn("treatment=" + a, ind);
        }
        Model m = base.fit(aug, y);
        int f = x.columns();
        return new Fitted(x.names(), k, row -> {
            double[] r = Arrays.copyOf(row, f + k);
            double control = m.predict(r);
            double[] out = new double[k];
            for (int a = 1; a <= k; a++) {
                r[f + a - 1] = 1;
                out[a - 1] = m.predict(r) - control;
                r[f + a - 1] = 0;
            }
            return out;
        });
    }

    static UpliftModel t(Learner base, Matrix x, double[] y, int[] t) {
        int k = check(x, y, t);
        List<Model> arms = armModels(base, x, y, t, k);
        return new Fitted(x.names(), k, row -> {
            double control = arms.get(0).predict(row);
            double[] out = new double[k];
            for (int a = 1; a <= k; a++) {
                out[a - 1] = arms.get(a).predict(row) - control;
            }
            return out;
        });
    }

    private static List<Model> armModels(Learner base, Matrix x, double[] y, int[] t, int k) {
        List<Model> arms = new ArrayList<>();
        for (int a = 0; a <= k; a++) {
            int[] rows = rowsOf(t, a);
            arms.add(fitArm(base, x.select(rows), pick(y, rows), a));
        }
        return arms;
    }

    private static Model fitArm(Learner base, Matrix x, double[] y, int arm) {
        try {
            return base.fit(x, y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((arm == 0 ? "control" : "treatment " + arm) + " arm: " + e.getMessage(), e);
        }
    }

    static UpliftModel x(Learner outcome, Learner effect, Matrix x, double[] y, int[] t) {
        int k = check(x, y, t);
        List<Model> mu = armModels(outcome, x, y, t, k);
        int[] control = rowsOf(t, 0);
        Matrix xc = x.select(control);
        double[] yc = pick(y, control);
        double[] mu0OnTreated;
        Model[] tau0 = new Model[k];
        Model[] tau1 = new Model[k];
        double[] g = new double[k];
        for (int a = 1; a <= k; a++) {
            int[] treated = rowsOf(t, a);
            Matrix xt = x.select(treated);
            double[] yt = pick(y, treated);
            mu0OnTreated = mu.get(0).predict(xt);
            double[] d1 = new double[treated.length];
            for (int i = 0; i < d1.length; i++) {
                d1[i] = yt[i] - mu0OnTreated[i];
            }
            double[] muKOnControl = mu.get(a).predict(xc);
            double[] d0 = new double[control.length];
            for (int i = 0; i < d0.length; i++) {
                d0[i] = muKOnControl[i] - yc[i];
            }
            tau1[a - 1] = fitArm(effect, xt, d1, a);
            tau0[a - 1] = fitArm(effect, xc, d0, 0);
            g[a - 1] = (double) treated.length / (treated.length + control.length);
        }
        return new Fitted(x.names(), k, row -> {
            double[] out = new double[k];
            for (int a = 0; a < k; a++) {
                out[a] = g[a] * tau0[a].predict(row) + (1 - g[a]) * tau1[a].predict(row);
            }
            return out;
        });
    }

    static UpliftModel classTransformation(Learner base, Matrix x, double[] y, int[] t) {
        int k = check(x, y, t);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("class transformation needs a 0/1 outcome; row " + i + " has " + y[i]);
            }
        }
        Model[] models = new Model[k];
        int[] control = rowsOf(t, 0);
        for (int a = 1; a <= k; a++) {
            int[] treated = rowsOf(t, a);
            int[] rows = IntStream.concat(IntStream.of(treated), IntStream.of(control)).sorted().toArray();
            double[] z = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                z[i] = (t[r] == a) == (y[r] == 1) ? 1 : 0;
            }
            models[a - 1] = fitArm(base, x.select(rows), z, a);
        }
        return new Fitted(x.names(), k, row -> {
            double[] out = new double[k];
            for (int a = 0; a < k; a++) {
                out[a] = 2 * models[a].predict(row) - 1;
            }
            return out;
        });
    }
}
