package dev.o2o.testkit.data;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.TouchpointType;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels of the synthetic retailer and their known effects on conversion.
 *
 * <p>A journey with the set C of distinct marketing channels converts with probability
 * {@code 1 - (1 - BASE_CONVERSION) * prod over c in C of (1 - effect(c))}. Converting and
 * non-converting journeys are drawn from the prior journey distribution reweighted by that
 * probability and its complement (case-control sampling), so the relative channel effects are
 * known even though the ratio of converting to non-converting journeys is set separately.
 *
 * <p>Immutable and thread-safe.
 */
public final class SyntheticChannels {

    /** Conversion probability of a journey without any effective channel. */
    public static final double BASE_CONVERSION = 0.03;

    /** One marketing channel with its prior frequency in journeys and its effect. */
    public record Spec(Channel channel, double prior, double effect, TouchpointType type) {
    }

    /** The marketing channels that appear in journeys, in a fixed order. */
    public static final List<Spec> MARKETING = List.of(
            new Spec(new Channel("search", "Paid search", ChannelKind.ONLINE, false), 0.25, 0.10, TouchpointType.CLICK),
            new Spec(new Channel("social", "Social ads", ChannelKind.ONLINE, false), 0.30, 0.05, TouchpointType.IMPRESSION),
            new Spec(new Channel("display", "Display ads", ChannelKind.ONLINE, false), 0.35, 0.01, TouchpointType.IMPRESSION),
            new Spec(new Channel("email", "E-mail", ChannelKind.ONLINE, false), 0.15, 0.04, TouchpointType.CLICK),
            new Spec(new Channel("app_push", "App push", ChannelKind.ONLINE, false), 0.20, 0.06, TouchpointType.VISIT),
            new Spec(new Channel("mini_program", "Mini-program", ChannelKind.ONLINE, false), 0.20, 0.08, TouchpointType.VISIT),
            new Spec(new Channel("qr_code", "In-store QR code", ChannelKind.OFFLINE, false), 0.08, 0.12, TouchpointType.QR_SCAN),
            new Spec(new Channel("direct", "Direct", ChannelKind.ONLINE, true), 0.15, 0.0, TouchpointType.VISIT));

    /** Where offline orders are placed (walk-in, counted as direct). */
    public static final Channel STORE = new Channel("store", "Store POS", ChannelKind.OFFLINE, true);

    /** Where online orders are placed. */
    public static final Channel ONLINE_SHOP = new Channel("online_shop", "Online shop", ChannelKind.ONLINE, false);

    private SyntheticChannels() {
    }

    /** A new registry holding every channel of the synthetic data (marketing first, then order channels). */
    public static ChannelRegistry registry() {
        List<Channel> all = new ArrayList<>();
        for (Spec s : MARKETING) {
            all.add(s.channel());
        }
        all.add(STORE);
        all.add(ONLINE_SHOP);
        return ChannelRegistry.of(all);
    }

    /** Conversion probability of a journey whose distinct channels are flagged in {@code present}. */
    static double conversionProbability(boolean[] present) {
        double stay = 1.0 - BASE_CONVERSION;
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                stay *= 1.0 - MARKETING.get(i).effect();
            }
        }
        return 1.0 - stay;
    }

    /**
     * The probability that a coupon of a store at the given distance (metres) is redeemed, given
     * the customer makes a purchase within 15 days of receiving it: 0.6 exp(-km / 2).
     */
    public static double redemptionProbability(double distanceMetres) {
        return 0.6 * StrictMath.exp(-distanceMetres / 2000.0);
    }
}
