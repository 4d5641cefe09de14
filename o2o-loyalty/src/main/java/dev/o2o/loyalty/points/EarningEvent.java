package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Ids;
import dev.o2o.core.Order;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a member may earn points for. The event's instant (taken by the host from its clock)
 * decides the member's local day and month.
 *
 * <p>Implementations are immutable and thread-safe records.
 */
public sealed interface EarningEvent permits EarningEvent.Purchase, EarningEvent.QrScan, EarningEvent.CheckIn,
        EarningEvent.Referral {

    /** The business reference, used as the ledger source reference. */
    String sourceRef();

    /** When it happened. */
    Instant instant();

    /** A purchase (online or in a store); its lines, channel and store drive the spend rules. */
    record Purchase(Order order) implements EarningEvent {
        public Purchase {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public String sourceRef() {
            return "order:" + order.id();
        }

        @Override
        public Instant instant() {
            return order.instant();
        }
    }

    /**
     * A scan of a QR code at a store counter.
     *
     * @param code    the code (one award per code)
     * @param storeId where it was scanned
     * @param instant when
     */
    record QrScan(String code, String storeId, Instant instant) implements EarningEvent {
        public QrScan {
            Ids.requireId(code, "code");
            Ids.requireId(storeId, "storeId");
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public String sourceRef() {
            return "qr:" + code;
        }
    }

    /**
     * A check-in from the member's device.
     *
     * @param checkInId unique id of the check-in
     * @param location  reported position
     * @param instant   when
     */
    record CheckIn(String checkInId, GeoPoint location, Instant instant) implements EarningEvent {
        public CheckIn {
            Ids.requireId(checkInId, "checkInId");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public String sourceRef() {
            return "checkin:" + checkInId;
        }
    }

    /**
     * The member referred someone who joined.
     *
     * @param referralId unique id of the referral
     * @param referred   the new member
     * @param instant    when the referral qualified
     */
    record Referral(String referralId, CustomerKey referred, Instant instant) implements EarningEvent {
        public Referral {
            Ids.requireId(referralId, "referralId");
            Objects.requireNonNull(referred, "referred");
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public String sourceRef() {
            return "referral:" + referralId;
        }
    }
}
