package dev.o2o.risk.velocity;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Field;
import dev.o2o.risk.Reason;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates {@link VelocityRule}s on a stream of {@link RiskEvent}s: each event is counted into the
 * windows of every rule that selects its type (at its own instant, see {@link VelocityConfig}) and
 * decided on the figures including it. Denied events are counted too: a rule counts attempts.
 *
 * <p>State is kept per key field and key value (the rules keyed by the same field share one map
 * entry per value). {@link #evictIdle(Instant)} drops keys whose newest event is older than the
 * longest window plus the allowed lateness; call it periodically (for example once a minute from a
 * scheduled executor): keys are otherwise kept.
 *
 * <p>Deployment: with a million active keys the windows take about a gigabyte that each event reads
 * at random places, so most of an event's time is memory latency, address translation included.
 * Large pages cut the latter: {@code -XX:+UseTransparentHugePages} (Linux, transparent huge pages
 * in {@code madvise} or {@code always} mode) made the guard benchmark 14 to 22 % faster.
 *
 * <p>Thread-safe: keys live in concurrent maps and each key's windows are updated under that key's
 * lock, so events of different keys proceed in parallel and the figures of one key are those of
 * some serial order of its events.
 */
public final class VelocityEngine {

    private final List<VelocityRule> rules;
    private final CustomerResolver resolver;
    private final VelocityConfig config;
    private final long resolutionMillis;
    private final long latenessBuckets;
    private final long longestWindowBuckets;
    private final int maxEntriesPerKey;
    private final Group[] groups;
    private final boolean needsCustomer;
    /**
     * Starts the hash of every distinct value, drawn at random per engine: with FNV's fixed start
     * anyone could search offline, once for every deployment, for values that collide (say, device
     * ids made to count as one device; a birthday search of about 2³² hashes finds a pair). A random
     * start makes that search per engine and blind. Not a keyed cryptographic hash: it raises the
     * cost of such an attack, it does not rule it out.
     */
    private final long hashSeed = new SecureRandom().nextLong();

    /** The rules keyed by one field, with the map of that field's key values. */
    private static final class Group {
        final Field field;
        final VelocityRule[] rules;
        final long[] windowBuckets;
        final boolean[] distinct;
        final Field[] distinctOf;
        final RuleText[] texts;
        /** Per rule, the reasons built so far (see {@link #reasonOf}). */
        final Reason[][] reasons;
        /** Per event type (ordinal): whether each rule counts it, and whether any does. */
        final boolean[][] counts;
        final boolean[] countsAny;
        final ConcurrentHashMap<String, KeyState> keys = new ConcurrentHashMap<>();

        Group(Field field, List<VelocityRule> rules, long resolutionMillis) {
            this.field = field;
            this.rules = rules.toArray(new VelocityRule[0]);
            this.windowBuckets = new long[this.rules.length];
            this.distinct = new boolean[this.rules.length];
            this.distinctOf = new Field[this.rules.length];
            this.texts = new RuleText[this.rules.length];
            this.reasons = new Reason[this.rules.length][];
            EventType[] types = EventType.values();
            this.counts = new boolean[types.length][this.rules.length];
            this.countsAny = new boolean[types.length];
            for (int i = 0; i < this.rules.length; i++) {
                windowBuckets[i] = this.rules[i].window().toMillis() / resolutionMillis;
                distinct[i] = this.rules[i].measure() == Measure.DISTINCT;
                distinctOf[i] = this.rules[i].distinctOf().orElse(null);
                texts[i] = RuleText.of(this.rules[i]);
                reasons[i] = new Reason[4 * CACHED_FIGURES];
                for (EventType t : types) {
                    counts[t.ordinal()][i] = this.rules[i].counts(t);
                    countsAny[t.ordinal()] |= counts[t.ordinal()][i];
                }
            }
        }
    }

    /** One key value's windows of all the group's rules, and the engine's bookkeeping for the key. */
    private static final class KeyState extends KeyWindows {
        long newest = Long.MIN_VALUE;

        KeyState(boolean[] distinct) {
            super(distinct);
        }
    }

    private VelocityEngine(List<VelocityRule> rules, CustomerResolver resolver, VelocityConfig config) {
        this.rules = List.copyOf(rules);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.config = Objects.requireNonNull(config, "config");
        this.resolutionMillis = config.resolution().toMillis();
        this.maxEntriesPerKey = config.maxEntriesPerKey();
        this.latenessBuckets = Math.floorDiv(config.maxLateness().toMillis() + resolutionMillis - 1, resolutionMillis);
        Set<String> codes = new HashSet<>();
        Map<Field, List<VelocityRule>> byField = new EnumMap<>(Field.class);
        long longest = 0;
        for (VelocityRule r : this.rules) {
            if (!codes.add(r.code())) {
                throw new IllegalArgumentException("rule code " + r.code() + " is used twice");
            }
            if (r.window().toMillis() % resolutionMillis != 0 || r.window().toNanos() % 1_000_000 != 0) {
                throw new IllegalArgumentException("window " + r.window() + " of rule " + r.code()
                        + " must be a whole multiple of the resolution " + config.resolution());
            }
            byField.computeIfAbsent(r.key(), f -> new ArrayList<>()).add(r);
            longest = Math.max(longest, r.window().toMillis() / resolutionMillis);
        }
        this.longestWindowBuckets = longest;
        this.needsCustomer = this.rules.stream()
                .anyMatch(r -> r.key() == Field.CUSTOMER || r.distinctOf().equals(Optional.of(Field.CUSTOMER)));
        this.groups = byField.entrySet().stream()
                .map(e -> new Group(e.getKey(), e.getValue(), resolutionMillis)).toArray(Group[]::new);
    }

    /**
     * An engine over {@code rules} (codes unique; windows whole multiples of the resolution).
     *
     * @throws IllegalArgumentException naming the rule otherwise
     */
    public static VelocityEngine create(List<VelocityRule> rules, CustomerResolver resolver, VelocityConfig config) {
        return new VelocityEngine(Objects.requireNonNull(rules, "rules"), resolver, config);
    }

    /**
     * An engine over rules in the text form of {@link VelocityRule#parse}, one per line (blank
     * lines and lines starting with {@code #} are skipped).
     *
     * @throws IllegalArgumentException naming the line number and the problem
     */
    public static VelocityEngine parse(String text, CustomerResolver resolver, VelocityConfig config) {
        List<VelocityRule> rules = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(VelocityRule.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return create(rules, resolver, config);
    }

    /** The rules. */
    public List<VelocityRule> rules() {
        return rules;
    }

    /** The configuration. */
    public VelocityConfig config() {
        return config;
    }

    private long bucketOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), resolutionMillis);
    }

    /** Counts the event into every rule that selects its type and decides it on the resulting figures. */
    public RiskDecision evaluate(RiskEvent event) {
        Objects.requireNonNull(event, "event");
        long bucket = bucketOf(event.at());
        List<Reason> reasons = null;
        // resolved once per event, outside any key's lock: the identity graph may take a while
        String customer = needsCustomer ? resolver.customerOf(event.identifier()) : null;
        int type = event.type().ordinal();
        // every key is looked up (and its windows' first cache line read, see stateOf) before any is
        // updated, so that the cache misses of the keys overlap
        KeyState[] states = new KeyState[groups.length];
        for (int k = 0; k < groups.length; k++) {
            String keyValue = keyOf(groups[k].field, event, customer);
            if (keyValue != null && groups[k].countsAny[type]) {
                states[k] = stateOf(groups[k], keyValue);
            }
        }
        DistinctValues values = new DistinctValues(event, customer, hashSeed);
        for (int k = 0; k < groups.length; k++) {
            KeyState ks = states[k];
            while (ks != null) {
                synchronized (ks) {
                    if (!ks.released()) {
                        reasons = update(groups[k], ks, event, bucket, values, reasons);
                        break;
                    }
                }
                // evicted between the lookup and the lock: take the new state
                ks = stateOf(groups[k], keyOf(groups[k].field, event, customer));
            }
        }
        return reasons == null ? RiskDecision.allow() : decision(reasons);
    }

    /**
     * {@link RiskDecision#of} without its sort when the reasons are in order already (no REVIEW
     * before a DENY; always so with one reason, the usual case): the same decision.
     */
    private static RiskDecision decision(List<Reason> reasons) {
        for (int i = 1; i < reasons.size(); i++) {
            if (reasons.get(i).action().compareTo(reasons.get(i - 1).action()) > 0) {
                return RiskDecision.of(reasons);
            }
        }
        return new RiskDecision(reasons.get(0).action(), reasons);
    }

    /** The event's value of {@code field}, null if it has none. */
    private static String keyOf(Field field, RiskEvent event, String customer) {
        return switch (field) {
            case CUSTOMER -> customer;
            case IDENTIFIER -> event.identifier();
            default -> event.value(field).orElse(null);
        };
    }

    /**
     * The state of a key value, created if absent. Besides skipping a state evicted since (checked
     * again under its lock), the {@code released()} check reads the state and the first line of its
     * windows: done for every key of an event before any key is locked, it starts those cache misses
     * together rather than one after each key's update.
     */
    private static KeyState stateOf(Group g, String keyValue) {
        KeyState ks = g.keys.get(keyValue); // lock-free, unlike computeIfAbsent on a key that is not first in its bin
        if (ks != null && !ks.released()) {
            return ks;
        }
        return g.keys.computeIfAbsent(keyValue, k -> new KeyState(g.distinct));
    }

    private static final int FIELDS = Field.values().length;

    /** The hashes of one event's distinct-counted values, each computed once however many rules count it. */
    private static final class DistinctValues {
        private final RiskEvent event;
        private final String customer;
        private final long seed;
        private final long[] hashes = new long[FIELDS];
        private int known;
        private int absent;

        DistinctValues(RiskEvent event, String customer, long seed) {
            this.event = event;
            this.customer = customer;
            this.seed = seed;
        }

        /** Whether the event has a value of {@code field}; then {@link #hash} is its hash. */
        boolean has(Field field) {
            int bit = 1 << field.ordinal();
            if ((known & bit) == 0) {
                String v = keyOf(field, event, customer);
                if (v == null) {
                    absent |= bit;
                } else {
                    hashes[field.ordinal()] = VelocityEngine.hash(v, seed);
                }
                known |= bit;
            }
            return (absent & bit) == 0;
        }

        long hash(Field field) {
            return hashes[field.ordinal()];
        }
    }

    private List<Reason> update(Group g, KeyState ks, RiskEvent event, long bucket, DistinctValues values,
                                List<Reason> reasons) {
        boolean late = ks.newest != Long.MIN_VALUE && bucket < ks.newest - latenessBuckets;
        ks.newest = Math.max(ks.newest, bucket);
        boolean[] counts = g.counts[event.type().ordinal()];
        for (int i = 0; i < g.rules.length; i++) {
            if (!counts[i]) {
                continue;
            }
            VelocityRule r = g.rules[i];
            long contribution;
            boolean distinct = g.distinct[i];
            if (distinct) {
                Field of = g.distinctOf[i];
                if (!values.has(of)) {
                    continue;
                }
                contribution = values.hash(of);
            } else {
                contribution = r.measure() == Measure.COUNT ? 1 : event.amount();
            }
            long length = g.windowBuckets[i];
            ks.evictAndAdd(i, ks.newest - length - latenessBuckets, ks.newest - latenessBuckets, bucket, contribution,
                    maxEntriesPerKey);
            long figure = distinct ? ks.distinct(i, bucket, length) : ks.sum(i, bucket, length);
            Action action = Action.ALLOW;
            double threshold = 0;
            if (r.deny().isPresent() && figure >= r.deny().getAsDouble()) {
                action = Action.DENY;
                threshold = r.deny().getAsDouble();
            } else if (r.review().isPresent() && figure >= r.review().getAsDouble()) {
                action = Action.REVIEW;
                threshold = r.review().getAsDouble();
            }
            if (action != Action.ALLOW) {
                if (reasons == null) {
                    reasons = new ArrayList<>(2);
                }
                reasons.add(reasonOf(g, i, action, figure, threshold, !(late || ks.folded(i))));
            }
        }
        return reasons;
    }

    /** The fixed words of a rule's reasons, built once: an event that triggers a rule only adds its figure. */
    private record RuleText(String subject, String start, String review, String deny) {
        static RuleText of(VelocityRule r) {
            String what = switch (r.measure()) {
                case COUNT -> "count";
                case SUM -> "sum";
                case DISTINCT -> "distinct " + r.distinctOf().get().name().toLowerCase(Locale.ROOT);
            };
            String subject = r.key().name().toLowerCase(Locale.ROOT);
            return new RuleText(subject, what + " by " + subject + " over " + r.window() + " is ",
                    r.review().isPresent() ? ", review threshold " + fmt(r.review().getAsDouble()) : "",
                    r.deny().isPresent() ? ", deny threshold " + fmt(r.deny().getAsDouble()) : "");
        }
    }

    /** Figures cached per rule, action and exactness: from the threshold up. */
    private static final int CACHED_FIGURES = 64;

    /**
     * The reason of rule {@code i} of {@code g}, from the group's cache when the same figure was
     * decided before. A reason is a value, so events with the same rule, action, figure and
     * exactness can share one. Building it (its text, and {@link Reason}'s check of its code by
     * regular expression) took 16 % of the guard benchmark's in-cache run (RESULTS.md, {@code risk
     * guard (risk7)}), and a busy key repeats the same few figures. Counts and distinct counts just
     * over their threshold are cached; sums rarely repeat and are built each time.
     *
     * <p>The cache is read and written without a lock: a {@link Reason} is immutable (final fields
     * only), so a reference read in a race shows a complete reason; two threads may build the same
     * reason, and either copy is right.
     */
    private static Reason reasonOf(Group g, int i, Action action, long figure, double threshold, boolean exact) {
        // figure >= threshold (that is why there is a reason), and the threshold is fixed per rule and action
        long offset = figure - (long) Math.ceil(threshold);
        if (offset < 0 || offset >= CACHED_FIGURES) {
            return reason(g.rules[i], g.texts[i], action, figure, threshold, exact);
        }
        int slot = 4 * (int) offset + (action == Action.DENY ? 2 : 0) + (exact ? 1 : 0);
        Reason[] cache = g.reasons[i];
        Reason r = cache[slot];
        if (r == null) {
            r = reason(g.rules[i], g.texts[i], action, figure, threshold, exact);
            cache[slot] = r;
        }
        return r;
    }

    private static Reason reason(VelocityRule r, RuleText text, Action action, long figure, double threshold, boolean exact) {
        String detail = text.start() + (exact ? "" : "at most ") + figure
                + (action == Action.DENY ? text.deny() : text.review());
        return new Reason(r.code(), action, text.subject(), figure, threshold, detail, exact);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * A 64-bit hash of a distinct value (FNV-1a over the UTF-16 units, started from {@code seed}
     * rather than FNV's fixed offset, then a finalizer mix), of which {@link KeyWindows} keeps 62 bits
     * (its lowest and highest bits are flags): two different values among the {@code n} of one key's
     * window collide with probability about {@code n²/2⁶³}.
     */
    static long hash(String s, long seed) {
        long h = seed;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Drops every key whose newest event is at or before {@code now} minus the longest window and
     * the allowed lateness; returns how many were dropped.
     *
     * @throws IllegalArgumentException for an instant outside the years 0000 to 9999, which events
     *                                  cannot have either (see {@link RiskEvent#at})
     */
    public int evictIdle(Instant now) {
        Objects.requireNonNull(now, "now");
        // refused here rather than failing in toEpochMilli with 'long overflow'
        if (!RiskEvent.inCountableYears(now)) {
            throw new IllegalArgumentException("now must lie in the years 0000 to 9999: " + now);
        }
        long horizon = bucketOf(now) - longestWindowBuckets - latenessBuckets;
        int dropped = 0;
        for (Group g : groups) {
            for (Map.Entry<String, KeyState> e : g.keys.entrySet()) {
                KeyState ks = e.getValue();
                synchronized (ks) {
                    if (ks.newest <= horizon && !ks.released()) {
                        ks.release();
                        g.keys.remove(e.getKey(), ks);
                        dropped++;
                    }
                }
            }
        }
        return dropped;
    }

    /** The number of key values with state, over all key fields. */
    public long activeKeys() {
        long n = 0;
        for (Group g : groups) {
            n += g.keys.size();
        }
        return n;
    }
}
