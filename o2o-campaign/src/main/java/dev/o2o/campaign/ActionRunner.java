package dev.o2o.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs planned actions through the host's handlers, recording each result under its action
 * key so that a retry (of the run or of the whole event) skips what was done.
 *
 * <p>Handlers receive the action key: it is the idempotency key to pass on (a ledger posting
 * reference, a deterministic coupon code), which also covers two retries racing each other
 * before either recorded its result. Thread-safe if the handlers are.
 */
public final class ActionRunner {

    /** Issues a coupon from a template; returns the code (or another reference) issued. */
    @FunctionalInterface
    public interface CouponIssuer {
        String issue(PlannedAction planned, Action.IssueCoupon coupon);
    }

    /** Awards points; returns the posting reference. */
    @FunctionalInterface
    public interface PointsAwarder {
        String award(PlannedAction planned, Action.AwardPoints points);
    }

    /** Sends a notification through the host's channel; returns the message reference. */
    @FunctionalInterface
    public interface Notifier {
        String send(PlannedAction planned, Action.Notify notify);
    }

    /**
     * One action's outcome.
     *
     * @param key     the action key
     * @param result  the recorded result
     * @param skipped true if it had been done before and was not run again
     */
    public record Outcome(String key, String result, boolean skipped) {
        public Outcome {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(result, "result");
        }
    }

    private final CampaignStore store;
    private final CouponIssuer coupons;
    private final PointsAwarder points;
    private final Notifier notifier;

    private ActionRunner(CampaignStore store, CouponIssuer coupons, PointsAwarder points, Notifier notifier) {
        this.store = Objects.requireNonNull(store, "store");
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.points = Objects.requireNonNull(points, "points");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** A runner over the store and the host's handlers. */
    public static ActionRunner create(CampaignStore store, CouponIssuer coupons, PointsAwarder points, Notifier notifier) {
        return new ActionRunner(store, coupons, points, notifier);
    }

    /** Runs the actions of a decision (or a claim, or any list) that have no recorded result. */
    public List<Outcome> run(List<PlannedAction> actions) {
        List<Outcome> out = new ArrayList<>(actions.size());
        for (PlannedAction p : actions) {
            var done = store.result(p.key());
            if (done.isPresent()) {
                out.add(new Outcome(p.key(), done.get(), true));
                continue;
            }
            String result;
            if (p.action() instanceof Action.IssueCoupon c) {
                result = coupons.issue(p, c);
            } else if (p.action() instanceof Action.AwardPoints a) {
                result = points.award(p, a);
            } else if (p.action() instanceof Action.Notify n) {
                result = notifier.send(p, n);
            } else {
                // enrolments are done by the engine itself (PlannedAction cannot hold an unresolved store offer)
                result = "enrolled";
            }
            if (store.recordResult(p.key(), result)) {
                out.add(new Outcome(p.key(), result, false));
            } else {
                out.add(new Outcome(p.key(), store.result(p.key()).orElseThrow(), true));
            }
        }
        return out;
    }
}
