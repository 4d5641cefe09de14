package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Ids;
import dev.o2o.core.Order;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Something a member may earn points for. The event's instant (taken by the host from its clock)
 * decides the member's local day and month.
 *
 * <p>Implementations are immutable and thread-safe records.
 */
public sealed interface EarningEvent permits EarningEvent.Purchase, EarningEvent.QrScan, EarningEvent.CheckIn,
        EarningEvent.Referral {

    /** The business reference of the event. */
    String sourceRef();

    /**
     * The ledger source reference of {@code account}'s award for this event, which with the entry type is
     * the posting's idempotency key ({@link Evaluation#toEarn} uses it): {@link #sourceRef()} for events
     * that happen to one member (an order, a check-in, a referral); a per-member QR scan adds the account,
     * so that the same poster code earns once per member and never conflicts across members.
     */
    default String ledgerRef(CustomerKey account) {
        Objects.requireNonNull(account, "account");
        return sourceRef();
    }

    /** When it happened. */
    Instant instant();

    /** The checks every event but a purchase shares: its own id, what it is about, and its instant. */
    private static void require(String id, String idField, Object subject, String subjectField, Instant instant) {
        Ids.requireId(id, idField);
        Objects.requireNonNull(subject, subjectField);
        Objects.requireNonNull(instant, "instant");
    }

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
     * A scan of a QR code at a store counter. A code "earns once": per member and code for a shared code
     * (a poster or a table card, which every member may scan once), or once in the whole ledger for a
     * one-time code (printed on one receipt): a second member's scan of a one-time code is refused by the
     * ledger as {@link PostingResult.Status#KEY_CONFLICT}.
     *
     * @param code    the code
     * @param storeId where it was scanned
     * @param instant when
     * @param oneTime true if the code may earn for one member only
     */
    record QrScan(String code, String storeId, Instant instant, boolean oneTime) implements EarningEvent {
        public QrScan {
            require(code, "code", storeId, "storeId", instant);
            Ids.requireId(storeId, "storeId");
        }

        /** A scan of a shared code, which each member may earn on once. */
        public QrScan(String code, String storeId, Instant instant) {
            this(code, storeId, instant, false);
        }

        /** A scan of a one-time code, which earns for one member only. */
        public static QrScan oneTime(String code, String storeId, Instant instant) {
            return new QrScan(code, storeId, instant, true);
        }

        @Override
        public String sourceRef() {
            return "qr:" + code;
        }

        /**
         * {@code qr:CODE} for a one-time code; for a shared code {@code qr:N:ACCOUNT:CODE}, N the account's
         * length (so that no two pairs give the same text), or, where that is longer than an id may be,
         * {@code qr#} and the SHA-256 of the pair in hex.
         */
        @Override
        public String ledgerRef(CustomerKey account) {
            Objects.requireNonNull(account, "account");
            if (oneTime) {
                return sourceRef();
            }
            String id = account.value();
            String ref = "qr:" + id.length() + ":" + id + ":" + code;
            return ref.length() <= Ids.MAX_LENGTH ? ref : "qr#" + sha256(id.length() + ":" + id + ":" + code);
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
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
            require(checkInId, "checkInId", location, "location", instant);
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
            require(referralId, "referralId", referred, "referred", instant);
        }

        @Override
        public String sourceRef() {
            return "referral:" + referralId;
        }
    }
}
