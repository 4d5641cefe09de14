package dev.o2o.core.profile;

import dev.o2o.core.Money;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;

/**
 * How profiles are built.
 *
 * <p>Immutable and thread-safe.
 *
 * @param currency  the currency of all orders; an order in another currency is refused
 * @param o2oWindow how long after a touchpoint a purchase on the other side (online vs offline)
 *                  still counts as an O2O conversion, positive
 * @param zone      the zone in which calendar days are counted (days since last purchase)
 */
public record ProfileConfig(Currency currency, Duration o2oWindow, ZoneId zone) {

    public ProfileConfig {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(o2oWindow, "o2oWindow");
        Objects.requireNonNull(zone, "zone");
        if (o2oWindow.isNegative() || o2oWindow.isZero()) {
            throw new IllegalArgumentException("o2oWindow must be positive: " + o2oWindow);
        }
    }

    /** CNY, a 7-day O2O window, days counted in UTC. */
    public static ProfileConfig defaults() {
        return new ProfileConfig(Money.currency("CNY"), Duration.ofDays(7), ZoneOffset.UTC);
    }

    public ProfileConfig withCurrency(Currency currency) {
        return new ProfileConfig(currency, o2oWindow, zone);
    }

    public ProfileConfig withO2oWindow(Duration window) {
        return new ProfileConfig(currency, window, zone);
    }

    public ProfileConfig withZone(ZoneId zone) {
        return new ProfileConfig(currency, o2oWindow, zone);
    }
}
