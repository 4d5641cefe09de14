package dev.o2o.segmentation.rfm;

/** How quantile scoring treats customers with equal values. Immutable and thread-safe. */
public enum TiePolicy {
    /**
     * Equal values always get the same score, as in R's {@code rfm} package: the bins are the
     * intervals between the type-7 quantiles (R's default {@code quantile}) at {@code j / k},
     * right-closed like R's {@code cut(..., include.lowest = TRUE)}. With many ties some bins
     * may be empty and others larger than {@code n / k}.
     */
    SAME_BIN,
    /**
     * Customers are ranked by value, equal values in input order (pandas
     * {@code rank(method="first")}), and the ranks are cut into {@code k} equal-count bins as
     * {@code pd.qcut}: the common pandas recipe. Bins have equal sizes (within one), but equal
     * values may get different scores.
     */
    FIRST_COME
}
