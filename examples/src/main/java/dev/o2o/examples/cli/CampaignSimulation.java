package dev.o2o.examples.cli;

import dev.o2o.campaign.Action;
import dev.o2o.campaign.ActionRunner;
import dev.o2o.campaign.Campaign;
import dev.o2o.campaign.CampaignEngine;
import dev.o2o.campaign.CampaignEvent;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.ClaimResult;
import dev.o2o.campaign.CustomerView;
import dev.o2o.campaign.Decisions;
import dev.o2o.campaign.EventPredicate;
import dev.o2o.campaign.Holdout;
import dev.o2o.campaign.Mission;
import dev.o2o.campaign.PlannedAction;
import dev.o2o.campaign.ReferralProgram;
import dev.o2o.campaign.Referrals;
import dev.o2o.campaign.SelfReferralCheck;
import dev.o2o.campaign.Suppression;
import dev.o2o.campaign.SuppressionReason;
import dev.o2o.campaign.Trigger;
import dev.o2o.campaign.analytics.CouponRecord;
import dev.o2o.campaign.analytics.GroupOutcome;
import dev.o2o.campaign.analytics.Incrementality;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.Store;
import dev.o2o.core.geo.GeoHit;
import dev.o2o.core.geo.StoreLocator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded simulation of three campaign mechanics on synthetic customers around synthetic
 * stores in Shanghai: a 5 km location offer with a 10% holdout, a three-store check-in mission
 * and a referral programme. Customers ping from around their home, check in at their nearest
 * store, and order online and in store; a coupon raises the chance of a store visit.
 *
 * <p>Not thread-safe; one run per instance. The same arguments give the same result.
 */
final class CampaignSimulation {

    static final String GEO = "geo-5km";
    static final String TOUR = "tour-3";
    static final String FRIENDS = "friends";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    /** Per-source counts of one run. */
    static final class Stats {
        long events;
        long actions;
        final Map<SuppressionReason, Long> suppressed = new EnumMap<>(SuppressionReason.class);
        long issued;
        long verified;
        long redeemed;
    }

    /** What a run reports. */
    static final class Result {
        final Map<String, Stats> bySource = new LinkedHashMap<>();
        long events;
        List<CouponRecord> coupons = new ArrayList<>();
        Incrementality geoLift;
        long missionCompletions;
        long referralClaims;
        long referralConversions;
    }

    /** A mutable clock the simulation moves forward. */
    private static final class SimClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private record Customer(CustomerKey key, GeoPoint home, String segment) {
    }

    /** An issued, not yet redeemed coupon. */
    private static final class Open {
        final String code;
        final String campaign;
        final Optional<String> store;
        final String segment;
        final Optional<Double> distance;
        final Instant issued;
        Optional<Instant> claimed = Optional.empty();

        Open(String code, String campaign, Optional<String> store, String segment, Optional<Double> distance, Instant issued) {
            this.code = code;
            this.campaign = campaign;
            this.store = store;
            this.segment = segment;
            this.distance = distance;
            this.issued = issued;
        }
    }

    private final int customers;
    private final int stores;
    private final int days;
    private final long seed;

    CampaignSimulation(int customers, int stores, int days, long seed) {
        if (customers < 10) {
            throw new IllegalArgumentException("--customers must be >= 10: " + customers);
        }
        if (stores < 3) {
            throw new IllegalArgumentException("--stores must be >= 3: " + stores);
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("--days must be within 1..366: " + days);
        }
        this.customers = customers;
        this.stores = stores;
        this.days = days;
        this.seed = seed;
    }

    private static Money cny(String v) {
        return Money.of(v, "CNY");
    }

    private static GeoPoint jitter(SplittableRandom rnd, GeoPoint p, double degrees) {
        return GeoPoint.of(p.latitude() + rnd.nextDouble(-degrees, degrees), p.longitude() + rnd.nextDouble(-degrees, degrees));
    }

