package dev.o2o.segmentation.rfm;

/** How quantile scoring treats customers with equal values. Immutable and thread-safe. */
public enum TiePolicy {
    /**
     * Equal values always get the same score: the bins are the intervals between the type-7
     * quantiles (R's default {@code quantile}) at {@code j / k}, right-closed like R's
     * {@code cut(x, quantile(x, probs), include.lowest = TRUE)}. With many ties some bins may be
     * empty and others larger than {@code n / k}.
     */
    SAME_BIN,
    /**
     * Customers are ranked by value, equal values in input order (pandas
     * {@code rank(method="first")}), and the ranks are cut into {@code k} equal-count bins as
     * {@code pd.qcut}: the common pandas recipe. Bins have equal sizes (within one), but equal
     * values may get different scores.
     */
    FIRST_COME,
    /**
     * Reproduces the scores of R's {@code rfm} package ({@code rfm_table_order},
     * {@code rfm_table_customer}): the breaks are the type-7 quantiles at {@code j / k} plus one,
     * and the bins are closed on the left, so a score is one plus the number of breaks at or below
     * the value. Equal values share a score. On integer data (days, order counts) with integer
     * quantiles this equals {@link #SAME_BIN}; otherwise values up to one unit above a quantile
     * stay in the lower bin (on money, one currency unit). Use it to match results from R.
     */
    RFM_PACKAGE
}
