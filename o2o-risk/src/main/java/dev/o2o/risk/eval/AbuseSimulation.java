package dev.o2o.risk.eval;

import dev.o2o.risk.EventType;
import dev.o2o.risk.RiskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A seeded week of O2O traffic with labelled abuse. Ordinary customers (one device each, a tenth
 * with a second) shop at a home store a few times a week during opening hours (10:00-22:00 UTC),
 * redeem a coupon now and then, earn points on their orders, sometimes refund one, and
 * occasionally refer a friend. Into that it injects, per {@code 1000} customers, two device farms
 * (12 fresh accounts on one device redeeming the new-user coupon within two hours), two bot
 * bursts (one account, 30 claims and redemptions within five minutes), two refund churners (10
 * earn-and-refund pairs in a day), one fraudulent clerk (50 verifications of other stores'
 * customers in an evening) and one referral ring (8 accounts on 2 devices referring each other).
 *
 * <p>The same configuration and seed give the same events, sorted by instant. Stateless and
 * thread-safe.
 */
public final class AbuseSimulation {

    /** The first instant of the simulated week. */
    public static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final int DAYS = 7;

    private AbuseSimulation() {
    }

    /**
     * The events for {@code customers} ordinary customers (at least 100) and the injected abuse.
     *
     * @throws IllegalArgumentException for fewer than 100 customers
     */
    public static List<LabelledEvent> generate(int customers, long seed) {
        if (customers < 100) {
            throw new IllegalArgumentException("customers must be at least 100: " + customers);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabelledEvent> out = new ArrayList<>();
        int stores = Math.max(5, customers / 100);
        for (int c = 0; c < customers; c++) {
            ordinaryCustomer(c, stores, customers, rnd, out);
        }
        int units = Math.max(1, customers / 1000);
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < 2; k++) {
                deviceFarm(u * 2 + k, rnd, out);
                botBurst(u * 2 + k, rnd, out);
                refundChurn(u * 2 + k, rnd, out);
            }
            clerkFraud(u, stores, customers, rnd, out);
            referralRing(u, rnd, out);
        }
        out.sort(Comparator.comparing((LabelledEvent e) -> e.event().at()));
        return out;
    }

    private static Instant openingHours(SplittableRandom rnd) {
        long day = rnd.nextInt(DAYS);
        long second = 10 * 3600 + rnd.nextInt(12 * 3600);
        return START.plus(Duration.ofDays(day)).plusSeconds(second);
    }

    private static void ordinaryCustomer(int c, int stores, int customers, SplittableRandom rnd, List<LabelledEvent> out) {
        String id = "c" + c;
        String device = "dev-c" + c;
        String second = rnd.nextInt(10) == 0 ? "dev-c" + c + "b" : device;
        String store = "s" + rnd.nextInt(stores);
        int visits = 1 + rnd.nextInt(4);
        for (int v = 0; v < visits; v++) {
            Instant at = openingHours(rnd);
            String clerk = store + "-k" + rnd.nextInt(3);
            String dev = rnd.nextBoolean() ? device : second;
            if (rnd.nextInt(3) == 0) {
                long discount = 500 + rnd.nextInt(1500);
                out.add(ok(new RiskEvent(EventType.STORE_VERIFICATION, at, id, Optional.of(dev), Optional.of(store),
                        Optional.of(clerk), Optional.of("SAVE" + rnd.nextInt(5)), 0)));
                out.add(ok(new RiskEvent(EventType.COUPON_REDEMPTION, at.plusSeconds(20), id, Optional.of(dev),
                        Optional.of(store), Optional.of(clerk), Optional.of("SAVE" + rnd.nextInt(5)), discount)));
            }
            long points = 20 + rnd.nextInt(200);
            out.add(ok(RiskEvent.of(EventType.POINTS_EARN, at.plusSeconds(30), id).withDevice(dev).withAmount(points)));
            if (rnd.nextInt(25) == 0) {
                out.add(ok(RiskEvent.of(EventType.POINTS_REVERSE, at.plusSeconds(86_400 + rnd.nextInt(86_400)), id)
                        .withDevice(dev)));
            }
        }
        if (rnd.nextInt(20) == 0) {
            out.add(ok(RiskEvent.of(EventType.REFERRAL, openingHours(rnd), id).withDevice(device)));
        }
        if (rnd.nextInt(50) == 0) {
            // an ordinary new member trying the new-user coupon
            Instant at = openingHours(rnd);
            out.add(ok(RiskEvent.of(EventType.SIGN_UP, at, id).withDevice(device)));
            out.add(ok(new RiskEvent(EventType.COUPON_REDEMPTION, at.plusSeconds(600), id, Optional.of(device),
                    Optional.of(store), Optional.of(store + "-k0"), Optional.of("NEW_USER"), 2000)));
        }
    }

    private static LabelledEvent ok(RiskEvent e) {
        return new LabelledEvent(e, Optional.empty());
    }

    private static LabelledEvent bad(RiskEvent e, Pattern p) {
        return new LabelledEvent(e, Optional.of(p));
    }

    private static void deviceFarm(int n, SplittableRandom rnd, List<LabelledEvent> out) {
        String device = "farm-dev-" + n;
        Instant start = openingHours(rnd);
        for (int a = 0; a < 12; a++) {
            String id = "farm" + n + "-a" + a;
            Instant at = start.plusSeconds(rnd.nextInt(7200));
            out.add(bad(RiskEvent.of(EventType.SIGN_UP, at, id).withDevice(device), Pattern.DEVICE_FARM));
            out.add(bad(RiskEvent.of(EventType.COUPON_REDEMPTION, at.plusSeconds(60 + rnd.nextInt(300)), id)
                    .withDevice(device).withCoupon("NEW_USER").withAmount(2000), Pattern.DEVICE_FARM));
        }
    }

    private static void botBurst(int n, SplittableRandom rnd, List<LabelledEvent> out) {
        String id = "bot" + n;
        String device = "bot-dev-" + n;
        Instant start = openingHours(rnd);
        for (int i = 0; i < 30; i++) {
            Instant at = start.plusMillis(rnd.nextInt(300_000));
            EventType t = i % 2 == 0 ? EventType.COUPON_CLAIM : EventType.COUPON_REDEMPTION;
            out.add(bad(RiskEvent.of(t, at, id).withDevice(device).withCoupon("FLASH").withAmount(t == EventType.COUPON_CLAIM ? 0 : 300),
                    Pattern.BOT_BURST));
        }
    }

    private static void refundChurn(int n, SplittableRandom rnd, List<LabelledEvent> out) {
        String id = "churn" + n;
        String device = "churn-dev-" + n;
        Instant day = START.plus(Duration.ofDays(rnd.nextInt(DAYS))).plusSeconds(10 * 3600);
        for (int i = 0; i < 10; i++) {
            Instant at = day.plusSeconds(i * 3000L + rnd.nextInt(600));
            out.add(bad(RiskEvent.of(EventType.POINTS_EARN, at, id).withDevice(device).withAmount(500), Pattern.REFUND_CHURN));
            out.add(bad(RiskEvent.of(EventType.POINTS_REVERSE, at.plusSeconds(900), id).withDevice(device),
                    Pattern.REFUND_CHURN));
        }
    }

    private static void clerkFraud(int n, int stores, int customers, SplittableRandom rnd, List<LabelledEvent> out) {
        String store = "s" + rnd.nextInt(stores);
        String clerk = store + "-k" + 9 + n;
        Instant evening = START.plus(Duration.ofDays(rnd.nextInt(DAYS))).plusSeconds(20 * 3600);
        for (int i = 0; i < 50; i++) {
            String customer = "c" + rnd.nextInt(customers);
            Instant at = evening.plusSeconds(rnd.nextInt(7200));
            out.add(bad(new RiskEvent(EventType.STORE_VERIFICATION, at, customer, Optional.empty(), Optional.of(store),
                    Optional.of(clerk), Optional.of("SAVE" + rnd.nextInt(5)), 0), Pattern.CLERK_FRAUD));
        }
    }

    private static void referralRing(int n, SplittableRandom rnd, List<LabelledEvent> out) {
        Instant start = openingHours(rnd);
        for (int a = 0; a < 8; a++) {
            String id = "ring" + n + "-a" + a;
            String device = "ring-dev-" + n + "-" + (a % 2);
            Instant at = start.plusSeconds(rnd.nextInt(3 * 86_400));
            out.add(bad(RiskEvent.of(EventType.SIGN_UP, at, id).withDevice(device), Pattern.REFERRAL_RING));
            out.add(bad(RiskEvent.of(EventType.REFERRAL, at.plusSeconds(3600), id).withDevice(device), Pattern.REFERRAL_RING));
        }
    }
}