    Result run() {
        SplittableRandom rnd = new SplittableRandom(seed);
        GeoPoint centre = GeoPoint.of(31.2304, 121.4737);
        List<Store> storeList = new ArrayList<>();
        Map<String, String> offers = new HashMap<>();
        Set<String> templates = new HashSet<>(Set.of("tour-gift", "welcome", "friend-points"));
        for (int i = 0; i < stores; i++) {
            String id = String.format("S%03d", i + 1);
            storeList.add(new Store(id, "Store " + (i + 1), jitter(rnd, centre, 0.25)));
            offers.put(id, "offer-" + id);
            templates.add("offer-" + id);
        }
        StoreLocator locator = StoreLocator.of(storeList);
        List<Customer> people = new ArrayList<>();
        Map<CustomerKey, Customer> byKey = new HashMap<>();
        String[] segments = {"new", "regular", "vip"};
        for (int i = 0; i < customers; i++) {
            Store near = storeList.get(rnd.nextInt(stores));
            Customer c = new Customer(CustomerKey.of(String.format("C%06d", i + 1)), jitter(rnd, near.location(), 0.08),
                    segments[rnd.nextInt(3)]);
            people.add(c);
            byKey.put(c.key(), c);
        }

        SimClock clock = new SimClock();
        CampaignStore store = CampaignStore.inMemory();
        Referrals referrals = Referrals.create(ReferralProgram.of(FRIENDS, Duration.ofDays(14),
                Action.awardPoints(200, cny("2.00")), Action.issueCoupon("welcome", cny("10.00"))), store, clock,
                SelfReferralCheck.sameKey());
        CampaignEngine engine = CampaignEngine.builder(store, clock)
                .directory(k -> Optional.ofNullable(byKey.get(k))
                        .map(c -> new CustomerView(c.key(), SHANGHAI, Set.of(), Set.of(c.segment()))))
                .couponTemplates(templates)
                .stores(locator)
                .campaign(Campaign.of(GEO).withHoldout(0.10).withBudget(cny("1000000.00")))
                .trigger(Trigger.builder("geo-offer", GEO).priority(10).when(EventPredicate.ping())
                        .action(Action.storeOffer(offers, 5_000, cny("5.00")))
                        .frequencyCap(1, Duration.ofDays(7)).quietHours(LocalTime.of(22, 0), LocalTime.of(8, 0)).build())
                .mission(Mission.checkIns(TOUR, 3, Duration.ofDays(14), Action.issueCoupon("tour-gift", cny("20.00"))))
                .referrals(referrals)
                .build();

        Result result = new Result();
        Map<String, Open> open = new LinkedHashMap<>();
        Map<CustomerKey, List<Open>> openByCustomer = new HashMap<>();
        ActionRunner runner = ActionRunner.create(store, (p, coupon) -> {
            String code = "CP-" + p.key();
            Customer c = byKey.get(p.customer());
            Optional<Double> distance = coupon.storeId().flatMap(id -> storeList.stream().filter(s -> s.id().equals(id))
                    .findFirst()).map(s -> s.distanceMetres(c.home()));
            Open o = new Open(code, p.source(), coupon.storeId(), c.segment(), distance, clock.instant());
            open.put(code, o);
            openByCustomer.computeIfAbsent(p.customer(), k -> new ArrayList<>()).add(o);
            return code;
        }, (p, points) -> "points-" + p.key(), (p, n) -> "sent-" + p.key());

        for (Customer c : people) {
            clock.now = START;
            engine.enrol(c.key(), TOUR);
        }
        // a fifth of the customers invite; a tenth of the others claim a random inviter's code in the first half
        List<String> codes = new ArrayList<>();
        for (Customer c : people) {
            if (rnd.nextDouble() < 0.2) {
                codes.add(referrals.inviteCode(c.key()).code());
            }
        }
        Map<Integer, List<Customer>> claimsByDay = new HashMap<>();
        for (Customer c : people) {
            if (!codes.isEmpty() && rnd.nextDouble() < 0.1) {
                claimsByDay.computeIfAbsent(rnd.nextInt(Math.max(1, days / 2)), d -> new ArrayList<>()).add(c);
            }
        }

        Map<CustomerKey, Instant> exposed = new HashMap<>();
        Map<CustomerKey, BigDecimal> storeRevenueAfterExposure = new HashMap<>();
        Set<CustomerKey> convertedAfterExposure = new HashSet<>();
        long eventSeq = 0;
        for (int day = 0; day < days; day++) {
            Instant dayStart = START.plus(Duration.ofDays(day)).minus(Duration.ofHours(8)); // midnight in Shanghai
            for (Customer c : claimsByDay.getOrDefault(day, List.of())) {
                clock.now = dayStart.plus(Duration.ofHours(9));
                var claim = referrals.claim(codes.get(rnd.nextInt(codes.size())), c.key(), Optional.empty());
                if (claim.status() == ClaimResult.Status.CLAIMED) {
                    result.referralClaims++;
                }
            }
            List<CampaignEvent> events = new ArrayList<>();
            for (Customer c : people) {
                int pings = rnd.nextDouble() < 0.6 ? 1 + rnd.nextInt(3) : 0;
                for (int i = 0; i < pings; i++) {
                    Instant at = dayStart.plusSeconds(7 * 3600 + rnd.nextInt(16 * 3600));
                    events.add(CampaignEvent.ping("p" + (eventSeq++), c.key(), at, jitter(rnd, c.home(), 0.04)));
                }
                Instant visit = dayStart.plusSeconds(10 * 3600 + rnd.nextInt(10 * 3600));
                boolean hasCoupon = !openByCustomer.getOrDefault(c.key(), List.of()).isEmpty();
                double storeRate = 0.03 + (hasCoupon ? 0.12 : 0);
                if (rnd.nextDouble() < 0.08) {
                    GeoHit<Store> s = locator.nearest(jitter(rnd, c.home(), 0.1)).orElseThrow();
                    events.add(CampaignEvent.checkIn("k" + (eventSeq++), c.key(), visit.minusSeconds(600), s.item().id()));
                }
                if (rnd.nextDouble() < storeRate) {
                    String storeId = hasCoupon
                            ? openByCustomer.get(c.key()).get(0).store.orElse(storeList.get(0).id())
                            : locator.nearest(c.home()).orElseThrow().item().id();
                    Money amount = Money.ofMinor(3_000 + rnd.nextInt(20_000), Money.currency("CNY"));
                    events.add(CampaignEvent.storeOrder("o" + (eventSeq++), c.key(), visit, amount, storeId));
                }
                if (rnd.nextDouble() < 0.04) {
                    Money amount = Money.ofMinor(2_000 + rnd.nextInt(15_000), Money.currency("CNY"));
                    events.add(CampaignEvent.onlineOrder("w" + (eventSeq++), c.key(), visit.plusSeconds(1800), amount));
                }
            }
            events.sort(Comparator.comparing(CampaignEvent::at).thenComparing(CampaignEvent::id));
            for (CampaignEvent e : events) {
                clock.now = e.at();
                result.events++;
                Decisions d = engine.evaluate(e);
                tally(result, e, d);
                if (e.kind() == CampaignEvent.Kind.LOCATION_PING && !exposed.containsKey(e.customer())
                        && (d.actions().stream().anyMatch(a -> a.source().equals(GEO))
                        || d.suppressed().stream().anyMatch(s -> s.reason() == SuppressionReason.HOLDOUT))) {
                    exposed.put(e.customer(), e.at());
                }
                if (e.kind() == CampaignEvent.Kind.ORDER && e.storeId().isPresent()) {
                    redeem(result, openByCustomer, open, e);
                    if (exposed.containsKey(e.customer())) {
                        convertedAfterExposure.add(e.customer());
                        storeRevenueAfterExposure.merge(e.customer(), e.amount().get().amount(), BigDecimal::add);
                    }
                }
                runner.run(d.actions());
                // most customers open (claim) a coupon within a few hours
                for (Open o : openByCustomer.getOrDefault(e.customer(), List.of())) {
                    if (o.claimed.isEmpty() && rnd.nextDouble() < 0.7) {
                        o.claimed = Optional.of(e.at().plusSeconds(1800));
                    }
                }
            }
        }
        for (Open o : open.values()) {
            result.coupons.add(new CouponRecord(o.code, o.campaign, o.store, "push", o.segment, o.distance, o.issued,
                    o.claimed, Optional.empty(), Optional.empty()));
            stats(result, o.campaign).issued++;
        }
        GroupOutcome treated = GroupOutcome.empty();
        GroupOutcome holdout = GroupOutcome.empty();
        for (CustomerKey k : exposed.keySet()) {
            BigDecimal revenue = storeRevenueAfterExposure.getOrDefault(k, BigDecimal.ZERO);
            if (Holdout.isHeldOut(k, GEO, 0.10)) {
                holdout = holdout.add(convertedAfterExposure.contains(k), revenue);
            } else {
                treated = treated.add(convertedAfterExposure.contains(k), revenue);
            }
        }
        result.geoLift = treated.customers() >= 2 && holdout.customers() >= 2 ? Incrementality.of(treated, holdout) : null;
        result.referralConversions = store.referrals(FRIENDS).stream().filter(l -> l.converted()).count();
        result.missionCompletions = people.stream()
                .filter(c -> store.mission(c.key(), TOUR).flatMap(p -> p.completedAt()).isPresent()).count();
        result.coupons.sort(Comparator.comparing(CouponRecord::code));
        return result;
    }

