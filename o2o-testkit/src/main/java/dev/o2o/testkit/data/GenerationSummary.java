package dev.o2o.testkit.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link SyntheticData#generate} wrote: counts of every kind of record, including the
 * deliberately bad ones that ingestion must reject.
 *
 * <p>Immutable and thread-safe.
 *
 * @param directory        the output directory
 * @param customers        true customers
 * @param stores           stores
 * @param orders           valid orders written
 * @param touchpoints      valid touchpoints written
 * @param identityLinks    identity links written
 * @param journeys         journeys (converting and not)
 * @param conversions      converting journeys (one per order)
 * @param coupons          coupon receipts
 * @param redemptions      coupons redeemed
 * @param badTouchpoints   malformed touchpoint lines mixed into the touchpoints file
 * @param badOrders        malformed order lines mixed into the orders file
 */
public record GenerationSummary(Path directory, int customers, int stores, long orders, long touchpoints,
                                long identityLinks, long journeys, long conversions, long coupons, long redemptions,
                                long badTouchpoints, long badOrders) {

    public GenerationSummary {
        Objects.requireNonNull(directory, "directory");
    }

    /** The touchpoints file (NDJSON). */
    public Path touchpointsFile() {
        return directory.resolve(SyntheticData.TOUCHPOINTS);
    }

    /** The orders file (NDJSON). */
    public Path ordersFile() {
        return directory.resolve(SyntheticData.ORDERS);
    }
}
