package dev.o2o.spark;

import dev.o2o.core.Money;
import dev.o2o.core.profile.TagEngine;
import dev.o2o.core.profile.TagRule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --tags} option of the profiles job: a comma-separated list of core's built-in tag
 * rules, each {@code name} or {@code name=parameter}:
 * {@code high_value=MIN_SPEND} (in the job's currency), {@code churn_risk=DAYS}, {@code loyal=ORDERS},
 * {@code new_customer=DAYS}, {@code o2o_shopper}, {@code offline_to_online}, {@code omnichannel},
 * {@code coupon_sensitive=SHARE}, {@code frequent_refunder=REFUNDS}, {@code prospect}. Parsed on the
 * driver to check it, and again on each executor from the same text (the rules themselves do not
 * serialize). Stateless and thread-safe.
 */
final class TagSpecs {

    private TagSpecs() {
    }

    /** The recipe for a spec; parses it once here so a bad spec fails on the driver. */
    static ProfileTagRules recipe(String spec, String currency) {
        engine(spec, currency);
        return () -> engine(spec, currency);
    }

    static TagEngine engine(String spec, String currency) {
        List<TagRule> rules = new ArrayList<>();
        for (String item : spec.split(",")) {
            String[] kv = item.trim().split("=", 2);
            String name = kv[0];
            String p = kv.length == 2 ? kv[1] : null;
            rules.add(switch (name) {
                case "high_value" -> TagRule.highValue(Money.of(new BigDecimal(number(name, need(name, p, "MIN_SPEND"))),
                        Money.currency(currency)));
                case "churn_risk" -> TagRule.churnRisk(whole(name, need(name, p, "DAYS")));
                case "loyal" -> TagRule.loyal(whole(name, need(name, p, "ORDERS")));
                case "new_customer" -> TagRule.newCustomer(Duration.ofDays(whole(name, need(name, p, "DAYS"))));
                case "o2o_shopper" -> none(name, p, TagRule.onlineToOffline());
                case "offline_to_online" -> none(name, p, TagRule.offlineToOnline());
                case "omnichannel" -> none(name, p, TagRule.omnichannel());
                case "coupon_sensitive" -> TagRule.couponSensitive(Double.parseDouble(number(name, need(name, p, "SHARE"))));
                case "frequent_refunder" -> TagRule.frequentRefunder(whole(name, need(name, p, "REFUNDS")));
                case "prospect" -> none(name, p, TagRule.prospect());
                default -> throw new IllegalArgumentException("--tags: unknown tag '" + name + "'; tags are high_value=MIN_SPEND,"
                        + " churn_risk=DAYS, loyal=ORDERS, new_customer=DAYS, o2o_shopper, offline_to_online, omnichannel,"
                        + " coupon_sensitive=SHARE, frequent_refunder=REFUNDS, prospect");
            });
        }
        return TagEngine.of(rules);
    }

    private static String need(String name, String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("--tags: " + name + " needs a value, " + name + "=" + what);
        }
        return value;
    }

    private static TagRule none(String name, String value, TagRule rule) {
        if (value != null) {
            throw new IllegalArgumentException("--tags: " + name + " takes no value, got '" + name + "=" + value + "'");
        }
        return rule;
    }

    private static String number(String name, String value) {
        try {
            new BigDecimal(value);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tags: " + name + " needs a number, got '" + value + "'");
        }
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tags: " + name + " needs a whole number, got '" + value + "'");
        }
    }
}
