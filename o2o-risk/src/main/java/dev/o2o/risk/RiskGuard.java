package dev.o2o.risk;

import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.LoyaltyGuard;
import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.risk.audit.DecisionRecord;
import dev.o2o.risk.audit.DecisionStore;
import dev.o2o.risk.velocity.VelocityEngine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link LoyaltyGuard} of o2o-risk: turns each coupon redemption, store verification and points
 * posting into a {@link RiskEvent}, decides it with a {@link VelocityEngine}, records every REVIEW or
 * DENY decision in a {@link DecisionStore} (where an operator releases or confirms it, see
 * {@code dev.o2o.risk.audit.ReviewDesk}), and answers the loyalty service with the decision's
 * verdict. A code voided after a confirmed abuse is denied ({@value #CODE_VOIDED}) before any rule
 * is asked.
 *
 * <p>The loyalty events carry no device; {@code deviceOf} supplies it (for example from the
 * request the integrator is serving), or {@code e -> Optional.empty()}.
 *
 * <p>Thread-safe if the device function and the listener are.
 */
public final class RiskGuard implements LoyaltyGuard {

    /** The reason code for a redemption or verification of a voided code. */
    public static final String CODE_VOIDED = "CODE_VOIDED";

    private final VelocityEngine engine;
    private final Function<GuardEvent, Optional<String>> deviceOf;
    private final DecisionStore audit;

    private RiskGuard(VelocityEngine engine, Function<GuardEvent, Optional<String>> deviceOf, DecisionStore audit) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.deviceOf = Objects.requireNonNull(deviceOf, "deviceOf");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** A guard over {@code engine} recording its REVIEW and DENY decisions in {@code audit}. */
    public static RiskGuard of(VelocityEngine engine, Function<GuardEvent, Optional<String>> deviceOf, DecisionStore audit) {
        return new RiskGuard(engine, deviceOf, audit);
    }

    @Override
    public GuardVerdict check(GuardEvent event) {
        RiskEvent e = toRiskEvent(event, deviceOf.apply(event));
        Optional<String> code = codeOf(event);
        RiskDecision d;
        if (code.isPresent() && audit.isVoided(code.get())) {
            d = RiskDecision.of(List.of(new Reason(CODE_VOIDED, Action.DENY, "code", 1, 1,
                    "the code was voided after a confirmed abuse", true)));
        } else {
            d = engine.evaluate(e);
        }
        if (!d.reasons().isEmpty()) {
            Optional<EntryType> postingType = Optional.empty();
            Optional<String> sourceRef = Optional.empty();
            if (event instanceof GuardEvent.PointsPosting p) {
                postingType = Optional.of(p.posting().type());
                sourceRef = Optional.of(p.posting().sourceRef());
            }
            audit.record(DecisionRecord.draft(e.at(), e.type(), e.identifier(), postingType, sourceRef, code,
                    d.action(), d.reasons()));
        }
        return d.verdict();
    }

    private static Optional<String> codeOf(GuardEvent event) {
        if (event instanceof GuardEvent.CouponRedemption r) {
            return Optional.of(r.code());
        }
        if (event instanceof GuardEvent.StoreVerification v) {
            return Optional.of(v.code());
        }
        return Optional.empty();
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
            // Posting bounds an adjustment by Posting.MAX_POINTS in magnitude, so the absolute value fits
            amount = Math.abs(adjust.points());
        } else {
            type = EventType.POINTS_REVERSE;
            amount = 0;
        }
        return new RiskEvent(type, p.at(), posting.account().value(), device, Optional.empty(), Optional.empty(),
                Optional.empty(), amount);
    }
}
