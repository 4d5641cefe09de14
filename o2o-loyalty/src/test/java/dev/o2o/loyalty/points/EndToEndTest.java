package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.test.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules, ledger and tiers together: earn offline, spend online, refund, tier up. */
class EndToEndTest {

    static final Instant T0 = Instant.parse("2026-05-06T02:00:00Z");
    static final Money YUAN = Money.of("1.00", "CNY");

    @Test
    void earnOfflineSpendOnlineRefundAndTierUp() {
        TestClock clock = new TestClock(T0);
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock);
        RuleSet rules = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, YUAN))
                .add(EarningRule.tierMultiplier("tier"))
                .add(EarningRule.qrScan("qr", 5))
                .build();
        TierPolicy tiers = TierPolicy.byPoints(List.of(new Tier("base", 0, BigDecimal.ONE),
                new Tier("silver", 1_000, new BigDecimal("1.2"))));
        Member m = Member.of(CustomerKey.of("c1"), ZoneId.of("Asia/Shanghai"));
        MemberHistory history = new MemberHistory();

        // an order of 900.00 in a store earns 900 points, pending for a 7-day return period, valid one year
        Order order = Order.completed("store-1", m.key(), Channel.offline("pos"), Optional.of("s1"), T0,
                List.of(new OrderLine("tv", "electronics", 1, Money.of("900.00", "CNY"))));
        Evaluation ev = rules.evaluate(m, new EarningEvent.Purchase(order), history);
        history.record(ev);
        Posting.Earn earn = ev.toEarn(CustomerKey.of("c1"), Optional.of(T0.plus(Duration.ofDays(7))),
                Optional.of(T0.plus(Duration.ofDays(365)))).orElseThrow();
        assertEquals(PostingResult.Status.POSTED, ledger.post(earn).status());
        assertEquals(PostingResult.Status.REPLAYED, ledger.post(earn).status());
        assertEquals(new Balance(900, 0, 900, 0), ledger.balance(CustomerKey.of("c1")));

        // a one-time QR code (printed on a receipt) earns once, even if two members scan it
        Evaluation scan = rules.evaluate(m, EarningEvent.QrScan.oneTime("QR-9", "s1", T0), history);
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(scan.toEarn(CustomerKey.of("c1"), Optional.empty(), Optional.empty()).orElseThrow()).status());
        Member other = Member.of(CustomerKey.of("c2"), ZoneId.of("Asia/Shanghai"));
        Evaluation scan2 = rules.evaluate(other, EarningEvent.QrScan.oneTime("QR-9", "s1", T0), new MemberHistory());
        assertEquals(PostingResult.Status.KEY_CONFLICT,
                ledger.post(scan2.toEarn(CustomerKey.of("c2"), Optional.empty(), Optional.empty()).orElseThrow()).status());

        // after the return period the points pay for an online order
        clock.set(T0.plus(Duration.ofDays(8)));
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem(CustomerKey.of("c1"), 600, "app-cart-1")).status());
        assertEquals(305, ledger.balance(CustomerKey.of("c1")).available());

        // half of the TV is refunded: 450 of the earned points are taken back: the 300 left in the TV's lot,
        // then the 5 of the QR lot; the other 145 were spent already and are recorded as a shortfall
        Order refunded = new Order(order.id(), order.customer(), order.channel(), order.storeId(), order.instant(),
                order.lines(), OrderStatus.PARTIALLY_REFUNDED, Money.of("450.00", "CNY"));
        PostingResult rev = ledger.post(new Posting.Reverse(CustomerKey.of("c1"), earn.key(), "refund-1",
                refunded.refunded().minorUnits(), refunded.total().minorUnits(), ""));
        assertEquals(-305, rev.points());
        assertEquals(145, rev.entry().orElseThrow().shortfall());
        assertEquals(0, ledger.balance(CustomerKey.of("c1")).total());
        assertTrue(ledger.check(CustomerKey.of("c1")).holds());

        // qualifying points: 905 earned - 450 reversed = 455, base tier stays
        Instant now = clock.instant();
        long q = ledger.qualifyingPoints(CustomerKey.of("c1"), tiers.windowStart(now, m.zone()), now.plusNanos(1));
        assertEquals(455, q);
        assertTrue(tiers.upgrade("c1", "base", q, now).isEmpty());
        // a big purchase crosses silver at once, and silver's multiplier feeds the next evaluation
        Order big = Order.completed("app-2", m.key(), Channel.online("app"), Optional.empty(), now,
                List.of(new OrderLine("sofa", "home", 1, Money.of("600.00", "CNY"))));
        Evaluation ev2 = rules.evaluate(m, new EarningEvent.Purchase(big), history);
        ledger.post(ev2.toEarn(CustomerKey.of("c1"), Optional.empty(), Optional.empty()).orElseThrow());
        long q2 = ledger.qualifyingPoints(CustomerKey.of("c1"), tiers.windowStart(now, m.zone()), now.plusNanos(1));
        TierChange up = tiers.upgrade("c1", "base", q2, now).orElseThrow();
        assertEquals("silver", up.to());
        Member silver = m.withTier(up.to(), tiers.tier(up.to()).multiplier());
        Order next = Order.completed("app-3", m.key(), Channel.online("app"), Optional.empty(), now,
                List.of(new OrderLine("lamp", "home", 1, Money.of("100.00", "CNY"))));
        assertEquals(120, rules.evaluate(silver, new EarningEvent.Purchase(next), history).total());
    }

    @Test
    void jdbcSchemaStatementsArePrefixedAndPrefixesChecked() {
        List<String> ddl = JdbcSchema.statements("loyalty_pts_", Dialect.POSTGRESQL);
        assertEquals(9, ddl.size()); // 5 tables, 3 indexes, 1 sequence
        List<String> h2 = JdbcSchema.statements("loyalty_pts_", Dialect.H2);
        assertEquals(ddl.size(), h2.size());
        for (int i = 0; i < ddl.size(); i++) {
            // only the sequence differs: H2 caches 1,000 values (shared by its sessions, still in order)
            String expected = ddl.get(i).startsWith("CREATE SEQUENCE") ? ddl.get(i) + " CACHE 1000" : ddl.get(i);
            assertEquals(expected, h2.get(i));
        }
        assertTrue(ddl.contains("CREATE SEQUENCE IF NOT EXISTS loyalty_pts_entry_seq"), ddl.toString());
        assertTrue(ddl.stream().allMatch(s -> !s.contains("${p}") && !s.endsWith(";")));
        assertTrue(ddl.get(0).startsWith("CREATE TABLE IF NOT EXISTS loyalty_pts_account"), ddl.get(0));
        assertThrows(IllegalArgumentException.class, () -> JdbcSchema.statements("Points", Dialect.H2));
        assertThrows(IllegalArgumentException.class, () -> JdbcSchema.statements("p; DROP TABLE x; --", Dialect.H2));
    }
}
