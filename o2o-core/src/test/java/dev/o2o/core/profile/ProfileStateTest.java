package dev.o2o.core.profile;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static dev.o2o.core.profile.ProfileFixtures.ALICE;
import static dev.o2o.core.profile.ProfileFixtures.APP;
import static dev.o2o.core.profile.ProfileFixtures.MINI;
import static dev.o2o.core.profile.ProfileFixtures.STORE;
import static dev.o2o.core.profile.ProfileFixtures.day;
import static dev.o2o.core.profile.ProfileFixtures.order;
import static dev.o2o.core.profile.ProfileFixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileStateTest {

    static ProfileState alice() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults());
        s.add(touch(ALICE, APP, day(1, 10), TouchpointType.CLICK));
        s.add(order("o1", ALICE, STORE, "S1", day(2, 12), "100.00", OrderStatus.COMPLETED, "0"));
        s.add(touch(ALICE, STORE, day(3, 10), TouchpointType.STORE_CHECK_IN));
        s.add(touch(ALICE, STORE, day(19, 10), TouchpointType.QR_SCAN));
        s.add(order("o2", ALICE, MINI, null, day(20, 9), "50.00", OrderStatus.COMPLETED, "0"));
        s.add(order("o3", ALICE, STORE, "S2", day(25, 15), "80.00", OrderStatus.PARTIALLY_REFUNDED, "30.00"));
        s.add(order("o4", ALICE, APP, null, day(26, 10), "20.00", OrderStatus.REFUNDED, "20.00"));
        s.add(order("o5", ALICE, APP, null, day(27, 10), "9.90", OrderStatus.CANCELLED, "0"));
        s.add(touch(ALICE, APP, day(21, 10), TouchpointType.COUPON_RECEIVED));
        s.add(touch(ALICE, STORE, day(25, 15), TouchpointType.COUPON_REDEEMED));
        return s;
    }

    @Test
    void handComputedProfile() {
        CustomerProfile p = alice().profile(Instant.parse("2026-04-04T08:00:00Z"));
        assertEquals(Optional.of(day(2, 12)), p.firstPurchase());
        assertEquals(Optional.of(day(25, 15)), p.lastPurchase());
        // last purchase 2026-03-25, as of 2026-04-04: 10 calendar days
        assertEquals(OptionalLong.of(10), p.daysSinceLastPurchase());
        assertEquals(1, p.onlineOrders());
        assertEquals(2, p.offlineOrders());
        assertEquals(Money.of("50.00", "CNY"), p.onlineSpend());
        assertEquals(Money.of("150.00", "CNY"), p.offlineSpend());
        assertEquals(Money.of("200.00", "CNY"), p.spend());
        assertEquals(Optional.of(Money.of("66.67", "CNY")), p.averageOrderValue());
        assertEquals(2, p.refunds());
        assertEquals(Money.of("50.00", "CNY"), p.refundedAmount());
        assertEquals(1, p.cancelledOrders());
        assertEquals(5, p.touchpoints());
        assertEquals(Map.of("app", 2L, "store", 3L), p.touchpointsByChannel());
        assertEquals(Map.of("store", 2L, "mini-program", 1L), p.ordersByChannel());
        // one purchase in each store: the more recent (S2) wins
        assertEquals(Optional.of("S2"), p.preferredStore());
        assertEquals(1, p.couponsReceived());
        assertEquals(1, p.couponsRedeemed());
        // o1 (offline, day 2) follows the app click of day 1 within 7 days; o3 (day 25) has no online touch in days 18-25
        // except the coupon received on day 21 (app) -> 2 online-to-offline conversions
        assertEquals(2, p.onlineToOfflineConversions());
        // o2 (online, day 20 09:00) follows the QR scan of day 19 -> 1
        assertEquals(1, p.offlineToOnlineConversions());
        assertTrue(p.onlineToOffline());
        assertTrue(p.offlineToOnline());
        assertTrue(p.omnichannel());
        Map<String, Double> mix = p.channelMix();
        assertEquals(2.0 / 8, mix.get("app"), 1e-12);
        assertEquals(5.0 / 8, mix.get("store"), 1e-12);
        assertEquals(1.0 / 8, mix.get("mini-program"), 1e-12);
    }

    @Test
    void windowIsConfigurableAndInclusive() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults().withO2oWindow(Duration.ofHours(2)));
        s.add(touch(ALICE, APP, day(1, 10), TouchpointType.CLICK));
        s.add(order("a", ALICE, STORE, "S1", day(1, 12), "1.00", OrderStatus.COMPLETED, "0"));
        s.add(order("b", ALICE, STORE, "S1", day(1, 13), "1.00", OrderStatus.COMPLETED, "0"));
        CustomerProfile p = s.profile(day(2, 10));
        assertEquals(1, p.onlineToOfflineConversions());
        assertEquals(0, p.offlineToOnlineConversions());
        assertFalse(p.offlineToOnline());
    }

    @Test
    void clockAndZoneDecideTheDays() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults().withZone(ZoneId.of("Asia/Shanghai")));
        s.add(order("a", ALICE, STORE, "S1", Instant.parse("2026-03-01T15:30:00Z"), "1.00", OrderStatus.COMPLETED, "0"));
        // 23:30 in Shanghai on 1 March; as of 01:00 Shanghai on 2 March it is 1 calendar day later
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T17:00:00Z"), ZoneOffset.UTC);
        assertEquals(OptionalLong.of(1), s.profile(clock).daysSinceLastPurchase());
        ProfileState utc = ProfileState.empty(ALICE, ProfileConfig.defaults());
        utc.add(order("a", ALICE, STORE, "S1", Instant.parse("2026-03-01T15:30:00Z"), "1.00", OrderStatus.COMPLETED, "0"));
        assertEquals(OptionalLong.of(0), utc.profile(clock).daysSinceLastPurchase());
    }

    @Test
    void emptyProfile() {
        CustomerProfile p = ProfileState.empty(ALICE, ProfileConfig.defaults()).profile(ProfileFixtures.D1);
        assertEquals(Optional.empty(), p.firstPurchase());
        assertEquals(OptionalLong.empty(), p.daysSinceLastPurchase());
        assertEquals(Optional.empty(), p.averageOrderValue());
        assertEquals(Optional.empty(), p.preferredStore());
        assertEquals(Map.of(), p.channelMix());
        assertEquals(Money.zero(Money.currency("CNY")), p.spend());
    }

    @Test
    void refusesForeignEvents() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults());
        CustomerKey bob = CustomerKey.of("bob");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.add(touch(bob, APP, day(1, 10), TouchpointType.CLICK)));
        assertTrue(e.getMessage().contains("bob"), e.getMessage());
        Order usd = Order.completed("u1", ALICE, APP, Optional.empty(), day(1, 10),
                List.of(new OrderLine("x", "c", 1, Money.of("1.00", "USD"))));
        e = assertThrows(IllegalArgumentException.class, () -> s.add(usd));
        assertTrue(e.getMessage().contains("'u1'") && e.getMessage().contains("USD"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> s.merge(ProfileState.empty(bob, ProfileConfig.defaults())));
        assertThrows(IllegalArgumentException.class,
                () -> s.merge(ProfileState.empty(ALICE, ProfileConfig.defaults().withO2oWindow(Duration.ofDays(1)))));
        assertThrows(IllegalArgumentException.class, () -> s.merge(s));
    }

    /** Random events of one customer: touchpoints and orders of every status on three channels. */
    static List<Object> randomEvents(SplittableRandom rnd, int n) {
        Channel[] channels = {APP, MINI, STORE, Channel.offline("kiosk")};
        TouchpointType[] types = TouchpointType.values();
        OrderStatus[] statuses = OrderStatus.values();
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Channel ch = channels[rnd.nextInt(channels.length)];
            Instant at = ProfileFixtures.D1.plusSeconds(rnd.nextLong(90L * 86_400));
            if (rnd.nextBoolean()) {
                events.add(touch(ALICE, ch, at, types[rnd.nextInt(types.length)]));
            } else {
                long cents = 100 + rnd.nextLong(50_000);
                String amount = Money.ofMinor(cents, Money.currency("CNY")).amount().toPlainString();
                OrderStatus st = statuses[rnd.nextInt(statuses.length)];
                String refunded = switch (st) {
                    case COMPLETED, CANCELLED -> "0";
                    case REFUNDED -> amount;
                    case PARTIALLY_REFUNDED -> Money.ofMinor(1 + rnd.nextLong(cents - 1), Money.currency("CNY"))
                            .amount().toPlainString();
                };
                String store = ch.isOffline() || rnd.nextInt(4) == 0 ? "S" + rnd.nextInt(3) : null;
                events.add(order("o" + i, ALICE, ch, store, at, amount, st, refunded));
            }
        }
        return events;
    }

    static ProfileState build(List<Object> events) {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults().withO2oWindow(Duration.ofDays(3)));
        for (Object e : events) {
            if (e instanceof Touchpoint t) {
                s.add(t);
            } else {
                s.add((Order) e);
            }
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 11, 2024, 99991})
    void partialPlusPartialIsWhole(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant asOf = ProfileFixtures.D1.plusSeconds(100L * 86_400);
        for (int round = 0; round < 20; round++) {
            List<Object> events = randomEvents(rnd, 1 + rnd.nextInt(80));
            CustomerProfile whole = build(events).profile(asOf);
            // a random partition into three parts, merged in two different orders
            List<Object> a = new ArrayList<>();
            List<Object> b = new ArrayList<>();
            List<Object> c = new ArrayList<>();
            for (Object e : events) {
                int k = rnd.nextInt(3);
                (k == 0 ? a : k == 1 ? b : c).add(e);
            }
            assertEquals(whole, build(a).merge(build(b)).merge(build(c)).profile(asOf), "seed " + seed);
            assertEquals(whole, build(c).merge(build(b).merge(build(a))).profile(asOf), "seed " + seed);
            // and the event order inside a partial does not matter either
            List<Object> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new java.util.Random(seed + round));
            assertEquals(whole, build(shuffled).profile(asOf));
        }
    }
}
