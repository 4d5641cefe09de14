package dev.o2o.campaign;

import dev.o2o.core.Ids;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a campaign: when an event matches {@link #when}, and the customer is in the
 * {@link #audience}, plan the {@link #actions}, subject to the constraints. Build with
 * {@link #builder(String, String)}.
 *
 * <p>Constraints: at most {@link #frequencyCap} fires per customer within any
 * {@link #frequencyWindow}; none within {@link #coolDown} of the previous one; none during the
 * {@link #quietHours} in the customer's zone. Budgets, global caps and the holdout belong to
 * the {@link Campaign}; the daily contact limit to the engine.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id              unique trigger id, an id {@link dev.o2o.core.Ids#requireId} accepts (at most 200 characters)
 * @param campaignId      the campaign it belongs to
 * @param priority        higher fires first when several triggers match one event
 * @param when            which events fire it
 * @param audience        who it addresses
 * @param actions         what it plans; at least one
 * @param frequencyCap    maximum fires per customer per window; empty for none
 * @param frequencyWindow the window of the cap
 * @param coolDown        minimum time between two fires for one customer; zero for none
 * @param quietHours      disjoint quiet windows in the customer's zone
 */
public record Trigger(String id, String campaignId, int priority, EventPredicate when, Audience audience,
                      List<Action> actions, Optional<Integer> frequencyCap, Duration frequencyWindow, Duration coolDown,
                      List<QuietHours> quietHours) {

    public Trigger {
        Ids.requireId(id, "trigger id");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(audience, "audience");
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("trigger '" + id + "': actions must not be empty");
        }
        long offers = actions.stream().filter(a -> a instanceof Action.StoreOffer).count();
        if (offers > 1) {
            throw new IllegalArgumentException("trigger '" + id + "': at most one storeOffer action, got " + offers);
        }
        Objects.requireNonNull(frequencyCap, "frequencyCap");
        if (frequencyCap.isPresent() && frequencyCap.get() < 1) {
            throw new IllegalArgumentException("trigger '" + id + "': frequencyCap must be >= 1: " + frequencyCap.get());
        }
        Objects.requireNonNull(frequencyWindow, "frequencyWindow");
        if (frequencyCap.isPresent() && (frequencyWindow.isZero() || frequencyWindow.isNegative())) {
            throw new IllegalArgumentException("trigger '" + id + "': frequencyWindow must be positive: " + frequencyWindow);
        }
        Objects.requireNonNull(coolDown, "coolDown");
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("trigger '" + id + "': coolDown must not be negative: " + coolDown);
        }
        quietHours = List.copyOf(quietHours);
        QuietHours.requireDisjoint(quietHours);
    }

    /** A builder for a trigger of a campaign. */
    public static Builder builder(String id, String campaignId) {
        return new Builder(id, campaignId);
    }

    /** Builds a {@link Trigger}; each setting may be given once (twice throws {@link IllegalStateException}). */
    public static final class Builder {
        private final String id;
        private final String campaignId;
        private Integer priority;
        private EventPredicate when;
        private Audience audience;
        private final List<Action> actions = new ArrayList<>();
        private Integer cap;
        private Duration window;
        private Duration coolDown;
        private final List<QuietHours> quiet = new ArrayList<>();

        private Builder(String id, String campaignId) {
            this.id = id;
            this.campaignId = campaignId;
        }

        private static void once(Object current, String what) {
            if (current != null) {
                throw new IllegalStateException(what + " already set");
            }
        }

        /** Priority; default 0. */
        public Builder priority(int priority) {
            once(this.priority, "priority");
            this.priority = priority;
            return this;
        }

        /** The event predicate; required. */
        public Builder when(EventPredicate when) {
            once(this.when, "when");
            this.when = Objects.requireNonNull(when, "when");
            return this;
        }

        /** The audience; default everyone. */
        public Builder audience(Audience audience) {
            once(this.audience, "audience");
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** Adds an action. */
        public Builder action(Action action) {
            actions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        /** At most {@code fires} per customer within any {@code window}. */
        public Builder frequencyCap(int fires, Duration window) {
            once(cap, "frequencyCap");
            this.cap = fires;
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Minimum time between two fires for one customer. */
        public Builder coolDown(Duration coolDown) {
            once(this.coolDown, "coolDown");
            this.coolDown = Objects.requireNonNull(coolDown, "coolDown");
            return this;
        }

        /** Adds a quiet window in the customer's zone, for example 22:00 to 08:00. */
        public Builder quietHours(LocalTime start, LocalTime end) {
            quiet.add(new QuietHours(start, end));
            return this;
        }

        public Trigger build() {
            return new Trigger(id, campaignId, priority == null ? 0 : priority, when, audience == null ? Audience.everyone() : audience,
                    actions, Optional.ofNullable(cap), window == null ? Duration.ZERO : window,
                    coolDown == null ? Duration.ZERO : coolDown, quiet);
        }
    }
}
