package dev.o2o.core.kpi;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpisTest {

    static final Channel STORE = Channel.offline("store");
    static final Channel APP = Channel.online("app");

    static Order order(String id, String customer, String instant, String amount, OrderStatus status, String refunded) {
        return new Order(id, CustomerKey.of(customer), STORE, Optional.of("S1"), Instant.parse(instant),
                List.of(new OrderLine("sku", "cat", 1, Money.of(amount, "CNY"))), status, Money.of(refunded, "CNY"));
    }

    static Order bought(String id, String customer, String instant) {
        return order(id, customer, instant, "10.00", OrderStatus.COMPLETED, "0");
    }

    /** Against statsmodels' proportion_confint(method="wilson"); file and script in src/test/resources/kpi. */
    @Test
    void wilsonIntervalMatchesStatsmodels() throws java.io.IOException {
        java.io.InputStream in = KpisTest.class.getResourceAsStream("/kpi/wilson-statsmodels.csv");
        org.junit.jupiter.api.Assertions.assertNotNull(in, "missing test resource kpi/wilson-statsmodels.csv");
        int rows = 0;
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                RateEstimate e = RateEstimate.wilson(Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Double.parseDouble(f[2]));
                assertEquals(Double.parseDouble(f[3]), e.lower(), 1e-13, line);
                assertEquals(Double.parseDouble(f[4]), e.upper(), 1e-13, line);
                rows++;
            }
        }
        assertEquals(10, rows);
    }

    @Test
    void wilsonIntervalByHand() {
        // p = 0.8, n = 10, z = 1.959964: centre 0.716748, half-width 0.226578
        RateEstimate r = Kpis.conversionRate(8, 10);
        assertEquals(0.8, r.rate(), 1e-15);
        assertEquals(0.4901624715, r.lower(), 1e-9);
        assertEquals(0.9433178485, r.upper(), 1e-9);
        // no successes: the lower bound is exactly 0, the upper z^2 / (n + z^2)
        RateEstimate zero = Kpis.conversionRate(0, 10);
        assertEquals(0.0, zero.lower());
        assertEquals(3.841458820694124 / 13.841458820694124, zero.upper(), 1e-12);
        RateEstimate all = Kpis.conversionRate(10, 10);
        assertEquals(1.0, all.upper());
        assertEquals(1 - zero.upper(), all.lower(), 1e-12);
        RateEstimate c = Kpis.conversionRate(30, 200);
        assertEquals(0.15, c.rate(), 1e-15);
        assertEquals(0.1071359356, c.lower(), 1e-9);
        assertEquals(0.2060557928, c.upper(), 1e-9);
        // a wider interval at 99%
        RateEstimate c99 = Kpis.conversionRate(30, 200, 0.99);
        assertTrue(c99.lower() < c.lower() && c99.upper() > c.upper());
        RateEstimate none = RateEstimate.wilson(0, 0);
        assertTrue(Double.isNaN(none.rate()));
        assertEquals(0.0, none.lower());
        assertEquals(1.0, none.upper());
        assertThrows(IllegalArgumentException.class, () -> Kpis.conversionRate(11, 10));
        assertThrows(IllegalArgumentException.class, () -> Kpis.conversionRate(1, 10, 1.0));
    }

    @Test
    void moneyKpisByHand() {
        Money spend = Money.of("1000.00", "CNY");
        assertEquals(0, new BigDecimal("0.25").compareTo(Kpis.roi(spend, Money.of("1250.00", "CNY"))));
        assertEquals(0, new BigDecimal("-0.4").compareTo(Kpis.roi(spend, Money.of("600.00", "CNY"))));
        assertEquals(0, new BigDecimal("3").compareTo(Kpis.roas(spend, Money.of("3000.00", "CNY"))));
        assertEquals(0, new BigDecimal("0.3333333333333333").compareTo(Kpis.roas(Money.of("3.00", "CNY"), Money.of("1.00", "CNY"))));
        assertEquals(Money.of("3333.33", "CNY"), Kpis.customerAcquisitionCost(Money.of("10000.00", "CNY"), 3));
        assertEquals(Money.of("33.33", "CNY"), Kpis.averageOrderValue(Money.of("100.00", "CNY"), 3));
        // HALF_EVEN: 0.125 -> 0.12
        assertEquals(Money.of("0.12", "CNY"), Kpis.averageOrderValue(Money.of("0.25", "CNY"), 2));
        List<Order> orders = List.of(
                order("a", "x", "2026-01-01T00:00:00Z", "100.00", OrderStatus.COMPLETED, "0"),
                order("b", "x", "2026-01-02T00:00:00Z", "80.00", OrderStatus.PARTIALLY_REFUNDED, "30.00"),
                order("c", "y", "2026-01-03T00:00:00Z", "70.00", OrderStatus.REFUNDED, "70.00"),
                order("d", "y", "2026-01-04T00:00:00Z", "20.00", OrderStatus.CANCELLED, "0"));
        // purchases a and b, net 100 + 50
        assertEquals(Optional.of(Money.of("75.00", "CNY")), Kpis.averageOrderValue(orders));
        assertEquals(Optional.empty(), Kpis.averageOrderValue(orders.subList(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> Kpis.roi(Money.zero(Money.currency("CNY")), spend));
        assertThrows(IllegalArgumentException.class, () -> Kpis.roas(spend, Money.of("1.00", "USD")));
        assertThrows(IllegalArgumentException.class, () -> Kpis.customerAcquisitionCost(spend, 0));
    }

    @Test
    void npsByHand() {
        int[] scores = {10, 10, 9, 9, 9, 8, 7, 6, 3, 0};
        NpsResult nps = Kpis.nps(scores);
        assertEquals(5, nps.promoters());
        assertEquals(2, nps.passives());
        assertEquals(3, nps.detractors());
        assertEquals(20.0, nps.score(), 1e-12);
        // var = (0.5 + 0.3 - 0.2^2) / 10 = 0.076; half-width 100 * 1.959964 * sqrt(0.076) = 54.0325
        assertEquals(20 - 54.03248, nps.lower(), 1e-4);
        assertEquals(20 + 54.03248, nps.upper(), 1e-4);
        assertEquals(RateEstimate.wilson(5, 10), nps.promoterShare());
        NpsResult allPromoters = Kpis.nps(new int[] {9, 10, 10});
        assertEquals(100.0, allPromoters.score(), 1e-12);
        assertEquals(100.0, allPromoters.upper(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kpis.nps(new int[] {5, 11}));
        assertTrue(e.getMessage().contains("scores[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kpis.nps(new int[0]));
    }

    @Test
    void funnelByHand() {
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        CustomerKey c = CustomerKey.of("c");
        Touchpoint visit = Touchpoint.of(c, APP, t, TouchpointType.VISIT);
        Funnel funnel = Funnel.of(TouchpointType.VISIT, TouchpointType.ADD_TO_CART, TouchpointType.COUPON_REDEEMED);
        List<Touchpoint> full = List.of(Touchpoint.of(c, APP, t.plusSeconds(120), TouchpointType.COUPON_REDEEMED),
                visit, Touchpoint.of(c, APP, t.plusSeconds(60), TouchpointType.ADD_TO_CART));
        List<Touchpoint> wrongOrder = List.of(Touchpoint.of(c, APP, t.minusSeconds(60), TouchpointType.ADD_TO_CART), visit);
        List<Touchpoint> two = List.of(visit, Touchpoint.of(c, APP, t.plusSeconds(5), TouchpointType.CLICK),
                Touchpoint.of(c, APP, t.plusSeconds(9), TouchpointType.ADD_TO_CART));
        List<Touchpoint> none = List.of(Touchpoint.of(c, APP, t, TouchpointType.CLICK));
        assertEquals(3, funnel.stepsReached(full));
        assertEquals(1, funnel.stepsReached(wrongOrder));
        assertEquals(2, funnel.stepsReached(two));
        assertEquals(0, funnel.stepsReached(none));

        FunnelResult r = funnel.evaluate(List.of(full, wrongOrder, two, none));
        assertEquals(4, r.entrants());
        assertEquals(List.of(3L, 2L, 1L), r.steps().stream().map(FunnelStep::reached).toList());
        assertEquals(RateEstimate.wilson(3, 4), r.steps().get(0).fromPrevious());
        assertEquals(RateEstimate.wilson(2, 3), r.steps().get(1).fromPrevious());
        assertEquals(RateEstimate.wilson(1, 2), r.steps().get(2).fromPrevious());
        assertEquals(0.25, r.steps().get(2).fromStart().rate(), 1e-15);
        assertEquals(0.0945312057, r.steps().get(2).fromPrevious().lower(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> funnel.result(4, new long[] {3, 4, 1}));
        assertThrows(IllegalArgumentException.class, () -> Funnel.of(List.of()));
    }

    @Test
    void repurchaseRateByHand() {
        ProfileConfig cfg = ProfileConfig.defaults();
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        CustomerProfile once = ProfileState.empty(CustomerKey.of("a"), cfg)
                .add(bought("1", "a", "2026-01-01T00:00:00Z")).profile(asOf);
        CustomerProfile twice = ProfileState.empty(CustomerKey.of("b"), cfg)
                .add(bought("2", "b", "2026-01-01T00:00:00Z")).add(bought("3", "b", "2026-02-01T00:00:00Z")).profile(asOf);
        CustomerProfile never = ProfileState.empty(CustomerKey.of("c"), cfg).profile(asOf);
        RateEstimate r = Kpis.repurchaseRate(List.of(once, twice, twice, never));
        assertEquals(2, r.successes());
        assertEquals(3, r.trials());
        assertEquals(RateEstimate.wilson(2, 3), Kpis.repurchaseRate(2, 3));
    }

    @Test
    void cohortMatrixByHand() {
        List<Order> orders = List.of(
                bought("a1", "A", "2026-01-05T10:00:00Z"), bought("a2", "A", "2026-02-10T10:00:00Z"),
                bought("a3", "A", "2026-04-01T10:00:00Z"),
                bought("b1", "B", "2026-01-20T10:00:00Z"), bought("b2", "B", "2026-03-03T10:00:00Z"),
                bought("c1", "C", "2026-02-01T10:00:00Z"), bought("c2", "C", "2026-02-15T10:00:00Z"),
                bought("c3", "C", "2026-03-15T10:00:00Z"),
                order("d1", "D", "2026-03-01T10:00:00Z", "10.00", OrderStatus.REFUNDED, "10.00"),
                bought("e1", "E", "2026-03-31T10:00:00Z"));
        CohortMatrix m = CohortRetention.create(ZoneOffset.UTC).addAll(orders).matrix();
        assertEquals(List.of(
                new CohortRow(YearMonth.of(2026, 1), 2, List.of(2L, 1L, 1L, 1L)),
                new CohortRow(YearMonth.of(2026, 2), 1, List.of(1L, 1L, 0L)),
                new CohortRow(YearMonth.of(2026, 3), 1, List.of(1L, 0L))), m.rows());
        assertEquals(0.5, m.rows().get(0).retention(1).rate(), 1e-15);
        assertEquals(RateEstimate.wilson(1, 2), m.rows().get(0).retention(3));

        // merge of two halves equals the whole
        CohortRetention a = CohortRetention.create(ZoneOffset.UTC).addAll(orders.subList(0, 4));
        CohortRetention b = CohortRetention.create(ZoneOffset.UTC).addAll(orders.subList(4, orders.size()));
        assertEquals(m, a.merge(b).matrix());

        // through February only
        assertEquals(List.of(new CohortRow(YearMonth.of(2026, 1), 2, List.of(2L, 1L)),
                new CohortRow(YearMonth.of(2026, 2), 1, List.of(1L))),
                CohortRetention.create(ZoneOffset.UTC).addAll(orders).matrix(YearMonth.of(2026, 2)).rows());

        // months are counted in the zone: 31 Jan 20:00 UTC is 1 Feb in Shanghai
        CohortMatrix sh = CohortRetention.create(ZoneId.of("Asia/Shanghai"))
                .add(bought("z", "Z", "2026-01-31T20:00:00Z")).matrix();
        assertEquals(YearMonth.of(2026, 2), sh.rows().get(0).cohort());
        assertEquals(List.of(), CohortRetention.create(ZoneOffset.UTC).matrix().rows());
    }
}
