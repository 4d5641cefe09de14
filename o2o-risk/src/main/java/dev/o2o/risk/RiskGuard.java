package dev.o2o.risk;

import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.LoyaltyGuard;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.risk.velocity.VelocityEngine;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The {@link LoyaltyGuard} of o2o-risk: turns each coupon redemption, store verification and points
 * posting into a {@link RiskEvent}, decides it with a {@link VelocityEngine}, hands every REVIEW or
 * DENY decision to a listener (the audit log, see {@code dev.o2o.risk.audit}), and answers the
 * loyalty service with the decision's verdict.
 *
 * <p>The loyalty events carry no device; {@code deviceOf} supplies it (for example from the
 * request the integrator is serving), or {@code e -> Optional.empty()}.
 *
 * <p>Thread-safe if the device function and the listener are.
 */
public final class RiskGuard implements LoyaltyGuard {

    private final VelocityEngine engine;
    private final Function<GuardEvent, Optional<String>> deviceOf;
    private final BiConsumer<RiskEvent, RiskDecision> listener;

    private RiskGuard(VelocityEngine engine, Function<GuardEvent, Optional<String>> deviceOf,
                      BiConsumer<RiskEvent, RiskDecision> listener) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.deviceOf = Objects.requireNonNull(deviceOf, "deviceOf");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A guard over {@code engine}; {@code listener} gets every event whose decision is not a plain
     * ALLOW, before the verdict is returned.
     */
    public static RiskGuard of(VelocityEngine engine, Function<GuardEvent, Optional<String>> deviceOf,
                               BiConsumer<RiskEvent, RiskDecision> listener) {
        return new RiskGuard(engine, deviceOf, listener);
    }

    @Override
    public GuardVerdict check(GuardEvent event) {
        RiskEvent e = toRiskEvent(event, deviceOf.apply(event));
        RiskDecision d = engine.evaluate(e);
        if (!d.reasons().isEmpty()) {
            listener.accept(e, d);
        }
        return d.verdict();
    }

    /** The risk event of a loyalty guard event, with the device if known. */
    public static RiskEvent toRiskEvent(GuardEvent event, Optional<String> device) {
        Objects.requireNonNull(device, "device");
        if (event instanceof GuardEvent.CouponRedemption r) {
            return new RiskEvent(EventType.COUPON_REDEMPTION, r.at(), r.customer().value(), device, r.storeId(),
                    r.cashierId(), Optional.of(r.couponId()), r.discount().minorUnits());
        }
        if (event instanceof GuardEvent.StoreVerification v) {
            return new RiskEvent(EventType.STORE_VERIFICATION, v.at(), v.holder().value(), device,
                    Optional.of(v.storeId()), Optional.of(v.cashierId()), Optional.of(v.couponId()), 0);
        }
        GuardEvent.PointsPosting p = (GuardEvent.PointsPosting) event;
        Posting posting = p.posting();
        EventType type;
        long amount;
        if (posting instanceof Posting.Earn earn) {
            type = EventType.POINTS_EARN;
            amount = earn.points();
        } else if (posting instanceof Posting.Redeem redeem) {
            type = EventType.POINTS_REDEEM;
            amount = redeem.points();
        } else if (posting instanceof Posting.Adjust adjust) {
            type = EventType.POINTS_ADJUST;
            amount = Math.abs(adjust.points());
        } else {
            type = EventType.POINTS_REVERSE;
            amount = 0;
        }
        return new RiskEvent(type, p.at(), posting.account(), device, Optional.empty(), Optional.empty(),
                Optional.empty(), amount);
    }
}
