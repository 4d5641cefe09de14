package dev.o2o.benchmarks.coupon;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;
import dev.o2o.loyalty.coupon.Cart;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponCondition;
import dev.o2o.loyalty.coupon.CouponUsage;
import dev.o2o.loyalty.coupon.CouponValidator;
import dev.o2o.loyalty.coupon.CustomerContext;
import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.coupon.StackResult;
import dev.o2o.loyalty.coupon.StackingGroup;
import dev.o2o.loyalty.coupon.ValidationOptions;
import dev.o2o.loyalty.coupon.ValidationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Single-thread latency of validating one coupon with 10 conditions against a 5-line cart
 * (target under 300 ns), and of the best combination of a 10-coupon wallet (target under 50 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CouponValidationBenchmark {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private CouponValidator validator;
    private Coupon tenConditions;
    private Cart cart;
    private CustomerContext customer;
    private List<Coupon> wallet;
    private List<Coupon> wallet20;

    private static Money cny(String s) {
        return Money.of(s, "CNY");
    }

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-07-15T10:00:00Z");
        CouponUsage used = new CouponUsage(10, 10_000, 0);
        validator = CouponValidator.create(Clock.fixed(now, ZoneOffset.UTC), (id, who) -> used, ValidationOptions.defaults());
        Store s1 = new Store("S1", "People's Square", GeoPoint.of(31.2304, 121.4737));
        tenConditions = Coupon.builder("spend150save20", new Discount.Threshold(cny("150"), cny("20")))
                .condition(CouponCondition.validity(now.minusSeconds(86_400), now.plusSeconds(86_400)))
                .condition(CouponCondition.hours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(22, 0), SHANGHAI))
                .condition(CouponCondition.channelKind(ChannelKind.OFFLINE))
                .stores(Set.of("S1", "S2", "S3"))
                .condition(CouponCondition.geoFence(List.of(s1), 3000))
                .condition(CouponCondition.minSpend(cny("100")))
                .condition(CouponCondition.excludeCategories(Set.of("tobacco", "gift-cards")))
                .condition(CouponCondition.tiers(Set.of("silver", "gold")))
                .perCustomerLimit(1)
                .totalQuantity(1000)
                .build();
        cart = Cart.of(new OrderLine("tea", "drinks", 2, cny("15.00")), new OrderLine("cake", "bakery", 1, cny("45.50")),
                new OrderLine("cup", "goods", 3, cny("9.99")), new OrderLine("rice", "grocery", 1, cny("59.90")),
                new OrderLine("soap", "household", 2, cny("7.80")));
        customer = CustomerContext.of(CustomerKey.of("c-42"), Channel.offline("pos")).atStore("S1")
                .at(GeoPoint.of(31.2400, 121.4800)).withTier("gold");
        ValidationResult r = validator.validate(tenConditions, cart, customer);
        if (!r.isValid()) {
            throw new IllegalStateException("benchmark coupon must be valid: " + r);
        }
        wallet = wallet(new Random(11), 10);
        wallet20 = wallet(new Random(12), 20);
        StackResult best = validator.best(wallet, cart, customer);
        if (best.appliedIds().size() < 2) {
            throw new IllegalStateException("benchmark wallet should stack: " + best.appliedIds());
        }
    }

    static List<Coupon> wallet(Random rnd, int n) {
        List<Coupon> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Coupon.Builder b = switch (i % 4) {
                case 0 -> Coupon.builder("c" + i, new Discount.Threshold(cny(String.valueOf(50 + rnd.nextInt(100))),
                        cny(String.valueOf(5 + rnd.nextInt(20)))));
                case 1 -> Coupon.builder("c" + i, new Discount.Rate(new BigDecimal("0." + (80 + rnd.nextInt(19)))));
                case 2 -> Coupon.builder("c" + i, new Discount.FixedAmount(cny(String.valueOf(2 + rnd.nextInt(10)))));
                default -> Coupon.builder("c" + i, new Discount.FixedPrice("cup", cny(String.valueOf(3 + rnd.nextInt(5)))));
            };
            if (i % 3 == 0) {
                b.condition(CouponCondition.excludeCategories(Set.of("bakery")));
            }
            if (i == 9 || i == 19) {
                b.group(StackingGroup.EXCLUSIVE);
            }
            w.add(b.priority(rnd.nextInt(4)).build());
        }
        return w;
    }

    /** One coupon, 10 conditions, 5 lines. */
    @Benchmark
    public ValidationResult validateTenConditions() {
        return validator.validate(tenConditions, cart, customer);
    }

    /** The best combination of a 10-coupon wallet (exact). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public StackResult bestOfTen() {
        return validator.best(wallet, cart, customer);
    }

    /** The best combination of a 20-coupon wallet (exact); no target, for the record. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public StackResult bestOfTwenty() {
        return validator.best(wallet20, cart, customer);
    }
}
