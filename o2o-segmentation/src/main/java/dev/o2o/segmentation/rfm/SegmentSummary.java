package dev.o2o.segmentation.rfm;

import java.util.Objects;

/**
 * Summary of one RFM segment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param segment         segment name
 * @param customers       customers in the segment
 * @param share           their share of all customers, 0..1
 * @param meanRecencyDays mean days since the last purchase
 * @param meanFrequency   mean number of purchases
 * @param meanMonetary    mean monetary value, in currency units
 * @param revenueShare    the segment's share of the total monetary value
 */
public record SegmentSummary(String segment, long customers, double share, double meanRecencyDays,
                             double meanFrequency, double meanMonetary, double revenueShare) {

    public SegmentSummary {
        Objects.requireNonNull(segment, "segment");
        if (customers < 0) {
            throw new IllegalArgumentException("customers must be >= 0, got " + customers);
        }
    }
}
