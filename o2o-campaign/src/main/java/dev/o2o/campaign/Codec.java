package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text forms of planned actions and mission steps for the JDBC store: one record per line,
 * fields separated by tabs, with backslash escapes for backslash, tab and line feed. Instants in
 * epoch nanoseconds. Stateless and thread-safe.
 */
final class Codec {

    private Codec() {
    }

    /**
     * The earliest and the latest instant the JDBC store can hold (epoch nanoseconds in a long);
     * {@link CampaignEvent} refuses an event outside them, so that no store takes what another refuses.
     */
    static final Instant EARLIEST = instant(Long.MIN_VALUE);
    static final Instant LATEST = instant(Long.MAX_VALUE);

    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant outside the JDBC store's range (" + EARLIEST + ".." + LATEST
                    + "): " + t);
        }
    }

    /**
     * {@link #nanos}, but an instant outside the store's range becomes its nearest end: for the
     * bounds of a window, which may reach past the years any stored fire can have.
     */
    static long nanosClamped(Instant t) {
        return t.isBefore(EARLIEST) ? Long.MIN_VALUE : t.isAfter(LATEST) ? Long.MAX_VALUE : nanos(t);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                char n = line.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else if (c == '\t') {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    private static String line(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(escape(fields[i]));
        }
        return b.toString();
    }

    private static String money(Optional<Money> m) {
        return m.map(Money::toString).orElse("");
    }

    private static Optional<Money> money(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int space = s.indexOf(' ');
        return Optional.of(Money.of(s.substring(0, space), s.substring(space + 1)));
    }

    static String actions(List<PlannedAction> actions) {
        StringBuilder b = new StringBuilder();
        for (PlannedAction p : actions) {
            String[] head = {p.key(), p.customer().value(), p.source(), p.ruleId()};
            String[] tail;
            if (p.action() instanceof Action.IssueCoupon c) {
                tail = new String[] {"coupon", c.templateId(), c.storeId().orElse(""), money(c.cost())};
            } else if (p.action() instanceof Action.AwardPoints a) {
                tail = new String[] {"points", Long.toString(a.points()), money(a.cost())};
            } else if (p.action() instanceof Action.EnrolMission m) {
                tail = new String[] {"enrol", m.missionId()};
            } else {
                Action.Notify n = (Action.Notify) p.action();
                tail = new String[] {"notify", n.channel(), n.messageTemplate()};
            }
            String[] all = new String[head.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            b.append(line(all)).append('\n');
        }
        return b.toString();
    }

    static List<PlannedAction> actions(String text) {
        List<PlannedAction> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            List<String> f = fields(l);
            Action a = switch (f.get(4)) {
                case "coupon" -> new Action.IssueCoupon(f.get(5), f.get(6).isEmpty() ? Optional.empty() : Optional.of(f.get(6)),
                        money(f.get(7)));
                case "points" -> new Action.AwardPoints(Long.parseLong(f.get(5)), money(f.get(6)));
                case "enrol" -> new Action.EnrolMission(f.get(5));
                case "notify" -> new Action.Notify(f.get(5), f.get(6));
                default -> throw new IllegalStateException("unknown stored action type '" + f.get(4) + "'");
            };
            out.add(new PlannedAction(f.get(0), CustomerKey.of(f.get(1)), f.get(2), f.get(3), a));
        }
        return out;
    }

    static String steps(List<MissionStep> steps) {
        StringBuilder b = new StringBuilder();
        for (MissionStep s : steps) {
            b.append(line(s.ref(), s.kind().name(), s.storeId(), Long.toString(nanos(s.at())), Long.toString(s.amountMinor())))
                    .append('\n');
        }
        return b.toString();
    }

    static List<MissionStep> steps(String text) {
        List<MissionStep> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            List<String> f = fields(l);
            out.add(new MissionStep(f.get(0), MissionStep.Kind.valueOf(f.get(1)), f.get(2), instant(Long.parseLong(f.get(3))),
                    Long.parseLong(f.get(4))));
        }
        return out;
    }
}
