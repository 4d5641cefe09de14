package dev.o2o.segmentation.rfm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The segment of every customer of a scored {@link RfmTable}, by index.
 *
 * <p>Immutable and thread-safe.
 */
public final class Segmentation {

    private final List<String> names;
    private final byte[] ids;

    Segmentation(List<String> names, byte[] ids) {
        this.names = names;
        this.ids = ids;
    }

    /** Number of customers. */
    public int size() {
        return ids.length;
    }

    /** The segment names, indexed by segment id. */
    public List<String> segmentNames() {
        return names;
    }

    /** The segment id of the customer at {@code i} (an index into {@link #segmentNames()}). */
    public int segmentId(int i) {
        return ids[i];
    }

    /** The segment name of the customer at {@code i}. */
    public String segment(int i) {
        return names.get(ids[i]);
    }

    /** Customers per segment id. */
    public long[] counts() {
        long[] c = new long[names.size()];
        for (byte b : ids) {
            c[b]++;
        }
        return c;
    }

    /**
     * Per-segment summary: customers, share, mean recency days, frequency and monetary value,
     * and share of total monetary value. Segments without customers are included with zeros.
     */
    public List<SegmentSummary> summary(RfmTable table) {
        Objects.requireNonNull(table, "table");
        if (table.size() != ids.length) {
            throw new IllegalArgumentException("table of " + table.size() + " customers for a segmentation of "
                    + ids.length);
        }
        int s = names.size();
        long[] n = new long[s];
        double[] r = new double[s];
        double[] f = new double[s];
        double[] m = new double[s];
        double total = 0;
        for (int i = 0; i < ids.length; i++) {
            int g = ids[i];
            n[g]++;
            r[g] += table.recency[i];
            f[g] += table.frequency[i];
            m[g] += table.monetary[i];
            total += table.monetary[i];
        }
        List<SegmentSummary> out = new ArrayList<>(s);
        for (int g = 0; g < s; g++) {
            double c = n[g];
            out.add(new SegmentSummary(names.get(g), n[g], c / ids.length, c == 0 ? 0 : r[g] / c,
                    c == 0 ? 0 : f[g] / c, c == 0 ? 0 : m[g] / c, total == 0 ? 0 : m[g] / total));
        }
        return List.copyOf(out);
    }
}
