package dev.o2o.risk.eval;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.RiskEvent;
import dev.o2o.risk.forest.ForestConfig;
import dev.o2o.risk.forest.IsolationForest;
import dev.o2o.risk.velocity.VelocityConfig;
import dev.o2o.risk.velocity.VelocityEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision and recall per abuse pattern of the velocity rules and of the isolation forest on
 * labelled traffic ({@link AbuseSimulation}).
 *
 * <p>Rules are scored per event, in time order, as a guard sees them: an event is caught when its
 * decision is REVIEW or DENY. The forest is scored per entity: one row of features per account
 * (for the account patterns) and per clerk (for clerk fraud), caught when its score is at least
 * the threshold. For a pattern, recall is the share of its events (entities) caught and precision
 * is caught ones of the pattern over those plus the ordinary ones caught, that is, precision
 * against ordinary traffic as if that pattern were the only abuse.
 *
 * <p>Stateless and thread-safe.
 */
public final class Evaluation {

    /** The rule set evaluated by default, one or two rules per pattern (see {@link dev.o2o.risk.velocity.VelocityRule#parse}). */
    public static final String DEFAULT_RULES = """
            DEVICE_NEW_ACCOUNTS: distinct identifier of sign_up,coupon_redemption by device over 24h review 3 deny 5
            ACCOUNT_BURST: count of coupon_claim,coupon_redemption by identifier over 10m review 5 deny 10
            REFUND_CHURN: count of points_reverse by identifier over 24h review 3 deny 5
            EARN_REFUND_CHURN: count of points_earn,points_reverse by identifier over 24h review 6 deny 12
            CLERK_VERIFICATIONS: count of store_verification by clerk over 2h review 12 deny 30
            DEVICE_REFERRALS: count of referral by device over 7d review 2 deny 3
            DEVICE_SIGN_UPS: distinct identifier of sign_up by device over 7d review 3 deny 6
            """;

    /** The forest's default threshold: scores at least this are caught. */
    public static final double DEFAULT_FOREST_THRESHOLD = 0.6;

    private Evaluation() {
    }

    /**
     * The figures of one detector on one pattern.
     *
     * @param pattern        the pattern
     * @param detector       "rules" or "forest"
     * @param unit           "event" or "entity"
     * @param positives      events (entities) of the pattern
     * @param caught         of them caught
     * @param ordinaryCaught ordinary events (entities) caught by the detector
     */
    public record Score(Pattern pattern, String detector, String unit, int positives, int caught, int ordinaryCaught) {
        public Score {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(detector, "detector");
            Objects.requireNonNull(unit, "unit");
            if (positives < 0 || caught < 0 || caught > positives || ordinaryCaught < 0) {
                throw new IllegalArgumentException("counts must satisfy 0 <= caught <= positives and ordinaryCaught >= 0: "
                        + caught + ", " + positives + ", " + ordinaryCaught);
            }
        }

        /** Caught over positives (NaN without positives). */
        public double recall() {
            return positives == 0 ? Double.NaN : (double) caught / positives;
        }

        /** Caught over caught plus ordinary caught (NaN when nothing was caught). */
        public double precision() {
            return caught + ordinaryCaught == 0 ? Double.NaN : (double) caught / (caught + ordinaryCaught);
        }
    }

    /**
     * The report.
     *
     * @param events   events evaluated, not negative
     * @param abusive  of them labelled abuse, at most {@code events}
     * @param rules    rules, per pattern
     * @param forest   forest, per pattern
     */
    public record Report(int events, int abusive, List<Score> rules, List<Score> forest) {
        public Report {
            if (events < 0) {
                throw new IllegalArgumentException("events must not be negative: " + events);
            }
            if (abusive < 0 || abusive > events) {
                throw new IllegalArgumentException("abusive must be between 0 and events (" + events + "): " + abusive);
            }
            rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
            forest = List.copyOf(Objects.requireNonNull(forest, "forest"));
        }
    }

    /** Runs the default rules and a default forest (seeded) with the default threshold. */
    public static Report run(List<LabelledEvent> events, long forestSeed) {
        return run(events, VelocityEngine.parse(DEFAULT_RULES, CustomerResolver.none(), VelocityConfig.defaults()),
                ForestConfig.defaults().withSeed(forestSeed), DEFAULT_FOREST_THRESHOLD);
    }

