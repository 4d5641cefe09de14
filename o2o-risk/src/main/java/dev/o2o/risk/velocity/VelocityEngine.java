package dev.o2o.risk.velocity;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.Field;
import dev.o2o.risk.Reason;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
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
    private final Group[] groups;
    private final boolean needsCustomer;

    /** The rules keyed by one field, with the map of that field's key values. */
    private static final class Group {
        final Field field;
        final VelocityRule[] rules;
        final long[] windowBuckets;
        final ConcurrentHashMap<String, KeyState> keys = new ConcurrentHashMap<>();

        Group(Field field, List<VelocityRule> rules, long resolutionMillis) {
            this.field = field;
            this.rules = rules.toArray(new VelocityRule[0]);
            this.windowBuckets = new long[this.rules.length];
            for (int i = 0; i < this.rules.length; i++) {
                windowBuckets[i] = this.rules[i].window().toMillis() / resolutionMillis;
            }
        }
    }

    /** One key value's windows, created on first use per rule. */
    private static final class KeyState {
        final RuleWindow[] windows;
        long newest = Long.MIN_VALUE;
        boolean removed;

        KeyState(int rules) {
            windows = new RuleWindow[rules];
        }
    }

    private VelocityEngine(List<VelocityRule> rules, CustomerResolver resolver, VelocityConfig config) {
        this.rules = List.copyOf(rules);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.config = Objects.requireNonNull(config, "config");
        this.resolutionMillis = config.resolution().toMillis();
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
        for (Group g : groups) {
            String keyValue;
            if (g.field == Field.CUSTOMER) {
                keyValue = customer;
            } else {
                Optional<String> v = event.value(g.field);
                if (v.isEmpty()) {
                    continue;
                }
                keyValue = v.get();
            }
            if (!selectsAny(g, event)) {
                continue;
            }
            while (true) {
                KeyState ks = g.keys.computeIfAbsent(keyValue, k -> new KeyState(g.rules.length));
                synchronized (ks) {
                    if (ks.removed) {
                        continue; // evicted between the lookup and the lock: take the new state
                    }
                    reasons = update(g, ks, event, bucket, customer, reasons);
                    break;
                }
            }
        }
        return reasons == null ? RiskDecision.allow() : RiskDecision.of(reasons);
    }

    private static boolean selectsAny(Group g, RiskEvent event) {
        for (VelocityRule r : g.rules) {
            if (r.counts(event.type())) {
                return true;
            }
        }
        return false;
    }

    private List<Reason> update(Group g, KeyState ks, RiskEvent event, long bucket, String customer, List<Reason> reasons) {
        boolean late = ks.newest != Long.MIN_VALUE && bucket < ks.newest - latenessBuckets;
        ks.newest = Math.max(ks.newest, bucket);
        for (int i = 0; i < g.rules.length; i++) {
            VelocityRule r = g.rules[i];
            if (!r.counts(event.type())) {
                continue;
            }
            long contribution;
            boolean distinct = r.measure() == Measure.DISTINCT;
            if (distinct) {
                Field of = r.distinctOf().get();
                Optional<String> v = of == Field.CUSTOMER ? Optional.of(customer) : event.value(of);
                if (v.isEmpty()) {
                    continue;
                }
                contribution = hash(v.get());
            } else {
                contribution = r.measure() == Measure.COUNT ? 1 : event.amount();
            }
            RuleWindow w = ks.windows[i];
            if (w == null) {
                w = new RuleWindow();
                ks.windows[i] = w;
            }
            long length = g.windowBuckets[i];
            w.evictUpTo(ks.newest - length - latenessBuckets);
            w.add(bucket, contribution, distinct, config.maxEntriesPerKey());
            long figure = distinct ? w.distinct(bucket, length) : w.sum(bucket, length);
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
                reasons.add(reason(r, action, figure, threshold, !(late || w.folded())));
            }
        }
        return reasons;
    }

    private static Reason reason(VelocityRule r, Action action, long figure, double threshold, boolean exact) {
        String what = switch (r.measure()) {
            case COUNT -> "count";
            case SUM -> "sum";
            case DISTINCT -> "distinct " + r.distinctOf().get().name().toLowerCase(Locale.ROOT);
        };
        String subject = r.key().name().toLowerCase(Locale.ROOT);
        String detail = what + " by " + subject + " over " + r.window() + " is " + (exact ? "" : "at most ") + figure
                + ", " + action.name().toLowerCase(Locale.ROOT) + " threshold " + fmt(threshold);
        return new Reason(r.code(), action, subject, figure, threshold, detail, exact);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * A 64-bit hash of a distinct value (FNV-1a over the UTF-16 units, then a finalizer mix): two
     * different values of one key's window collide with probability about {@code n²/2⁶⁵}.
     */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
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
     */
    public int evictIdle(Instant now) {
        long horizon = bucketOf(now) - longestWindowBuckets - latenessBuckets;
        int dropped = 0;
        for (Group g : groups) {
            for (Map.Entry<String, KeyState> e : g.keys.entrySet()) {
                KeyState ks = e.getValue();
                synchronized (ks) {
                    if (ks.newest <= horizon) {
                        ks.removed = true;
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
