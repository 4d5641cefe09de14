package dev.o2o.predict.features;

import dev.o2o.core.io.TianchiCsv.DiscountRate;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of a Tianchi O2O offline file: a coupon received by a customer at a merchant (or,
 * with no coupon, a plain purchase), with its use date when known.
 *
 * @param line         the 1-based line in the source, for messages
 * @param user         customer id
 * @param merchant     merchant id
 * @param coupon       coupon id; empty for a purchase without coupon
 * @param discount     the raw discount ({@code 0.9} a rate, {@code 150:20} 20 off from 150); empty without coupon
 * @param distance     distance band 0..10 (× 500 m), empty when unknown
 * @param received     date the coupon was received; empty without coupon
 * @param used         date of purchase (with the coupon if there is one); empty if none or unknown
 */
public record Receipt(long line, String user, String merchant, Optional<String> coupon, Optional<String> discount,
                      OptionalInt distance, Optional<LocalDate> received, Optional<LocalDate> used) {

    /** Validates the combination of fields, the distance band and the discount notation, naming the line. */
    public Receipt {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(used, "used");
        if (coupon.isPresent() != received.isPresent() || coupon.isPresent() != discount.isPresent()) {
            throw new IllegalArgumentException("line " + line + ": a coupon needs a discount and a received date, "
                    + "and a row without coupon has neither");
        }
        if (coupon.isEmpty() && used.isEmpty()) {
            throw new IllegalArgumentException("line " + line + ": a row without coupon must have a purchase date");
        }
        if (discount.isPresent()) {
            // read files arrive parsed; a receipt built in code would otherwise fail in CouponFeatures, without its line
            try {
                DiscountRate.parse(discount.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
            }
        }
        if (distance.isPresent() && (distance.getAsInt() < 0 || distance.getAsInt() > 10)) {
            throw new IllegalArgumentException("line " + line + ": distance must be 0..10: " + distance.getAsInt());
        }
        if (received.isPresent() && used.isPresent() && used.get().isBefore(received.get())) {
            throw new IllegalArgumentException("line " + line + ": used " + used.get() + " before received " + received.get());
        }
    }

    /** Whether this row is a coupon receipt (an example), not a plain purchase. */
    public boolean isCoupon() {
        return coupon.isPresent();
    }
}
