package dev.o2o.benchmarks.points;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.loyalty.points.Caps;
import dev.o2o.loyalty.points.EarningEvent;
import dev.o2o.loyalty.points.EarningHistory;
import dev.o2o.loyalty.points.EarningRule;
import dev.o2o.loyalty.points.Evaluation;
import dev.o2o.loyalty.points.Member;
import dev.o2o.loyalty.points.MemberHistory;
import dev.o2o.loyalty.points.RuleSet;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to evaluate a 10-rule set (spend, birthday, member day, channel, store, tier, category, first
 * purchase, referral, QR with a daily cap) for one 3-line purchase, with explanations built (target
 * under 2 microseconds). {@code history=empty} skips cap look-ups' data; {@code history=member} uses an
 * in-memory history with some earlier awards and a per-day cap on the spend rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleSetBenchmark {

    @Param({"empty", "member"})
    public String history;

    RuleSet rules;
    Member member;
    EarningEvent.Purchase purchase;
    EarningHistory hist;

    @Setup
    public void setUp() {
        Money yuan = Money.of("1.00", "CNY");
        boolean capped = history.equals("member");
        rules = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, yuan), capped ? Caps.perDay(5_000) : Caps.none())
                .add(EarningRule.birthdayMonthMultiplier("birthday", new BigDecimal("2")))
                .add(EarningRule.memberDay("wednesday", DayOfWeek.WEDNESDAY, new BigDecimal("1.5")))
                .add(EarningRule.channelMultiplier("app", "app", new BigDecimal("1.2")))
                .add(EarningRule.storeMultiplier("store", "s1", new BigDecimal("1.1")))
                .add(EarningRule.tierMultiplier("tier"))
                .add(EarningRule.categoryBonus("coffee", "coffee", 1, yuan))
                .add(EarningRule.firstPurchase("first", 200))
                .add(EarningRule.referral("referral", 300))
                .add(EarningRule.qrScan("qr", 5), Caps.perDay(20))
                .build();
        member = Member.of(CustomerKey.of("c1"), ZoneId.of("Asia/Shanghai")).withBirthday(MonthDay.of(3, 9))
                .withTier("gold", new BigDecimal("1.5"));
        Instant wed = Instant.parse("2026-03-11T04:00:00Z");
        purchase = new EarningEvent.Purchase(Order.completed("o1", CustomerKey.of("c1"), Channel.online("app"),
                Optional.of("s1"), wed, List.of(
                        new OrderLine("a", "coffee", 2, Money.of("18.00", "CNY")),
                        new OrderLine("b", "food", 1, Money.of("23.50", "CNY")),
                        new OrderLine("c", "food", 3, Money.of("4.20", "CNY")))));
        if (capped) {
            MemberHistory h = new MemberHistory();
            for (int d = 1; d <= 10; d++) {
                Instant t = Instant.parse(String.format("2026-03-%02dT04:00:00Z", d));
                h.record(rules.evaluate(member, new EarningEvent.Purchase(Order.completed("p" + d,
                        CustomerKey.of("c1"), Channel.online("app"), Optional.of("s1"), t,
                        purchase.order().lines())), EarningHistory.empty()));
            }
            hist = h;
        } else {
            hist = EarningHistory.empty();
        }
        if (rules.evaluate(member, purchase, hist).total() <= 0) {
            throw new IllegalStateException("the benchmark purchase earns nothing");
        }
    }

    @Benchmark
    public Evaluation evaluateTenRules() {
        return rules.evaluate(member, purchase, hist);
    }

    @Benchmark
    public String evaluateAndExplain() {
        return rules.evaluate(member, purchase, hist).explain();
    }
}
