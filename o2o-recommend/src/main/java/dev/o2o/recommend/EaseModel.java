package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): with the Gram
 * matrix {@code G = XᵀX + λI} and {@code P = G⁻¹}, the item-item weights are
 * {@code B = I − P·diag(1/diag(P))}, that is {@code B_ji = −P_ji / P_ii} and {@code B_ii = 0}.
 * A customer's score for item i is {@code Σ_j x_uj B_ji} over their history (ascending index),
 * so fold-in of a new customer needs only their history.
 *
 * <p>The inverse is EJML's Cholesky-based inverse of a symmetric positive-definite matrix
 * (G is SPD for λ > 0). Memory: two dense n×n double matrices while fitting, one after.
 * Immutable and thread-safe.
 */
final class EaseModel extends AbstractModel {

    /** B in row-major order: row j holds the weights from history item j to every item. */
    private final double[] weights;
    private final int n;

    private EaseModel(Interactions data, double lambda) {
        super("ease", data);
        n = data.itemCount();
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("EASE needs a dense items × items matrix; " + n
                    + " items exceed the largest Java array (46,340 items)");
        }
        DMatrixRMaj g = gram(data);
        for (int i = 0; i < n; i++) {
            g.data[i * n + i] += lambda;
        }
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(g, p)) {
            throw new IllegalArgumentException("EASE: XᵀX + λI is not positive definite for lambda " + lambda
                    + " (use lambda > 0 when items are collinear)");
        }
        double[] b = p.data;
        double[] negInvDiag = new double[n];
        for (int i = 0; i < n; i++) {
            negInvDiag[i] = -1.0 / b[i * n + i];
        }
        for (int j = 0; j < n; j++) {
            int row = j * n;
            for (int i = 0; i < n; i++) {
                b[row + i] = b[row + i] * negInvDiag[i];
            }
            b[row + j] = 0.0;
        }
        weights = b;
    }

    /** XᵀX as a dense matrix, accumulated customer by customer (upper triangle mirrored). */
    static DMatrixRMaj gram(Interactions data) {
        int n = data.itemCount();
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] a = g.data;
        for (int c = 0; c < data.customerCount(); c++) {
            int from = data.rowPtr[c];
            int to = data.rowPtr[c + 1];
            for (int p = from; p < to; p++) {
                int i = data.rowItems[p];
                double wi = data.rowWeights[p];
                int row = i * n;
                for (int q = p; q < to; q++) {
                    a[row + data.rowItems[q]] += wi * data.rowWeights[q];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[j * n + i] = a[i * n + j];
            }
        }
        return g;
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        History h = customer.history();
        for (int k = 0; k < h.items().length; k++) {
            int row = h.items()[k] * n;
            double w = h.weights()[k];
            for (int i = 0; i < n; i++) {
                out[i] += w * weights[row + i];
            }
        }
    }

    @Override
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        History h = customer.history();
        if (count > n / 16) {
            // many candidates: streaming whole rows of B beats gathering scattered columns
            double[] all = new double[n];
            scoreAll(customer, all);
            for (int k = 0; k < count; k++) {
                out[k] = all[items[k]];
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            int i = items[k];
            double s = 0;
            for (int q = 0; q < h.items().length; q++) {
                s += h.weights()[q] * weights[h.items()[q] * n + i];
            }
            out[k] = s;
        }
    }

    @Override
    public List<Contribution> explain(String customer, String item, int limit) {
        History h = customer(requireCustomer(customer)).history();
        int i = data.itemIndex(item);
        if (i < 0) {
            throw new IllegalArgumentException("item '" + item + "' has no interaction in the training data");
        }
        double[] c = new double[h.items().length];
        for (int k = 0; k < c.length; k++) {
            c[k] = h.weights()[k] * weights[h.items()[k] * n + i];
        }
        return topContributions(data, h, c, limit);
    }

    record Algorithm(double lambda) implements Recommender {
        Algorithm {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and >= 0: " + lambda);
            }
        }

        @Override
        public String name() {
            return "ease";
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("lambda", lambda);
            return p;
        }

        @Override
        public Model fit(Interactions interactions) {
            return new EaseModel(Objects.requireNonNull(interactions, "interactions"), lambda);
        }
    }
}
