package dev.o2o.risk.velocity;

import dev.o2o.risk.EventType;
import dev.o2o.risk.Field;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declarative velocity rule: the {@link Measure} of the events of some types over a sliding
 * window, per value of a key field, with a REVIEW and/or a DENY threshold. The figure includes
 * the event being decided, so {@code deny 5} denies the fifth event within the window. A figure at
 * or above a threshold triggers it.
 *
 * <p>Text form ({@link #parse}), one rule per line:
 * <pre>{@code
 * CODE: count [of TYPE,TYPE|all] by KEY over WINDOW [review X] [deny Y]
 * CODE: sum [of ...] by KEY over WINDOW ...
 * CODE: distinct FIELD [of ...] by KEY over WINDOW ...
 * }</pre>
 * with {@code KEY} and {@code FIELD} one of {@link Field}'s names, {@code WINDOW} like
 * {@code 90s}, {@code 10m}, {@code 24h}, {@code 7d}, {@code 250ms} or an ISO-8601 duration, and
 * types from {@link EventType} (all types when {@code of} is left out). Thresholds are written as
 * plain decimals, like {@code 5} or {@code 2.5}: no sign, exponent or suffix, since a reason prints
 * the figure it compares them with as plain digits.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code       the stable reason code the rule reports
 * @param on         the event types it counts, not empty
 * @param key        the field the windows are kept per value of
 * @param measure    what it measures
 * @param distinctOf for {@link Measure#DISTINCT} the field whose distinct values are counted (not the key); empty otherwise
 * @param window     the window length, positive and at most 106,751 days (about 292 years)
 * @param review     the REVIEW threshold, if any: positive, at most the largest figure {@link Long#MAX_VALUE}
 * @param deny       the DENY threshold, if any: positive, at most {@link Long#MAX_VALUE}, not below the REVIEW
 *                   threshold
 */
public record VelocityRule(String code, Set<EventType> on, Field key, Measure measure, Optional<Field> distinctOf,
                           Duration window, OptionalDouble review, OptionalDouble deny) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    /** Figures are longs: a threshold above the largest could never be reached. */
    private static final BigDecimal LARGEST_FIGURE = BigDecimal.valueOf(Long.MAX_VALUE);
    /** The longest window: whole days whose nanoseconds fit a long (windows are counted in nanoseconds and milliseconds). */
    static final Duration LONGEST_WINDOW = Duration.ofDays(Long.MAX_VALUE / Duration.ofDays(1).toNanos());
    private static final String TOO_LONG = " (at most " + LONGEST_WINDOW.toDays() + " days)";

    public VelocityRule {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("rule code must be 1-64 upper case letters, digits or underscores: '"
                    + code + "'");
        }
        on = Set.copyOf(Objects.requireNonNull(on, "on"));
        if (on.isEmpty()) {
            throw new IllegalArgumentException("rule " + code + " must count at least one event type");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(distinctOf, "distinctOf");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(deny, "deny");
        if (measure == Measure.DISTINCT && distinctOf.isEmpty()) {
            throw new IllegalArgumentException("distinct rule " + code + " must name the field it counts (distinctOf)");
        }
        if (measure != Measure.DISTINCT && distinctOf.isPresent()) {
            throw new IllegalArgumentException(measure + " rule " + code + " cannot have distinctOf " + distinctOf.get());
        }
        if (distinctOf.isPresent() && distinctOf.get() == key) {
            throw new IllegalArgumentException("rule " + code + " counts distinct " + key + " by " + key
                    + ": always 1; pick another field");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window of rule " + code + " must be positive: " + window);
        }
        if (window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("window of rule " + code + " is too long: " + window + TOO_LONG);
        }
        checkThreshold(code, "review", review);
        checkThreshold(code, "deny", deny);
        if (review.isEmpty() && deny.isEmpty()) {
            throw new IllegalArgumentException("rule " + code + " needs a review or a deny threshold");
        }
        if (review.isPresent() && deny.isPresent() && deny.getAsDouble() < review.getAsDouble()) {
            throw new IllegalArgumentException("deny threshold " + deny.getAsDouble() + " of rule " + code
                    + " is below its review threshold " + review.getAsDouble());
        }
    }

    private static void checkThreshold(String code, String name, OptionalDouble t) {
        if (t.isPresent() && !(Double.isFinite(t.getAsDouble()) && t.getAsDouble() > 0)) {
            throw new IllegalArgumentException(name + " threshold of rule " + code
                    + " must be a positive finite number: " + t.getAsDouble());
        }
        // (double) Long.MAX_VALUE is 2^63, which a saturated figure reaches; anything above, none does
        if (t.isPresent() && t.getAsDouble() > Long.MAX_VALUE) {
            throw new IllegalArgumentException(name + " threshold of rule " + code + " is above the largest figure "
                    + Long.MAX_VALUE + ": " + t.getAsDouble());
        }
    }

    /** Whether the rule counts events of this type. */
    public boolean counts(EventType type) {
        return on.contains(type);
    }

    /**
     * Parses one rule in the text form above, each of its words at most once.
     *
     * @throws IllegalArgumentException naming the rule text and the offending word
     */
    public static VelocityRule parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("rule '" + text + "' must start with its code and a colon");
        }
        String code = text.substring(0, colon).strip();
        String[] w = text.substring(colon + 1).strip().split("\\s+");
        int i = 0;
        Measure measure;
        Optional<Field> distinctOf = Optional.empty();
        String m = word(w, i++, text, "a measure (count, sum, distinct)").toLowerCase(Locale.ROOT);
        switch (m) {
            case "count" -> measure = Measure.COUNT;
            case "sum" -> measure = Measure.SUM;
            case "distinct" -> {
                measure = Measure.DISTINCT;
                distinctOf = Optional.of(Field.parse(word(w, i++, text, "the field after 'distinct'")));
            }
            default -> throw new IllegalArgumentException("rule '" + text + "': unknown measure '" + m
                    + "' (count, sum, distinct)");
        }
        Set<EventType> on = EnumSet.allOf(EventType.class);
        Field key = null;
        Duration window = null;
        OptionalDouble review = OptionalDouble.empty();
        OptionalDouble deny = OptionalDouble.empty();
        Set<String> given = new HashSet<>();
        while (i < w.length) {
            String kw = w[i++].toLowerCase(Locale.ROOT);
            String arg = word(w, i++, text, "a value after '" + kw + "'");
            // a second 'deny' would otherwise silently replace the first
            if (!given.add(kw)) {
                throw new IllegalArgumentException("rule '" + text + "': '" + kw + "' is given twice");
            }
            switch (kw) {
                case "of" -> on = arg.equalsIgnoreCase("all") ? EnumSet.allOf(EventType.class) : types(arg, text);
                case "by" -> key = Field.parse(arg);
                case "over" -> window = duration(arg, text);
                case "review" -> review = OptionalDouble.of(number(arg, "review", text));
                case "deny" -> deny = OptionalDouble.of(number(arg, "deny", text));
                default -> throw new IllegalArgumentException("rule '" + text + "': unknown word '" + kw
                        + "' (of, by, over, review, deny)");
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("rule '" + text + "' needs 'by KEY'");
        }
        if (window == null) {
            throw new IllegalArgumentException("rule '" + text + "' needs 'over WINDOW'");
        }
        return new VelocityRule(code, on, key, measure, distinctOf, window, review, deny);
    }

    private static String word(String[] w, int i, String text, String what) {
        if (i >= w.length || w[i].isEmpty()) {
            throw new IllegalArgumentException("rule '" + text + "' ends where " + what + " was expected");
        }
        return w[i];
    }

    private static Set<EventType> types(String list, String text) {
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        // -1 keeps trailing empty items, which split would otherwise drop without a word
        for (String t : list.split(",", -1)) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("rule '" + text + "': an event type is empty in '" + list + "'");
            }
            if (!out.add(EventType.parse(t))) {
                throw new IllegalArgumentException("rule '" + text + "': event type '" + t + "' is given twice in '"
                        + list + "'");
            }
        }
        return out;
    }

    /** A threshold as written: Double.parseDouble would also take {@code 5d}, {@code 0x10p0} and {@code +5}. */
    private static double number(String s, String name, String text) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("rule '" + text + "': " + name + " threshold '" + s
                    + "' is not a decimal number (like 5 or 2.5)");
        }
        // checked as written: a double cannot tell 9223372036854775808 from the largest figure
        if (new BigDecimal(s).compareTo(LARGEST_FIGURE) > 0) {
            throw new IllegalArgumentException("rule '" + text + "': " + name + " threshold '" + s
                    + "' is above the largest figure " + Long.MAX_VALUE);
        }
        return Double.parseDouble(s);
    }

    /**
     * A window length: {@code 250ms}, {@code 90s}, {@code 10m}, {@code 24h}, {@code 7d} or ISO-8601.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Duration duration(String s, String context) {
        Matcher mt = SIMPLE_DURATION.matcher(s.strip().toLowerCase(Locale.ROOT));
        if (mt.matches()) {
            try {
                long n = Long.parseLong(mt.group(1));
                return switch (mt.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + context + "': window '" + s + "' is too long" + TOO_LONG, e);
            }
        }
        try {
            return Duration.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + context + "': window '" + s
                    + "' is not a duration (like 90s, 10m, 24h, 7d or PT1H)", e);
        }
    }
}
