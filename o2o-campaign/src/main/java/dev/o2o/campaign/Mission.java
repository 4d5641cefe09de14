package dev.o2o.campaign;

import dev.o2o.campaign.CampaignEvent.Kind;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A multi-step goal with progress per enrolled customer, rewarded once on completion. Only
 * events at or after the enrolment count, each event id once, so replays change nothing.
 *
 * <p>Implementations are immutable, thread-safe records.
 */
public sealed interface Mission permits Mission.DistinctStoreCheckIns, Mission.Spend, Mission.ScanThenBuyOnline {

    /** The mission id. */
    String id();

    /** The reward: a coupon or points. */
    Action reward();

    /** The step an event contributes, if any. */
    Optional<MissionStep> stepOf(CampaignEvent event);

    /** True if the steps complete the mission. */
    boolean isComplete(List<MissionStep> steps);

    /** Check in at {@code stores} distinct stores within any {@code within} period. */
    static DistinctStoreCheckIns checkIns(String id, int stores, Duration within, Action reward) {
        return new DistinctStoreCheckIns(id, stores, within, reward);
    }

    /** Spend {@code total} in all, online and in store together. */
    static Spend spend(String id, Money total, Action reward) {
        return new Spend(id, total, reward);
    }

    /** Scan a code in a store, then order online within {@code within}. */
    static ScanThenBuyOnline scanThenBuyOnline(String id, Duration within, Action reward) {
        return new ScanThenBuyOnline(id, within, reward);
    }

    private static void validate(String id, Action reward) {
        Ids.requireId(id, "mission id");
        Objects.requireNonNull(reward, "reward");
        if (!(reward instanceof Action.IssueCoupon || reward instanceof Action.AwardPoints)) {
            throw new IllegalArgumentException("mission '" + id + "': reward must be a coupon or points, got "
                    + reward.getClass().getSimpleName());
        }
    }

    /**
     * Whether {@code t} lies in {@code [start, start + within]}, compared as a duration so that a
     * window as long as a {@link Duration} goes (no time limit) does not overflow an instant.
     */
    private static boolean inWindow(Instant start, Instant t, Duration within) {
        return !t.isBefore(start) && Duration.between(start, t).compareTo(within) <= 0;
    }

    private static void requirePositive(String id, Duration within) {
        Objects.requireNonNull(within, "within");
        if (within.isZero() || within.isNegative()) {
            throw new IllegalArgumentException("mission '" + id + "': within must be positive: " + within);
        }
    }

    /**
     * @param id     mission id, an id {@link dev.o2o.core.Ids#requireId} accepts
     * @param stores distinct stores needed, {@code >= 1}
     * @param within the period they must fall in
     * @param reward the reward
     */
    record DistinctStoreCheckIns(String id, int stores, Duration within, Action reward) implements Mission {
        public DistinctStoreCheckIns {
            validate(id, reward);
            if (stores < 1) {
                throw new IllegalArgumentException("mission '" + id + "': stores must be >= 1: " + stores);
            }
            requirePositive(id, within);
        }

        @Override
        public Optional<MissionStep> stepOf(CampaignEvent e) {
            return e.kind() == Kind.CHECK_IN
                    ? Optional.of(new MissionStep(e.id(), MissionStep.Kind.CHECK_IN, e.storeId().get(), e.at(), 0))
                    : Optional.empty();
        }

        @Override
        public boolean isComplete(List<MissionStep> steps) {
            // any window [start, start + within] opened by a check-in holding enough distinct stores
            for (MissionStep start : steps) {
                Set<String> seen = new HashSet<>();
                for (MissionStep s : steps) {
                    if (inWindow(start.at(), s.at(), within)) {
                        seen.add(s.storeId());
                    }
                }
                if (seen.size() >= stores) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @param id     mission id, an id {@link dev.o2o.core.Ids#requireId} accepts
     * @param total  the spend to reach, positive and below {@link Money#TEXT_LIMIT}
     * @param reward the reward
     */
    record Spend(String id, Money total, Action reward) implements Mission {
        public Spend {
            validate(id, reward);
            Objects.requireNonNull(total, "total");
            if (!total.isPositive()) {
                throw new IllegalArgumentException("mission '" + id + "': total must be positive: " + total);
            }
            Money.requireBelowLimit(total, "mission '" + id + "': total");
        }

        @Override
        public Optional<MissionStep> stepOf(CampaignEvent e) {
            if (e.kind() != Kind.ORDER) {
                return Optional.empty();
            }
            Money amount = e.amount().get();
            if (!amount.currency().equals(total.currency())) {
                throw new IllegalArgumentException("mission '" + id + "': order '" + e.id() + "' is in "
                        + amount.currency() + ", the mission in " + total.currency());
            }
            MissionStep.Kind kind = e.channel().get() == ChannelKind.ONLINE ? MissionStep.Kind.ONLINE_ORDER
                    : MissionStep.Kind.STORE_ORDER;
            return Optional.of(new MissionStep(e.id(), kind, e.storeId().orElse(""), e.at(), amount.minorUnits()));
        }

        @Override
        public boolean isComplete(List<MissionStep> steps) {
            // compared against what is still missing, so no sum of steps can wrap past a long
            long missing = total.minorUnits();
            for (MissionStep s : steps) {
                if (s.amountMinor() >= missing) {
                    return true;
                }
                missing -= s.amountMinor();
            }
            return false;
        }
    }

    /**
     * @param id     mission id, an id {@link dev.o2o.core.Ids#requireId} accepts
     * @param within the longest time from the scan to the online order
     * @param reward the reward
     */
    record ScanThenBuyOnline(String id, Duration within, Action reward) implements Mission {
        public ScanThenBuyOnline {
            validate(id, reward);
            requirePositive(id, within);
        }

        @Override
        public Optional<MissionStep> stepOf(CampaignEvent e) {
            if (e.kind() == Kind.SCAN) {
                return Optional.of(new MissionStep(e.id(), MissionStep.Kind.SCAN, e.storeId().get(), e.at(), 0));
            }
            if (e.kind() == Kind.ORDER && e.channel().get() == ChannelKind.ONLINE) {
                return Optional.of(new MissionStep(e.id(), MissionStep.Kind.ONLINE_ORDER, "", e.at(),
                        e.amount().get().minorUnits()));
            }
            return Optional.empty();
        }

        @Override
        public boolean isComplete(List<MissionStep> steps) {
            for (MissionStep scan : steps) {
                if (scan.kind() != MissionStep.Kind.SCAN) {
                    continue;
                }
                for (MissionStep order : steps) {
                    if (order.kind() == MissionStep.Kind.ONLINE_ORDER && inWindow(scan.at(), order.at(), within)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
