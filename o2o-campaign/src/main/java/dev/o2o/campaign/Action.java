package dev.o2o.campaign;

import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trigger does when it fires. The engine plans actions; the host runs them (or an
 * {@link ActionRunner} does), and results are recorded by action key so a retry is idempotent.
 *
 * <p>{@link #cost()} is what the action consumes of its campaign's budget (the face value of
 * a coupon, the cost of points), in the budget's currency, below {@link Money#TEXT_LIMIT}.
 *
 * <p>Template, store, mission and channel names are ids {@link Ids#requireId} accepts, and a
 * message template a text {@link Ids#requireText} accepts: the JDBC store saves them in decisions.
 *
 * <p>Implementations are immutable, thread-safe records.
 */
public sealed interface Action permits Action.IssueCoupon, Action.AwardPoints, Action.EnrolMission, Action.Notify,
        Action.StoreOffer {

    /** The budget this action consumes; zero for none. */
    Optional<Money> cost();

    /** Issue a coupon from a template (a coupon definition id in the host's coupon service). */
    static IssueCoupon issueCoupon(String templateId, Money cost) {
        return new IssueCoupon(templateId, Optional.empty(), Optional.of(cost));
    }

    /** Award points through the ledger. */
    static AwardPoints awardPoints(long points, Money cost) {
        return new AwardPoints(points, Optional.of(cost));
    }

    /** Enrol the customer in a mission (the engine records the enrolment itself). */
    static EnrolMission enrol(String missionId) {
        return new EnrolMission(missionId);
    }

    /** Notify through a channel the host implements ({@link ActionRunner.Notifier}). */
    static Notify notify(String channel, String messageTemplate) {
        return new Notify(channel, messageTemplate);
    }

    /**
     * The location-based offer: on a ping within {@code radiusMetres} of a store that has an
     * offer, issue that store's coupon template (the nearest such store wins). If no store with
     * an offer is in range, the trigger does not fire.
     */
    static StoreOffer storeOffer(Map<String, String> templateByStore, double radiusMetres, Money cost) {
        return new StoreOffer(templateByStore, radiusMetres, Optional.of(cost));
    }

    /**
     * @param templateId the coupon template
     * @param storeId    the store whose offer it is, for store offers
     * @param cost       budget consumed
     */
    record IssueCoupon(String templateId, Optional<String> storeId, Optional<Money> cost) implements Action {
        public IssueCoupon {
            Ids.requireId(templateId, "templateId");
            Objects.requireNonNull(storeId, "storeId");
            storeId.ifPresent(id -> Ids.requireId(id, "storeId"));
            requireCost(cost);
        }
    }

    /**
     * @param points positive number of points
     * @param cost   budget consumed
     */
    record AwardPoints(long points, Optional<Money> cost) implements Action {
        public AwardPoints {
            if (points <= 0) {
                throw new IllegalArgumentException("points must be > 0: " + points);
            }
            requireCost(cost);
        }
    }

    /** @param missionId the mission */
    record EnrolMission(String missionId) implements Action {
        public EnrolMission {
            Ids.requireId(missionId, "missionId");
        }

        @Override
        public Optional<Money> cost() {
            return Optional.empty();
        }
    }

    /**
     * @param channel         the host's channel name (push, sms, wechat, ...)
     * @param messageTemplate the host's message template id
     */
    record Notify(String channel, String messageTemplate) implements Action {
        public Notify {
            Ids.requireId(channel, "channel");
            Objects.requireNonNull(messageTemplate, "messageTemplate");
            if (messageTemplate.isBlank()) {
                throw new IllegalArgumentException("messageTemplate must not be blank");
            }
            // a text, which may hold tabs and line breaks (decisions escape them), not NUL or a lone surrogate
            Ids.requireText(messageTemplate, "messageTemplate", Integer.MAX_VALUE);
        }

        @Override
        public Optional<Money> cost() {
            return Optional.empty();
        }
    }

    /**
     * @param templateByStore coupon template per store id
     * @param radiusMetres    the geo-fence radius, {@code > 0}
     * @param cost            budget consumed per coupon
     */
    record StoreOffer(Map<String, String> templateByStore, double radiusMetres, Optional<Money> cost) implements Action {
        /** The default geo-fence: 5 km. */
        public static final double DEFAULT_RADIUS_METRES = 5_000;

        public StoreOffer {
            templateByStore = Map.copyOf(templateByStore);
            templateByStore.forEach((store, template) -> {
                Ids.requireId(store, "templateByStore store id");
                Ids.requireId(template, "templateByStore template");
            });
            if (templateByStore.isEmpty()) {
                throw new IllegalArgumentException("templateByStore must not be empty");
            }
            if (!(radiusMetres > 0) || Double.isInfinite(radiusMetres)) {
                throw new IllegalArgumentException("radiusMetres must be a positive finite number of metres: " + radiusMetres);
            }
            requireCost(cost);
        }
    }

    private static void requireCost(Optional<Money> cost) {
        Objects.requireNonNull(cost, "cost");
        if (cost.isPresent() && cost.get().isNegative()) {
            throw new IllegalArgumentException("cost must not be negative: " + cost.get());
        }
        cost.ifPresent(c -> Money.requireBelowLimit(c, "cost"));
    }
}
