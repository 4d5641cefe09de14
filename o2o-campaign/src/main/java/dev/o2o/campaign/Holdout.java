package dev.o2o.campaign;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.o2o.core.CustomerKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The deterministic holdout: whether a customer is in a campaign's control group, from a
 * Murmur3 hash of the campaign id and the customer key. The same inputs give the same answer on
 * every machine and run, and customers are split independently per campaign.
 *
 * <p>Stateless and thread-safe.
 */
public final class Holdout {

    private static final HashFunction HASH = Hashing.murmur3_128(0x0201);
    /** Buckets of the hash range: the share is applied at 1/10,000 resolution. */
    private static final int BUCKETS = 10_000;

    private Holdout() {
    }

    /** The customer's bucket in [0, 10,000) for this campaign. */
    public static int bucket(CustomerKey customer, String campaignId) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(campaignId, "campaignId");
        long h = HASH.newHasher()
                .putString(campaignId, StandardCharsets.UTF_8)
                .putByte((byte) 0)
                .putString(customer.value(), StandardCharsets.UTF_8)
                .hash().asLong();
        return (int) Math.floorMod(h, (long) BUCKETS);
    }

    /**
     * True if the customer is held out of the campaign at this share.
     *
     * @throws IllegalArgumentException if the share is not 0 or in [0.00005, 0.99995): below 1 but
     *         rounding to all 10,000 buckets, or positive but rounding to none
     */
    public static boolean isHeldOut(CustomerKey customer, String campaignId, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("share must be in [0, 1): " + share);
        }
        return bucket(customer, campaignId) < heldBuckets(share, "share");
    }

    /**
     * The buckets held out at a share in [0, 1), refusing a positive share that rounds to none of
     * them (nobody held out) or to all (everybody held out, which a share below 1 must not do).
     */
    static long heldBuckets(double share, String field) {
        long held = Math.round(share * BUCKETS);
        if (share > 0 && (held == 0 || held == BUCKETS)) {
            throw new IllegalArgumentException(field + " must be 0 or in [0.00005, 0.99995) (1/10,000 resolution): " + share);
        }
        return held;
    }
}