    /**
     * Runs {@code engine} over the events in order and a forest of {@code forest} on their entities.
     * A kind of entity (accounts, clerks) absent from the events is reported with nothing to score:
     * no positives and nothing caught. One alone is refused: the forest scores entities against each
     * other.
     *
     * @param threshold a forest score, more than 0 and at most 1: scores lie in (0, 1], so any other
     *                  threshold catches every entity or none
     */
    public static Report run(List<LabelledEvent> events, VelocityEngine engine, ForestConfig forest, double threshold) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(forest, "forest");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be a forest score, more than 0 and at most 1: " + threshold);
        }
        int[] ordinaryCaught = {0};
        Map<Pattern, int[]> byPattern = new EnumMap<>(Pattern.class);
        int abusive = 0;
        for (LabelledEvent le : events) {
            boolean caught = engine.evaluate(le.event()).action() != Action.ALLOW;
            if (le.pattern().isEmpty()) {
                ordinaryCaught[0] += caught ? 1 : 0;
            } else {
                abusive++;
                int[] c = byPattern.computeIfAbsent(le.pattern().get(), p -> new int[2]);
                c[0]++;
                c[1] += caught ? 1 : 0;
            }
        }
        List<Score> rules = new ArrayList<>();
        for (Map.Entry<Pattern, int[]> e : byPattern.entrySet()) {
            rules.add(new Score(e.getKey(), "rules", "event", e.getValue()[0], e.getValue()[1], ordinaryCaught[0]));
        }
        return new Report(events.size(), abusive, rules, forestScores(events, forest, threshold));
    }

    private static List<Score> forestScores(List<LabelledEvent> events, ForestConfig config, double threshold) {
        EntityFeatures accounts = new EntityFeatures("accounts");
        EntityFeatures clerks = new EntityFeatures("clerks (of store verifications)");
        Map<String, Set<String>> accountsOnDevice = new HashMap<>();
        for (LabelledEvent le : events) {
            RiskEvent e = le.event();
            e.device().ifPresent(d -> accountsOnDevice.computeIfAbsent(d, k -> new HashSet<>()).add(e.identifier()));
        }
        for (LabelledEvent le : events) {
            RiskEvent e = le.event();
            boolean clerkFraud = le.pattern().equals(Optional.of(Pattern.CLERK_FRAUD));
            if (!clerkFraud) {
                accounts.add(e.identifier(), e, le.pattern(), accountsOnDevice);
            }
            if (e.type() == EventType.STORE_VERIFICATION && e.clerk().isPresent()) {
                clerks.add(e.clerk().get(), e, le.pattern(), accountsOnDevice);
            }
        }
        List<Score> out = new ArrayList<>();
        out.addAll(accounts.score(config, threshold, Set.of(Pattern.DEVICE_FARM, Pattern.BOT_BURST, Pattern.REFUND_CHURN,
                Pattern.REFERRAL_RING)));
        out.addAll(clerks.score(config, threshold, Set.of(Pattern.CLERK_FRAUD)));
        return out;
    }

    /** Per-entity feature rows: events, devices, stores, busiest 10 minutes, reversals, referrals, sign-ups, crowd on its devices, night share. */
    private static final class EntityFeatures {
        private final Map<String, List<RiskEvent>> byEntity = new TreeMap<>();
        private final Map<String, Pattern> label = new HashMap<>();
        private final Map<String, Integer> crowd = new HashMap<>();
        private final String kind;

        EntityFeatures(String kind) {
            this.kind = kind;
        }

        void add(String entity, RiskEvent e, Optional<Pattern> pattern, Map<String, Set<String>> accountsOnDevice) {
            byEntity.computeIfAbsent(entity, k -> new ArrayList<>()).add(e);
            pattern.ifPresent(p -> label.put(entity, p));
            int onDevice = e.device().map(d -> accountsOnDevice.get(d).size()).orElse(0);
            crowd.merge(entity, onDevice, Math::max);
        }

        List<Score> score(ForestConfig config, double threshold, Set<Pattern> patterns) {
            List<String> names = new ArrayList<>(byEntity.keySet());
            // the forest's own message ('at least two rows') would not say which entities were missing
            if (names.size() == 1) {
                throw new IllegalArgumentException("the forest scores " + kind
                        + " against each other and needs two or more: " + names.size());
            }
            double[][] rows = new double[names.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = features(byEntity.get(names.get(i)), crowd.get(names.get(i)));
            }
            // none at all: nothing to score and nothing caught, which the scores below say exactly
            double[] s = rows.length == 0 ? new double[0] : IsolationForest.fit(rows, config).scoreAll(rows);
            int ordinaryCaught = 0;
            Map<Pattern, int[]> byPattern = new EnumMap<>(Pattern.class);
            for (int i = 0; i < rows.length; i++) {
                boolean caught = s[i] >= threshold;
                Pattern p = label.get(names.get(i));
                if (p == null) {
                    ordinaryCaught += caught ? 1 : 0;
                } else {
                    int[] c = byPattern.computeIfAbsent(p, k -> new int[2]);
                    c[0]++;
                    c[1] += caught ? 1 : 0;
                }
            }
            List<Score> out = new ArrayList<>();
            for (Pattern p : patterns) {
                int[] c = byPattern.getOrDefault(p, new int[2]);
                out.add(new Score(p, "forest", "entity", c[0], c[1], ordinaryCaught));
            }
            out.sort((a, b) -> a.pattern().compareTo(b.pattern()));
            return out;
        }

        private static double[] features(List<RiskEvent> events, int crowd) {
            Set<String> devices = new HashSet<>();
            Set<String> stores = new HashSet<>();
            Set<String> people = new HashSet<>();
            int reversals = 0;
            int referrals = 0;
            int signUps = 0;
            int night = 0;
            List<Instant> times = new ArrayList<>();
            for (RiskEvent e : events) {
                e.device().ifPresent(devices::add);
                e.store().ifPresent(stores::add);
                people.add(e.identifier());
                reversals += e.type() == EventType.POINTS_REVERSE ? 1 : 0;
                referrals += e.type() == EventType.REFERRAL ? 1 : 0;
                signUps += e.type() == EventType.SIGN_UP ? 1 : 0;
                int hour = e.at().atZone(ZoneOffset.UTC).getHour();
                night += hour >= 20 || hour < 8 ? 1 : 0;
                times.add(e.at());
            }
            times.sort(null);
            int busiest = 0;
            int from = 0;
            for (int i = 0; i < times.size(); i++) {
                while (Duration.between(times.get(from), times.get(i)).compareTo(Duration.ofMinutes(10)) >= 0) {
                    from++;
                }
                busiest = Math.max(busiest, i - from + 1);
            }
            return new double[] {events.size(), devices.size(), stores.size(), people.size(), busiest, reversals, referrals,
                signUps, crowd, (double) night / events.size()};
        }
    }
}
