package dev.o2o.segmentation.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Predicted against actual holdout purchases, in total and by calibration frequency (the
 * standard BTYD validation table).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customers       customers compared
 * @param actualTotal     purchases observed in the holdout
 * @param predictedTotal  purchases the model expected
 * @param meanAbsoluteError mean over customers of {@code |predicted - actual|}
 * @param rows            one row per calibration frequency 0, 1, ..., with the last row
 *                        pooling all higher frequencies
 */
public record HoldoutComparison(int customers, double actualTotal, double predictedTotal, double meanAbsoluteError,
                                List<Row> rows) {

    /**
     * Customers with calibration frequency {@code frequency} (or more, for the pooled last row).
     *
     * @param frequency       calibration frequency (lower bound for the last row)
     * @param customers       number of customers
     * @param meanActual      mean holdout purchases observed
     * @param meanPredicted   mean holdout purchases expected
     */
    public record Row(int frequency, int customers, double meanActual, double meanPredicted) {
    }

    public HoldoutComparison {
        rows = List.copyOf(rows);
    }

    /**
     * Compares a model's conditional expectations with the holdout purchases.
     *
     * @param pooledFrom frequencies at or above this are pooled into the last row, {@code >= 1}
     */
    public static HoldoutComparison of(PurchaseModel model, List<HoldoutSplit> customers, int pooledFrom) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(customers, "customers");
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("customers is empty: nothing to compare");
        }
        if (pooledFrom < 1) {
            throw new IllegalArgumentException("pooledFrom must be >= 1, got " + pooledFrom);
        }
        int[] n = new int[pooledFrom + 1];
        double[] actual = new double[pooledFrom + 1];
        double[] predicted = new double[pooledFrom + 1];
        double totalA = 0;
        double totalP = 0;
        double abs = 0;
        for (HoldoutSplit c : customers) {
            double pred = model.expectedPurchases(c.holdoutLength(), c.calibration());
            int k = Math.min(c.calibration().frequency(), pooledFrom);
            n[k]++;
            actual[k] += c.holdoutPurchases();
            predicted[k] += pred;
            totalA += c.holdoutPurchases();
            totalP += pred;
            abs += Math.abs(pred - c.holdoutPurchases());
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k <= pooledFrom; k++) {
            if (n[k] > 0) {
                rows.add(new Row(k, n[k], actual[k] / n[k], predicted[k] / n[k]));
            }
        }
        return new HoldoutComparison(customers.size(), totalA, totalP, abs / customers.size(), rows);
    }
}
