package dev.o2o.campaign.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CouponAnalyticsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private static CouponRecord rec(String code, String campaign, String store, double distance, int stage, int redeemDays) {
        Optional<Instant> claimed = stage >= 1 ? Optional.of(T0.plusSeconds(60)) : Optional.empty();
        Optional<Instant> verified = stage >= 2 ? Optional.of(T0.plus(Duration.ofDays(redeemDays)).plusSeconds(120)) : Optional.empty();
        Optional<Instant> redeemed = stage >= 3 ? Optional.of(T0.plus(Duration.ofDays(redeemDays)).plusSeconds(150)) : Optional.empty();
        return new CouponRecord(code, campaign, Optional.of(store), "push", "vip", Optional.of(distance), T0, claimed, verified, redeemed);
    }

    private static List<CouponRecord> sample() {
        List<CouponRecord> out = new ArrayList<>();
        // campaign geo: 10 issued, 8 claimed, 5 verified, 4 redeemed (after 0, 1, 1, 3 days)
        int[] stages = {3, 3, 3, 3, 2, 1, 1, 1, 0, 0};
        int[] days = {0, 1, 1, 3, 2, 0, 0, 0, 0, 0};
        double[] dist = {500, 900, 1_500, 2_500, 4_000, 4_999, 5_000, 7_000, 12_000, 800};
        for (int i = 0; i < stages.length; i++) {
            out.add(rec("g" + i, "geo", i < 5 ? "s1" : "s2", dist[i], stages[i], days[i]));
        }
        out.add(rec("b0", "birthday", "s1", 100, 0, 0));
        return out;
    }

    @Test
    void funnelPerCampaignWithWilsonIntervals() {
        List<FunnelRow> rows = CouponAnalytics.funnel(sample(), Dimension.CAMPAIGN);
        assertEquals(List.of("birthday", "geo"), rows.stream().map(FunnelRow::value).toList());
        FunnelRow geo = rows.get(1);
        assertEquals(List.of(10L, 8L, 5L, 4L), List.of(geo.issued(), geo.claimed(), geo.verified(), geo.redeemed()));
        assertEquals(0.5, geo.verificationRate().rate());
        // Wilson 95% for 5 of 10: 0.2366 .. 0.7634
        assertEquals(0.2366, geo.verificationRate().lower(), 1e-4);
        assertEquals(0.7634, geo.verificationRate().upper(), 1e-4);
        assertEquals(0.4, geo.redemptionRate().rate());
        assertEquals(0, rows.get(0).claimed());
    }

    @Test
    void funnelPerStoreAndDistanceBand() {
        List<FunnelRow> stores = CouponAnalytics.funnel(sample(), Dimension.STORE);
        assertEquals(List.of("s1", "s2"), stores.stream().map(FunnelRow::value).toList());
        assertEquals(6, stores.get(0).issued());
        assertEquals(4, stores.get(0).redeemed());
        List<FunnelRow> bands = CouponAnalytics.funnel(sample(), Dimension.DISTANCE_BAND);
        assertEquals(List.of("0-1km", "1-3km", "10km+", "3-5km", "5-10km"), bands.stream().map(FunnelRow::value).toList());
        assertEquals(List.of(4L, 2L, 1L, 2L, 2L), bands.stream().map(FunnelRow::issued).toList());
        assertEquals("5-10km", CouponAnalytics.band(5_000));
        assertEquals("3-5km", CouponAnalytics.band(4_999.99));
        assertEquals(1, CouponAnalytics.funnel(sample(), Dimension.CHANNEL).size());
        assertEquals(11, CouponAnalytics.funnel(sample(), Dimension.SEGMENT).get(0).issued());
    }

    /**
     * The store funnel labels coupons with no store {@code (none)}: a record whose store id is that
     * label is refused, so a real store can never be counted in the no-store row (a store called
     * "(none)" and a coupon with no store made one row of 2 issued).
     */
    @Test
    void aStoreIdThatIsTheNoStoreLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rec("c1", "geo", "(none)", 100, 0, 0));
        assertEquals("coupon 'c1': storeId '(none)' is the funnel's label for coupons with no store:"
                + " give Optional.empty() for no store, or another store id", e.getMessage());
        CouponRecord noStore = new CouponRecord("c2", "geo", Optional.empty(), "push", "vip", Optional.empty(), T0,
                Optional.empty(), Optional.empty(), Optional.empty());
        List<FunnelRow> rows = CouponAnalytics.funnel(List.of(noStore, rec("c3", "geo", "none", 100, 0, 0),
                rec("c4", "geo", "s1", 100, 0, 0)), Dimension.STORE);
        assertEquals(List.of(FunnelRow.NO_STORE, "none", "s1"), rows.stream().map(FunnelRow::value).toList());
        assertEquals(List.of(1L, 1L, 1L), rows.stream().map(FunnelRow::issued).toList());
    }

    @Test
    void daysToRedeem() {
        DaysToRedeem d = CouponAnalytics.daysToRedeem(sample());
        assertArrayEquals(new long[] {1, 2, 0, 1}, d.counts());
        assertEquals(4, d.total());
        assertEquals(1.25, d.mean());
        assertEquals(1, d.median());
        assertEquals(Map.of(0, 1L, 1, 2L, 3, 1L), d.countsByDay());
        assertEquals(d, new DaysToRedeem(new long[] {1, 2, 0, 1}, 4, 1.25, 1));
        assertEquals(-1, CouponAnalytics.daysToRedeem(List.of()).median());
        assertArrayEquals(new long[0], CouponAnalytics.daysToRedeem(List.of()).counts());
    }

    @Test
    void incrementalConversionsAndRevenueAgainstTheHoldout() {
        GroupOutcome treated = GroupOutcome.empty();
        for (int i = 0; i < 1_000; i++) {
            treated = treated.add(i < 120, i < 120 ? new BigDecimal("50.00") : BigDecimal.ZERO);
        }
        GroupOutcome holdout = GroupOutcome.empty();
        for (int i = 0; i < 100; i++) {
            holdout = holdout.add(i < 8, i < 8 ? new BigDecimal("50.00") : BigDecimal.ZERO);
        }
        Incrementality lift = Incrementality.of(treated, holdout);
        assertEquals(0.04, lift.rateLift(), 1e-12);
        // se = sqrt(.12*.88/1000 + .08*.92/100) = 0.0290103
        assertEquals(0.04 - 1.959964 * 0.0290103, lift.rateLiftLower(), 1e-6);
        assertEquals(0.04 + 1.959964 * 0.0290103, lift.rateLiftUpper(), 1e-6);
        assertEquals(40.0, lift.incrementalConversions(), 1e-9);
        assertEquals(2.0, lift.revenueLiftPerCustomer(), 1e-9);
        assertEquals(2_000.0, lift.incrementalRevenue(), 1e-6);
        // revenue variances: 2500*p(1-p)*n/(n-1): treated 264.264..., holdout 185.858...
        double se = Math.sqrt(2500 * 0.12 * 0.88 * 1000 / 999 / 1000 + 2500 * 0.08 * 0.92 * 100 / 99 / 100);
        assertEquals((2.0 - 1.959963984540054 * se) * 1000, lift.revenueLower(), 1e-6);
        assertEquals((2.0 + 1.959963984540054 * se) * 1000, lift.revenueUpper(), 1e-6);
    }

    @Test
    void groupOutcomesMergeLikeTheWhole() {
        GroupOutcome a = GroupOutcome.empty().add(true, new BigDecimal("10.50")).add(false, BigDecimal.ZERO);
        GroupOutcome b = GroupOutcome.empty().add(true, new BigDecimal("3.25"));
        GroupOutcome whole = GroupOutcome.empty().add(true, new BigDecimal("10.50")).add(false, BigDecimal.ZERO)
                .add(true, new BigDecimal("3.25"));
        assertEquals(whole, a.merge(b));
    }

    @Test
    void badRecordsNameTheField() {
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> new CouponRecord("c1", "geo",
                Optional.empty(), "push", "vip", Optional.empty(), T0, Optional.empty(), Optional.of(T0), Optional.empty()));
        assertEquals("coupon 'c1': verifiedAt is set but claimedAt is not", order.getMessage());
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class, () -> new CouponRecord("c2", "geo",
                Optional.empty(), "push", "vip", Optional.empty(), T0, Optional.of(T0.minusSeconds(1)), Optional.empty(), Optional.empty()));
        assertEquals("coupon 'c2': claimedAt 2026-05-31T23:59:59Z is before issuedAt 2026-06-01T00:00:00Z", early.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Incrementality.of(GroupOutcome.empty().add(true, BigDecimal.ONE), GroupOutcome.empty()));
        assertEquals("need at least 2 customers per group: treated=1, holdout=0", small.getMessage());
    }

    private static CouponRecord redeemed(String code, Instant issued, Instant redeemed) {
        return new CouponRecord(code, "geo", Optional.empty(), "push", "vip", Optional.empty(), issued, Optional.of(issued),
                Optional.of(redeemed), Optional.of(redeemed));
    }

    /**
     * daysToRedeem counted into an array indexed by day, up to the longest: one coupon whose
     * redemption was typed 27,000 years after its issue took 80 MB (and a billion years made the
     * day count wrap around an int). Now the counts are kept per distinct day.
     */
    @Test
    void daysToRedeemTakesMemoryForTheDistinctDaysOnly() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<CouponRecord> records = List.of(redeemed("a", T0, T0.plus(Duration.ofDays(2))),
                redeemed("b", T0, T0.plus(Duration.ofDays(10_000_000L))), redeemed("c", T0, T0.plus(Duration.ofDays(2))));
        long before = threads.getCurrentThreadAllocatedBytes();
        DaysToRedeem d = CouponAnalytics.daysToRedeem(records);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(Map.of(2, 2L, 10_000_000, 1L), d.countsByDay());
        assertEquals(3, d.total());
        assertEquals((2 + 2 + 10_000_000) / 3.0, d.mean());
        assertEquals(2, d.median());
        assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void aRedemptionMoreDaysAfterIssueThanAnIntHoldsIsRefusedNamingTheCoupon() {
        Instant far = T0.plus(Duration.ofDays(Integer.MAX_VALUE + 1L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CouponAnalytics.daysToRedeem(List.of(redeemed("far", T0, far))));
        assertEquals("coupon 'far': redeemed 2147483648 days after issue (issuedAt " + T0 + ", redeemedAt " + far
                + "), more than 2147483647", e.getMessage());
    }

    /**
     * The revenue statistics went through double: a group's sum of squares past 1.8e308 became
     * Infinity, and the variance Infinity - Infinity = NaN, in every revenue bound.
     */
    @Test
    void revenueWhoseSquaresPassTheDoublesRangeStillGivesItsIntervals() {
        BigDecimal big = new BigDecimal("1E+200");
        GroupOutcome treated = GroupOutcome.empty().add(true, big).add(false, BigDecimal.ZERO);
        GroupOutcome holdout = GroupOutcome.empty().add(false, BigDecimal.ZERO).add(false, BigDecimal.ZERO);
        Incrementality lift = Incrementality.of(treated, holdout);
        // means 5e199 and 0; treated variance (1e400 - 2 * 2.5e399) / 1 = 5e399, se = sqrt(5e399 / 2) = 5e199
        assertEquals(5e199, lift.revenueLiftPerCustomer(), 5e199 * 1e-12);
        assertEquals(1e200, lift.incrementalRevenue(), 1e200 * 1e-12);
        assertEquals((5e199 - Incrementality.Z95 * 5e199) * 2, lift.revenueLower(), 1e200 * 1e-12);
        assertEquals((5e199 + Incrementality.Z95 * 5e199) * 2, lift.revenueUpper(), 1e200 * 1e-12);
    }

    @Test
    void revenueBeyondWhatADoubleHoldsIsRefusedNamingIt() {
        GroupOutcome treated = GroupOutcome.empty().add(true, new BigDecimal("1E+400")).add(false, BigDecimal.ZERO);
        GroupOutcome holdout = GroupOutcome.empty().add(false, BigDecimal.ZERO).add(false, BigDecimal.ZERO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Incrementality.of(treated, holdout));
        assertEquals("revenue statistics overflow a double: treated revenue 1E+400 over 2 customers, holdout revenue 0"
                + " over 2 customers", e.getMessage());
    }
}