    private static Stats stats(Result r, String source) {
        return r.bySource.computeIfAbsent(source, s -> new Stats());
    }

    private static void tally(Result r, CampaignEvent e, Decisions d) {
        for (PlannedAction a : d.actions()) {
            stats(r, a.source()).actions++;
        }
        for (Suppression s : d.suppressed()) {
            String source = s.campaignId().isEmpty() ? "(event)" : s.campaignId();
            stats(r, source).suppressed.merge(s.reason(), 1L, Long::sum);
        }
        if (e.kind() == CampaignEvent.Kind.LOCATION_PING) {
            stats(r, GEO).events++;
        } else if (e.kind() == CampaignEvent.Kind.CHECK_IN) {
            stats(r, TOUR).events++;
        } else if (e.kind() == CampaignEvent.Kind.ORDER) {
            stats(r, FRIENDS).events++;
        }
    }

    /** A store order redeems the customer's oldest open coupon of that store, verified at the till. */
    private static void redeem(Result r, Map<CustomerKey, List<Open>> byCustomer, Map<String, Open> open, CampaignEvent order) {
        List<Open> mine = byCustomer.getOrDefault(order.customer(), List.of());
        for (int i = 0; i < mine.size(); i++) {
            Open o = mine.get(i);
            if (o.store.isEmpty() || o.store.get().equals(order.storeId().get())) {
                Instant claimed = o.claimed.orElse(order.at());
                if (claimed.isAfter(order.at())) {
                    claimed = order.at();
                }
                r.coupons.add(new CouponRecord(o.code, o.campaign, o.store, "push", o.segment, o.distance, o.issued,
                        Optional.of(claimed), Optional.of(order.at()), Optional.of(order.at())));
                stats(r, o.campaign).issued++;
                stats(r, o.campaign).verified++;
                stats(r, o.campaign).redeemed++;
                open.remove(o.code);
                mine.remove(i);
                return;
            }
        }
    }
}
