package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Store;
import dev.o2o.core.consent.ConsentCheck;
import dev.o2o.core.consent.ConsentPurpose;
import dev.o2o.core.geo.GeoHit;
import dev.o2o.core.geo.StoreLocator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns events into decisions: which actions to run for whom, and for each matching trigger
 * that does not act, why. Build with {@link #builder(CampaignStore, Clock)}.
 *
 * <p>For one event the engine (1) claims the event id (a replay gets the first evaluation's
 * actions back, flagged, and nothing new; an engine without missions and referrals claims it in
 * the same store step as (3)'s reservations and decision, {@link CampaignStore#claimAndDecide});
 * (2) advances the customer's missions and referral conversion; (3) walks the triggers that
 * match the event (indexed by the event kinds of their predicates, {@link EventPredicate#kinds()})
 * by descending priority (then id), checking audience, holdout, consent (if
 * {@link Builder#consent configured}) and quiet hours, then asks the store to reserve them all,
 * atomically and in that order ({@link CampaignStore#reserveAndDecide}): cool-down, frequency cap,
 * the daily contact limit, budget and global cap. A trigger that passes plans its actions.
 *
 * <p>A mission that refuses the event (a spend mission, an order in another currency) throws
 * {@link IllegalArgumentException} before the claim, so a refused event leaves nothing behind.
 *
 * <p><b>Time.</b> Each event is evaluated at its own instant {@link CampaignEvent#at()}, also
 * when it arrives late: quiet hours and the daily limit use that instant's local time in the
 * customer's zone, and caps count fires within one window either side of it (see
 * {@link Reservation}), so out-of-order arrival can never break a cap. A trigger's
 * {@link Action#enrol} enrols the customer at the event's instant too, so the mission counts events
 * from the one that enrolled, whenever it arrives. The clock is read only by a direct
 * {@link #enrol(CustomerKey, String)}, which enrols at the clock's instant.
 *
 * <p>Thread-safe: evaluate events from any number of threads; all state is in the store.
 */
public final class CampaignEngine {

    private final CampaignStore store;
    private final Clock clock;
    private final CustomerDirectory directory;
    private final Map<String, Campaign> campaigns;
    /** Triggers by the event kinds their predicates accept, each list in priority order. */
    private final Map<CampaignEvent.Kind, List<Trigger>> triggersByKind;
    private final Map<String, Mission> missions;
    private final List<Referrals> referrals;
    private final Optional<StoreLocator> locator;
    private final int maxContactsPerDay;
    private final Optional<ConsentCheck> consent;

    private CampaignEngine(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.directory = b.directory;
        this.campaigns = Map.copyOf(b.campaigns);
        List<Trigger> sorted = new ArrayList<>(b.triggers.values());
        sorted.sort(Comparator.comparingInt(Trigger::priority).reversed().thenComparing(Trigger::id));
        Map<CampaignEvent.Kind, List<Trigger>> byKind = new EnumMap<>(CampaignEvent.Kind.class);
        for (CampaignEvent.Kind kind : CampaignEvent.Kind.values()) {
            List<Trigger> ofKind = new ArrayList<>();
            for (Trigger t : sorted) {
                if (t.when().kinds().contains(kind)) {
                    ofKind.add(t);
                }
            }
            byKind.put(kind, List.copyOf(ofKind));
        }
        this.triggersByKind = byKind;
        this.missions = Map.copyOf(b.missions);
        this.referrals = List.copyOf(b.referrals);
        this.locator = Optional.ofNullable(b.locator);
        this.maxContactsPerDay = b.maxContactsPerDay == null ? DEFAULT_MAX_CONTACTS_PER_DAY : b.maxContactsPerDay;
        this.consent = Optional.ofNullable(b.consent);
    }

    /** Contacts per customer per local day when the builder does not set a limit. */
    public static final int DEFAULT_MAX_CONTACTS_PER_DAY = 3;

    /** A builder over a store and a clock. */
    public static Builder builder(CampaignStore store, Clock clock) {
        return new Builder(store, clock);
    }

    /** The store. */
    public CampaignStore store() {
        return store;
    }

    /**
     * Enrols a customer in a mission at the clock's instant (no-op if enrolled already).
     *
     * @throws IllegalArgumentException naming the mission if it is unknown
     */
    public MissionProgress enrol(CustomerKey customer, String missionId) {
        return enrol(customer, missionId, clock.instant());
    }

    private MissionProgress enrol(CustomerKey customer, String missionId, Instant at) {
        Objects.requireNonNull(customer, "customer");
        if (!missions.containsKey(missionId)) {
            throw new IllegalArgumentException("missionId: unknown mission '" + missionId + "'");
        }
        while (true) {
            Optional<MissionProgress> current = store.mission(customer, missionId);
            if (current.isPresent()) {
                return current.get();
            }
            MissionProgress fresh = new MissionProgress(customer, missionId, at, List.of(), Optional.empty(), 1);
            if (store.saveMission(fresh)) {
                return fresh;
            }
        }
    }

    /** Evaluates one event. */
    public Decisions evaluate(CampaignEvent event) {
        Objects.requireNonNull(event, "event");
        // missions and referrals write as they advance, so they need the claim first; triggers alone
        // claim with their decision, in one step of the store
        boolean claimFirst = !missions.isEmpty() || !referrals.isEmpty();
        // a mission may refuse the event (an order in another currency than a spend mission's):
        // ask before the claim, so that a refused event leaves nothing behind
        Map<String, MissionStep> steps = missions.isEmpty() ? Map.of() : missionSteps(event);
        if (claimFirst && !store.claimEvent(event.id())) {
            return replay(event);
        }
        List<PlannedAction> planned = new ArrayList<>();
        if (!steps.isEmpty()) {
            advanceMissions(event, steps, planned);
        }
        for (Referrals r : referrals) {
            planned.addAll(r.onOrder(event));
        }
        Optional<CustomerView> view = null;
        ZonedDateTime local = null;
        // stores in range, per radius: several location offers on one ping share one locator query
        Map<Double, List<GeoHit<Store>>> nearby = new HashMap<>(4);
        // per matching trigger in priority order: its suppression, or its place among the candidates
        List<Suppression> suppressions = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Boolean> heldOut = new HashMap<>(4);
        String day = null;
        for (Trigger t : triggersByKind.get(event.kind())) {
            if (!t.when().test(event)) {
                continue;
            }
            List<Action> actions = resolve(t, event, nearby);
            if (actions.isEmpty()) {
                continue;
            }
            if (view == null) {
                view = directory.find(event.customer());
                local = view.map(v -> event.at().atZone(v.zone())).orElse(null);
                day = local == null ? null : local.toLocalDate().toString();
            }
            Optional<SuppressionReason> reason = check(t, event, view, local, heldOut);
            if (reason.isPresent()) {
                suppressions.add(new Suppression(t.campaignId(), t.id(), reason.get()));
            } else {
                candidates.add(new Candidate(t, actions, reservation(t, event, day, actions), suppressions.size()));
                suppressions.add(null);
            }
        }
        List<Reservation> reservations = new ArrayList<>(candidates.size());
        candidates.forEach(cand -> reservations.add(cand.reservation()));
        List<Reservation.Outcome> outcomes;
        if (claimFirst) {
            outcomes = store.reserveAndDecide(event.id(), reservations, o -> decided(event, planned, candidates, o));
        } else {
            Optional<List<Reservation.Outcome>> fresh = store.claimAndDecide(event.id(), reservations,
                    o -> decided(event, planned, candidates, o));
            if (fresh.isEmpty()) {
                return replay(event);
            }
            outcomes = fresh.get();
        }
        List<PlannedAction> actions = decided(event, planned, candidates, outcomes);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate cand = candidates.get(i);
            Reservation.Outcome o = outcomes.get(i);
            if (o != Reservation.Outcome.RESERVED) {
                suppressions.set(cand.slot(), new Suppression(cand.trigger().campaignId(), cand.trigger().id(), o.reason()));
                continue;
            }
            for (int a = 0; a < cand.actions().size(); a++) {
                if (cand.actions().get(a) instanceof Action.EnrolMission m) {
                    enrol(event.customer(), m.missionId(), event.at());
                    store.recordResult(actionKey(event, cand.trigger(), a), "enrolled");
                }
            }
        }
        suppressions.removeIf(Objects::isNull); // the reserved candidates' places
        return new Decisions(event, actions, suppressions, false);
    }

    private Decisions replay(CampaignEvent event) {
        return new Decisions(event, store.decision(event.id()).orElse(List.of()),
                List.of(new Suppression("", "", SuppressionReason.DUPLICATE_EVENT)), true);
    }

    /** A trigger that passed the engine's own checks and asks the store for a fire. */
    private record Candidate(Trigger trigger, List<Action> actions, Reservation reservation, int slot) {
    }

    private static String actionKey(CampaignEvent event, Trigger t, int action) {
        return event.id() + "/" + t.id() + "/" + action;
    }

    /** The event's actions: missions' and referrals' first, then those of every reserved candidate. */
    private static List<PlannedAction> decided(CampaignEvent event, List<PlannedAction> planned, List<Candidate> candidates,
                                               List<Reservation.Outcome> outcomes) {
        List<PlannedAction> out = new ArrayList<>(planned);
        for (int i = 0; i < candidates.size(); i++) {
            if (outcomes.get(i) != Reservation.Outcome.RESERVED) {
                continue;
            }
            Candidate cand = candidates.get(i);
            for (int a = 0; a < cand.actions().size(); a++) {
                out.add(new PlannedAction(actionKey(event, cand.trigger(), a), event.customer(), cand.trigger().campaignId(),
                        cand.trigger().id(), cand.actions().get(a)));
            }
        }
        return out;
    }

    /** Audience, holdout, consent and quiet hours: the checks that need no store. */
    private Optional<SuppressionReason> check(Trigger t, CampaignEvent event, Optional<CustomerView> view,
                                              ZonedDateTime local, Map<String, Boolean> heldOut) {
        if (view.isEmpty()) {
            return Optional.of(SuppressionReason.UNKNOWN_CUSTOMER);
        }
        if (!t.audience().includes(view.get())) {
            return Optional.of(SuppressionReason.NOT_IN_AUDIENCE);
        }
        Campaign c = campaigns.get(t.campaignId());
        // several triggers of one campaign on one event hash the customer once
        if (c.holdoutShare() > 0 && heldOut.computeIfAbsent(c.id(),
                id -> Holdout.isHeldOut(event.customer(), id, c.holdoutShare()))) {
            return Optional.of(SuppressionReason.HOLDOUT);
        }
        if (consent.isPresent() && !consents(t, event)) {
            return Optional.of(SuppressionReason.NO_CONSENT);
        }
        LocalTime time = local.toLocalTime();
        for (QuietHours q : t.quietHours()) {
            if (q.contains(time)) {
                return Optional.of(SuppressionReason.QUIET_HOURS);
            }
        }
        return Optional.empty();
    }

    /** What the store checks: cool-down, frequency cap, daily contacts, budget and global cap. */
    private Reservation reservation(Trigger t, CampaignEvent event, String day, List<Action> actions) {
        Campaign c = campaigns.get(t.campaignId());
        long cost = 0;
        if (c.budget().isPresent()) {
            for (Action a : actions) {
                cost += a.cost().map(Money::minorUnits).orElse(0L);
            }
        }
        return new Reservation(event.customer(), c.id(), t.id(), event.at(), t.frequencyCap().orElse(0),
                t.frequencyWindow(), t.coolDown(), day, maxContactsPerDay, cost,
                c.budget().map(Money::minorUnits).orElse(-1L), c.globalCap().orElse(-1L));
    }

    /** Marketing consent for every trigger, and location consent too for a location-based offer. */
    private boolean consents(Trigger t, CampaignEvent event) {
        ConsentCheck check = consent.get();
        if (!check.allows(event.customer(), ConsentPurpose.MARKETING_MESSAGES, event.at())) {
            return false;
        }
        for (Action a : t.actions()) {
            if (a instanceof Action.StoreOffer) {
                return check.allows(event.customer(), ConsentPurpose.LOCATION, event.at());
            }
        }
        return true;
    }

    /** The trigger's actions with a store offer resolved; empty if the offer has no store in range. */
    private List<Action> resolve(Trigger t, CampaignEvent event, Map<Double, List<GeoHit<Store>>> nearby) {
        List<Action> out = new ArrayList<>(t.actions().size());
        for (Action a : t.actions()) {
            if (a instanceof Action.StoreOffer offer) {
                Optional<Action> coupon = nearestOffer(offer, event, nearby);
                if (coupon.isEmpty()) {
                    return List.of();
                }
                out.add(coupon.get());
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private Optional<Action> nearestOffer(Action.StoreOffer offer, CampaignEvent event,
                                          Map<Double, List<GeoHit<Store>>> nearby) {
        if (event.location().isEmpty()) {
            return Optional.empty();
        }
        List<GeoHit<Store>> inRange = nearby.computeIfAbsent(offer.radiusMetres(),
                r -> locator.get().within(event.location().get(), r));
        for (GeoHit<Store> hit : inRange) {
            String template = offer.templateByStore().get(hit.item().id());
            if (template != null) {
                return Optional.of(new Action.IssueCoupon(template, Optional.of(hit.item().id()), offer.cost()));
            }
        }
        return Optional.empty();
    }

    /** The step the event contributes to each mission the customer is enrolled in, by mission id. */
    private Map<String, MissionStep> missionSteps(CampaignEvent event) {
        Map<String, MissionStep> out = new LinkedHashMap<>();
        for (MissionProgress enrolled : store.missions(event.customer())) {
            Mission mission = missions.get(enrolled.missionId());
            if (mission != null) { // else progress of a mission this engine no longer runs
                mission.stepOf(event).ifPresent(step -> out.put(mission.id(), step));
            }
        }
        return out;
    }

    private void advanceMissions(CampaignEvent event, Map<String, MissionStep> stepByMission, List<PlannedAction> planned) {
        for (Map.Entry<String, MissionStep> e : stepByMission.entrySet()) {
            Mission mission = missions.get(e.getKey());
            while (true) {
                MissionProgress p = store.mission(event.customer(), mission.id()).orElseThrow();
                if (p.completedAt().isPresent() || event.at().isBefore(p.enrolledAt()) || p.hasStep(event.id())) {
                    break;
                }
                List<MissionStep> steps = new ArrayList<>(p.steps());
                steps.add(e.getValue());
                boolean done = mission.isComplete(steps);
                MissionProgress next = new MissionProgress(p.customer(), p.missionId(), p.enrolledAt(), steps,
                        done ? Optional.of(event.at()) : Optional.empty(), p.version() + 1);
                if (store.saveMission(next)) {
                    if (done) {
                        planned.add(new PlannedAction("mission:" + mission.id() + ":" + event.customer().value(),
                                event.customer(), mission.id(), mission.id(), mission.reward()));
                    }
                    break;
                }
            }
        }
    }

    /**
     * Builds a {@link CampaignEngine}. Everything is validated at {@link #build()}: triggers of
     * unknown campaigns, unknown coupon templates, unknown missions, store offers without a
     * locator or for unknown stores, and costs in another currency than the budget are refused
     * naming the trigger, the field and the value.
     */
    public static final class Builder {
        private final CampaignStore store;
        private final Clock clock;
        private CustomerDirectory directory;
        private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
        private final Map<String, Trigger> triggers = new LinkedHashMap<>();
        private final Map<String, Mission> missions = new LinkedHashMap<>();
        private final List<Referrals> referrals = new ArrayList<>();
        private Set<String> couponTemplates;
        private StoreLocator locator;
        private Integer maxContactsPerDay;
        private ConsentCheck consent;

        private Builder(CampaignStore store, Clock clock) {
            this.store = Objects.requireNonNull(store, "store");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Where customers are looked up; required. */
        public Builder directory(CustomerDirectory directory) {
            if (this.directory != null) {
                throw new IllegalStateException("directory already set");
            }
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The coupon templates (coupon definition ids) actions may issue; required if any action issues one. */
        public Builder couponTemplates(Set<String> templateIds) {
            if (this.couponTemplates != null) {
                throw new IllegalStateException("couponTemplates already set");
            }
            this.couponTemplates = Set.copyOf(templateIds);
            return this;
        }

        /** The stores for location-based offers. */
        public Builder stores(StoreLocator locator) {
            if (this.locator != null) {
                throw new IllegalStateException("stores already set");
            }
            this.locator = Objects.requireNonNull(locator, "locator");
            return this;
        }

        /**
         * Asks consent before a trigger acts: a trigger needs {@code MARKETING_MESSAGES} at the
         * event's instant, and a location-based offer also {@code LOCATION}; otherwise it is
         * suppressed with {@link SuppressionReason#NO_CONSENT} (after the holdout check, before any
         * cap is used). Missions and referrals the customer joined are not gated. Without this call
         * the engine does not check consent (the host does it elsewhere).
         */
        public Builder consent(ConsentCheck check) {
            if (this.consent != null) {
                throw new IllegalStateException("consent already set");
            }
            this.consent = Objects.requireNonNull(check, "check");
            return this;
        }

        /** Contacts per customer per local day across all campaigns; default {@value #DEFAULT_MAX_CONTACTS_PER_DAY}. */
        public Builder maxContactsPerDay(int limit) {
            if (this.maxContactsPerDay != null) {
                throw new IllegalStateException("maxContactsPerDay already set");
            }
            if (limit < 1) {
                throw new IllegalArgumentException("maxContactsPerDay must be >= 1: " + limit);
            }
            this.maxContactsPerDay = limit;
            return this;
        }

        public Builder campaign(Campaign campaign) {
            if (campaigns.putIfAbsent(campaign.id(), campaign) != null) {
                throw new IllegalStateException("campaign '" + campaign.id() + "' already added");
            }
            return this;
        }

        public Builder trigger(Trigger trigger) {
            if (triggers.putIfAbsent(trigger.id(), trigger) != null) {
                throw new IllegalStateException("trigger '" + trigger.id() + "' already added");
            }
            return this;
        }

        public Builder mission(Mission mission) {
            if (missions.putIfAbsent(mission.id(), mission) != null) {
                throw new IllegalStateException("mission '" + mission.id() + "' already added");
            }
            return this;
        }

        /** A referral programme whose conversions the engine detects on order events. */
        public Builder referrals(Referrals referrals) {
            this.referrals.add(Objects.requireNonNull(referrals, "referrals"));
            return this;
        }

        public CampaignEngine build() {
            if (directory == null) {
                throw new IllegalStateException("directory is required");
            }
            for (Trigger t : triggers.values()) {
                Campaign c = campaigns.get(t.campaignId());
                if (c == null) {
                    throw new IllegalArgumentException("trigger '" + t.id() + "': unknown campaign '" + t.campaignId() + "'");
                }
                for (int i = 0; i < t.actions().size(); i++) {
                    validate(t.id() + "' action " + i, t.actions().get(i), c);
                }
            }
            for (Mission m : missions.values()) {
                validate("mission '" + m.id() + "' reward", m.reward(), null);
            }
            for (Referrals r : referrals) {
                validate("referral programme '" + r.program().id() + "' inviterReward", r.program().inviterReward(), null);
                validate("referral programme '" + r.program().id() + "' inviteeReward", r.program().inviteeReward(), null);
            }
            return new CampaignEngine(this);
        }

        private void validate(String where, Action a, Campaign c) {
            String at = c == null ? where : "trigger '" + where;
            if (a instanceof Action.IssueCoupon ic) {
                requireTemplate(at, ic.templateId());
            } else if (a instanceof Action.StoreOffer so) {
                if (locator == null) {
                    throw new IllegalArgumentException(at + ": a storeOffer needs stores(locator)");
                }
                Set<String> known = new HashSet<>();
                locator.stores().forEach(s -> known.add(s.id()));
                so.templateByStore().forEach((storeId, template) -> {
                    if (!known.contains(storeId)) {
                        throw new IllegalArgumentException(at + ": templateByStore names unknown store '" + storeId + "'");
                    }
                    requireTemplate(at, template);
                });
            } else if (a instanceof Action.EnrolMission em && !missions.containsKey(em.missionId())) {
                throw new IllegalArgumentException(at + ": missionId: unknown mission '" + em.missionId() + "'");
            }
            if (c != null && c.budget().isPresent() && a.cost().isPresent()
                    && !a.cost().get().currency().equals(c.budget().get().currency())) {
                throw new IllegalArgumentException(at + ": cost " + a.cost().get() + " is not in the currency of campaign '"
                        + c.id() + "' budget " + c.budget().get());
            }
        }

        private void requireTemplate(String at, String template) {
            if (couponTemplates == null || !couponTemplates.contains(template)) {
                throw new IllegalArgumentException(at + ": templateId: unknown coupon template '" + template + "'");
            }
        }
    }
}
