package dev.o2o.campaign;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Action handlers over o2o-loyalty: issue coupon codes into a coupon store and post points
 * to a ledger. Kept to this one small adapter so the rest of the module does not depend on
 * loyalty's internals.
 *
 * <p>Both are idempotent by the action key: the coupon code is derived from it, and the
 * posting's source reference is it. Thread-safe if the store and ledger are.
 */
public final class LoyaltyActions {

    private LoyaltyActions() {
    }

    /** The coupon code an action key yields: {@code "CP"} and 14 base-32 characters of its SHA-256. */
    public static String couponCode(String actionKey) {
        byte[] h = Hashing.sha256().hashString(actionKey, StandardCharsets.UTF_8).asBytes();
        return "CP" + BaseEncoding.base32().omitPadding().encode(h).substring(0, 14);
    }

    /** Issues the template's coupon to the customer under the code {@link #couponCode} gives. */
    public static ActionRunner.CouponIssuer couponIssuer(CouponStore coupons, Clock clock) {
        Objects.requireNonNull(coupons, "coupons");
        Objects.requireNonNull(clock, "clock");
        return (planned, coupon) -> {
            String code = couponCode(planned.key());
            // false means the code exists: issued by an earlier attempt of this very action
            coupons.issue(code, coupon.templateId(), planned.customer(), clock.instant());
            return code;
        };
    }

    /** Posts the points as an earn with the action key as source reference (the ledger de-duplicates). */
    public static ActionRunner.PointsAwarder pointsAwarder(PointsLedger ledger) {
        Objects.requireNonNull(ledger, "ledger");
        return (planned, points) -> {
            PostingResult r = ledger.post(Posting.earn(planned.customer(), points.points(),
                    "campaign:" + planned.key(), Optional.empty()));
            if (!r.isSuccess()) {
                throw new IllegalStateException("points posting for action '" + planned.key() + "' refused: " + r.message());
            }
            return IdempotencyKey.of(EntryType.EARN, "campaign:" + planned.key()).toString();
        };
    }
}
