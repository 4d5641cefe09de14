package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.NOW;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link CouponStore} must meet: each implementation's test extends this class
 * and says how to make a new, empty store. Published in the {@code o2o-loyalty} test jar (classifier
 * {@code tests}) so that an integrator's own store (another database, a cache in front of ours) runs
 * the same checks, concurrency included. Not thread-safe itself; JUnit makes one instance per test.
 */
public abstract class CouponStoreConformanceTest {
    static final CustomerKey BOB = CustomerKey.of("bob");

    /** A new, empty store. */
    protected abstract CouponStore newStore();

    /** The store under test, made by {@link #newStore()} before each test. */
    protected CouponStore store;

    @BeforeEach
    public void setUp() {
        store = newStore();
        store.register(CouponLimits.none("free"));
        store.issue("A1", "free", ALICE, NOW);
        store.issue("A2", "free", ALICE, NOW);
        store.issue("B1", "free", BOB, NOW);
    }

    static CouponLimits limits(String id, Long quantity, String budget, Integer perCustomer) {
        return new CouponLimits(id, quantity == null ? OptionalLong.empty() : OptionalLong.of(quantity),
                budget == null ? Optional.empty() : Optional.of(cny(budget)),
                perCustomer == null ? OptionalInt.empty() : OptionalInt.of(perCustomer));
    }

    static RedemptionRequest req(String key, String code, CustomerKey who, String order, String amount) {
        return RedemptionRequest.online(key, code, who, order, cny(amount), NOW);
    }

    @Test
    public void issueAndFind() {
        IssuedCode c = store.find("A1").orElseThrow();
        assertEquals("free", c.couponId());
        assertEquals(ALICE, c.customer());
        assertEquals(CodeState.ISSUED, c.state());
        assertEquals(NOW, c.issuedAt());
        assertFalse(store.issue("A1", "free", BOB, NOW), "duplicate code");
        assertEquals(ALICE, store.find("A1").orElseThrow().customer());
        assertTrue(store.find("nope").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.issue("X1", "unregistered", ALICE, NOW));
    }

    @Test
    public void reserveWithTimeoutAndRelease() {
        assertTrue(store.reserve("A1", ALICE, "o1", NOW, Duration.ofMinutes(15)).isSuccess());
        IssuedCode c = store.find("A1").orElseThrow();
        assertEquals(CodeState.RESERVED, c.state());
        assertEquals(Optional.of("o1"), c.orderId());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(15))), c.reservedUntil());
        assertEquals(Optional.of(ReasonCode.RESERVED), store.reserve("A1", ALICE, "o2", NOW.plusSeconds(60), Duration.ofMinutes(15)).code());
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), store.reserve("A1", BOB, "o2", NOW, Duration.ofMinutes(15)).code());
        assertTrue(store.reserve("A1", ALICE, "o1", NOW.plusSeconds(60), Duration.ofMinutes(15)).isSuccess(), "same order extends");
        // the reservation lapses: another order may take the code
        Instant later = NOW.plus(Duration.ofMinutes(17));
        assertEquals(CodeState.ISSUED, store.find("A1").orElseThrow().stateAt(later));
        assertTrue(store.reserve("A1", ALICE, "o2", later, Duration.ofMinutes(15)).isSuccess());
        assertEquals(Optional.of(ReasonCode.RESERVED), store.release("A1", "o1", later).code());
        assertTrue(store.release("A1", "o2", later).isSuccess());
        assertEquals(CodeState.ISSUED, store.find("A1").orElseThrow().state());
        assertTrue(store.release("A1", "o2", later).isSuccess(), "releasing a free code succeeds");
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), store.release("nope", "o2", later).code());
    }

    @Test
    public void redeemOnceWithIdempotentRetries() {
        StoreOutcome first = store.redeem(req("k1", "A1", ALICE, "o1", "5.00"));
        assertTrue(first.isSuccess());
        assertFalse(first.replayed());
        Redemption r = first.redemption().orElseThrow();
        assertEquals("free", r.couponId());
        assertEquals(cny("5.00"), r.discount());
        assertEquals(CodeState.REDEEMED, store.find("A1").orElseThrow().state());
        StoreOutcome retry = store.redeem(req("k1", "A1", ALICE, "o1", "5.00"));
        assertTrue(retry.isSuccess());
        assertTrue(retry.replayed());
        assertEquals(r, retry.redemption().orElseThrow());
        assertEquals(Optional.of(ReasonCode.ALREADY_REDEEMED), store.redeem(req("k2", "A1", ALICE, "o9", "5.00")).code());
        assertEquals(Optional.of(ReasonCode.KEY_CONFLICT), store.redeem(req("k1", "A2", ALICE, "o1", "5.00")).code());
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), store.redeem(req("k3", "B1", ALICE, "o1", "5.00")).code());
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), store.redeem(req("k4", "zz", ALICE, "o1", "5.00")).code());
        assertEquals(new CouponUsage(1, 500, 1), store.usage("free", ALICE));
        assertEquals(new CouponUsage(1, 500, 0), store.usage("free", BOB));
        assertEquals(CouponUsage.NONE, store.usage("unknown", BOB));
        assertEquals(Optional.of(r), store.redemption("k1"));
    }

    @Test
    public void reservedCodesRedeemOnlyForTheirOrder() {
        assertTrue(store.reserve("A1", ALICE, "o1", NOW, Duration.ofMinutes(15)).isSuccess());
        assertEquals(Optional.of(ReasonCode.RESERVED), store.redeem(req("k1", "A1", ALICE, "o2", "1.00")).code());
        assertTrue(store.redeem(req("k2", "A1", ALICE, "o1", "1.00")).isSuccess());
        assertEquals(Optional.of(ReasonCode.INVALID_STATE), store.release("A1", "o1", NOW).code());
    }

    @Test
    public void offlineRedemptionRecordsStoreAndCashier() {
        RedemptionRequest q = new RedemptionRequest("k1", "B1", BOB, "pos-1", cny("3.00"), Optional.of("S1"),
                Optional.of("cashier-7"), NOW.plusMillis(1234));
        Redemption r = store.redeem(q).redemption().orElseThrow();
        assertEquals(Optional.of("S1"), r.storeId());
        assertEquals(Optional.of("cashier-7"), r.cashierId());
        assertEquals(NOW.plusMillis(1234), r.redeemedAt());
        assertEquals(r, store.redemption("k1").orElseThrow());
    }

    @Test
    public void limitsHold() {
        store.register(limits("lim", 2L, "25.00", 1));
        for (String code : List.of("L1", "L2", "L3", "L4")) {
            store.issue(code, "lim", CustomerKey.of("c-" + code), NOW);
        }
        store.issue("L1b", "lim", CustomerKey.of("c-L1"), NOW);
        assertTrue(store.redeem(req("k1", "L1", CustomerKey.of("c-L1"), "o1", "10.00")).isSuccess());
        assertEquals(Optional.of(ReasonCode.PER_CUSTOMER_LIMIT), store.redeem(req("k1b", "L1b", CustomerKey.of("c-L1"), "o1b", "1.00")).code());
        assertTrue(store.redeem(req("k1", "L1", CustomerKey.of("c-L1"), "o1", "10.00")).isSuccess(), "payment retry of a one-per-customer coupon");
        assertEquals(Optional.of(ReasonCode.BUDGET_EXHAUSTED), store.redeem(req("k2", "L2", CustomerKey.of("c-L2"), "o2", "15.01")).code());
        assertTrue(store.redeem(req("k3", "L3", CustomerKey.of("c-L3"), "o3", "15.00")).isSuccess());
        assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), store.redeem(req("k4", "L4", CustomerKey.of("c-L4"), "o4", "0.00")).code());
        assertEquals(Optional.of(ReasonCode.CURRENCY_MISMATCH), store.redeem(RedemptionRequest.online("k5", "L4",
                CustomerKey.of("c-L4"), "o5", Money.of("1", "USD"), NOW)).code());
        assertEquals(new CouponUsage(2, 2500, 1), store.usage("lim", CustomerKey.of("c-L3")));
        // raising the limits keeps the counts; k4 was refused first and stays refused, a new key succeeds
        store.register(limits("lim", 3L, "30.00", 1));
        StoreOutcome again = store.redeem(req("k4", "L4", CustomerKey.of("c-L4"), "o4", "5.00"));
        assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), again.code());
        assertTrue(again.replayed());
        assertTrue(store.redeem(req("k4b", "L4", CustomerKey.of("c-L4"), "o4", "5.00")).isSuccess());
        assertEquals(new CouponUsage(3, 3000, 1), store.usage("lim", CustomerKey.of("c-L4")));
    }

    @Test
    public void aRefusedRedemptionIsTheFirstOutcomeOfItsKey() {
        store.register(limits("lim", 1L, null, null));
        store.issue("L1", "lim", ALICE, NOW);
        store.issue("L2", "lim", BOB, NOW);
        assertTrue(store.redeem(req("k1", "L1", ALICE, "o1", "1.00")).isSuccess());
        StoreOutcome refused = store.redeem(req("k2", "L2", BOB, "o2", "1.00"));
        assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), refused.code());
        assertFalse(refused.replayed());
        // a unit comes free (refund): the retry with the same key is still refused, and nothing changes
        assertTrue(store.rollback("k1", NOW).isSuccess());
        StoreOutcome retry = store.redeem(req("k2", "L2", BOB, "o2", "1.00"));
        assertEquals(refused.failure(), retry.failure());
        assertTrue(retry.replayed());
        assertEquals(new CouponUsage(0, 0, 0), store.usage("lim", BOB));
        assertEquals(CodeState.ISSUED, store.find("L2").orElseThrow().state());
        assertTrue(store.redemption("k2").isEmpty());
        // the refused key cannot be borrowed for another code
        assertEquals(Optional.of(ReasonCode.KEY_CONFLICT), store.redeem(req("k2", "L1", ALICE, "o2", "1.00")).code());
        // NOT_FOUND is remembered too: issuing the code afterwards does not turn the old key into a success
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), store.redeem(req("k3", "L3", ALICE, "o3", "1.00")).code());
        store.issue("L3", "lim", ALICE, NOW);
        StoreOutcome notFound = store.redeem(req("k3", "L3", ALICE, "o3", "1.00"));
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), notFound.code());
        assertTrue(notFound.replayed());
        // a new key is evaluated anew
        assertTrue(store.redeem(req("k5", "L2", BOB, "o2", "1.00")).isSuccess());
        assertEquals(new CouponUsage(1, 100, 1), store.usage("lim", BOB));
    }

    @Test
    public void aRefusalFromValidationIsRememberedAndNeverOverridesAnOutcome() {
        Violation minSpend = new Violation(ReasonCode.MIN_SPEND_NOT_REACHED, "spend 100.00 CNY, cart is 50.00 CNY");
        StoreOutcome refused = store.refuse(req("v1", "A1", ALICE, "o1", "0.00"), minSpend);
        assertEquals(Optional.of(minSpend), refused.failure());
        assertFalse(refused.replayed());
        // the retry reaches the store with a valid request: the first refusal is replayed, nothing is redeemed
        StoreOutcome retry = store.redeem(req("v1", "A1", ALICE, "o1", "1.00"));
        assertEquals(Optional.of(minSpend), retry.failure());
        assertTrue(retry.replayed());
        assertEquals(CodeState.ISSUED, store.find("A1").orElseThrow().state());
        assertEquals(new CouponUsage(0, 0, 0), store.usage("free", ALICE));
        // refusing again replays the first refusal, not the new reason
        StoreOutcome again = store.refuse(req("v1", "A1", ALICE, "o1", "0.00"),
                new Violation(ReasonCode.EXPIRED, "coupon expired"));
        assertEquals(Optional.of(minSpend), again.failure());
        assertTrue(again.replayed());
        // a key that redeemed keeps its success; another code under the key is a conflict
        assertTrue(store.redeem(req("v2", "A2", ALICE, "o2", "1.00")).isSuccess());
        StoreOutcome late = store.refuse(req("v2", "A2", ALICE, "o2", "0.00"), minSpend);
        assertTrue(late.isSuccess());
        assertTrue(late.replayed());
        assertEquals(Optional.of(ReasonCode.KEY_CONFLICT), store.refuse(req("v2", "B1", BOB, "o3", "0.00"), minSpend).code());
        // unknown codes are refused and remembered too
        assertEquals(Optional.of(minSpend), store.refuse(req("v3", "ZZ", ALICE, "o4", "0.00"), minSpend).failure());
        assertTrue(store.redeem(req("v3", "ZZ", ALICE, "o4", "1.00")).replayed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.refuse(
                req("v4", "B1", BOB, "o5", "0.00"), new Violation(ReasonCode.KEY_CONFLICT, "no")));
        assertTrue(e.getMessage().contains("v4"), e.getMessage());
    }

    @Test
    public void concurrentRetriesOfARefusedKeyAllGetTheFirstRefusal() throws Exception {
        store.register(limits("one", 1L, null, null));
        store.issue("O1", "one", ALICE, NOW);
        store.issue("O2", "one", BOB, NOW);
        assertTrue(store.redeem(req("first", "O1", ALICE, "o1", "1.00")).isSuccess());
        assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), store.redeem(req("kb", "O2", BOB, "o2", "1.00")).code());
        store.register(limits("one", 100L, null, null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StoreOutcome>> fs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                fs.add(pool.submit(() -> store.redeem(req("kb", "O2", BOB, "o2", "1.00"))));
            }
            for (Future<StoreOutcome> f : fs) {
                StoreOutcome o = f.get(60, TimeUnit.SECONDS);
                assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), o.code());
                assertTrue(o.replayed());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new CouponUsage(1, 100, 0), store.usage("one", BOB));
    }

    @Test
    public void rollbackRestoresCountsAndIsIdempotent() {
        store.register(limits("lim", 1L, "10.00", 1));
        store.issue("R1", "lim", ALICE, NOW);
        store.issue("R2", "lim", BOB, NOW);
        assertTrue(store.redeem(req("k1", "R1", ALICE, "o1", "10.00")).isSuccess());
        assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), store.redeem(req("k2", "R2", BOB, "o2", "1.00")).code());
        StoreOutcome back = store.rollback("k1", NOW.plusSeconds(5));
        assertTrue(back.isSuccess());
        assertFalse(back.replayed());
        assertEquals(Optional.of(NOW.plusSeconds(5)), back.redemption().orElseThrow().rolledBackAt());
        assertEquals(new CouponUsage(0, 0, 0), store.usage("lim", ALICE));
        assertEquals(CodeState.ISSUED, store.find("R1").orElseThrow().state());
        StoreOutcome again = store.rollback("k1", NOW.plusSeconds(9));
        assertTrue(again.isSuccess());
        assertTrue(again.replayed());
        assertEquals(Optional.of(NOW.plusSeconds(5)), again.redemption().orElseThrow().rolledBackAt());
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), store.rollback("nope", NOW).code());
        // the freed unit can be used again (with a new key: k2 keeps its refusal), the old key replays its
        // (rolled back) redemption
        assertEquals(Optional.of(ReasonCode.QUANTITY_EXHAUSTED), store.redeem(req("k2", "R2", BOB, "o2", "4.00")).code());
        assertTrue(store.redeem(req("k2b", "R2", BOB, "o2", "4.00")).isSuccess());
        assertTrue(store.redeem(req("k1", "R1", ALICE, "o1", "10.00")).redemption().orElseThrow().isRolledBack());
        assertEquals(new CouponUsage(1, 400, 1), store.usage("lim", BOB));
    }

    /** Attempts per code in the concurrency test; different keys race for the same code. */
    static final int ATTEMPTS_PER_CODE = 5;

    int concurrentRedemptions(String couponId, long quantity, String budget, String discount) throws Exception {
        store.register(limits(couponId, quantity, budget, 1));
        int codes = 20_000 / ATTEMPTS_PER_CODE;
        issueMany(couponId, codes);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        ConcurrentHashMap<String, String> redeemedCodes = new ConcurrentHashMap<>();
        ConcurrentHashMap<ReasonCode, AtomicInteger> failures = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                int i;
                while ((i = next.getAndIncrement()) < 20_000) {
                    int code = i % codes;
                    StoreOutcome o = store.redeem(req(couponId + "-k" + i, couponId + "-" + code,
                            CustomerKey.of("cust-" + code), "ord-" + i, discount));
                    if (o.isSuccess()) {
                        successes.incrementAndGet();
                        if (redeemedCodes.put(couponId + "-" + code, "x") != null) {
                            throw new AssertionError("code redeemed twice: " + code);
                        }
                    } else {
                        failures.computeIfAbsent(o.code().orElseThrow(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        CouponUsage u = store.usage(couponId, ALICE);
        assertEquals(successes.get(), u.redeemed(), "store count matches the successes");
        assertEquals(successes.get() * cny(discount).minorUnits(), u.spentMinor());
        assertEquals(20_000 - successes.get(), failures.values().stream().mapToInt(AtomicInteger::get).sum());
        assertTrue(Set.of(ReasonCode.QUANTITY_EXHAUSTED, ReasonCode.BUDGET_EXHAUSTED, ReasonCode.ALREADY_REDEEMED)
                .containsAll(failures.keySet()), failures.toString());
        return successes.get();
    }

    void issueMany(String couponId, int codes) {
        for (int c = 0; c < codes; c++) {
            assertTrue(store.issue(couponId + "-" + c, couponId, CustomerKey.of("cust-" + c), NOW));
        }
    }

    /** Runs {@code task(i)} for i in 0..n-1 on 16 threads, all released at once; returns the outcomes. */
    static List<StoreOutcome> race(int n, java.util.function.IntFunction<StoreOutcome> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StoreOutcome>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            fs.add(pool.submit(() -> {
                start.await();
                return task.apply(k);
            }));
        }
        start.countDown();
        List<StoreOutcome> out = new ArrayList<>();
        for (Future<StoreOutcome> f : fs) {
            out.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return out;
    }

    @Test
    public void concurrentRetriesOfOneKeySucceedOnce() throws Exception {
        store.register(limits("once", 10L, "100.00", 1));
        store.issue("O1", "once", ALICE, NOW);
        List<StoreOutcome> out = race(64, i -> store.redeem(req("pay-1", "O1", ALICE, "o1", "7.00")));
        assertTrue(out.stream().allMatch(StoreOutcome::isSuccess), out.toString());
        assertEquals(1, out.stream().filter(o -> !o.replayed()).count(), "exactly one first outcome");
        assertEquals(1, out.stream().map(o -> o.redemption().orElseThrow()).distinct().count());
        assertEquals(new CouponUsage(1, 700, 1), store.usage("once", ALICE));
    }

    @Test
    public void perCustomerLimitHoldsUnderConcurrency() throws Exception {
        store.register(limits("per", null, null, 3));
        for (int c = 0; c < 40; c++) {
            store.issue("P" + c, "per", ALICE, NOW);
        }
        List<StoreOutcome> out = race(40, i -> store.redeem(req("p-" + i, "P" + i, ALICE, "o" + i, "1.00")));
        assertEquals(3, out.stream().filter(StoreOutcome::isSuccess).count());
        assertTrue(out.stream().filter(o -> !o.isSuccess()).allMatch(o -> o.code().orElseThrow() == ReasonCode.PER_CUSTOMER_LIMIT));
        assertEquals(new CouponUsage(3, 300, 3), store.usage("per", ALICE));
    }

    @Test
    public void neverOverRedeemedUnderConcurrency() throws Exception {
        assertEquals(1000, concurrentRedemptions("q", 1000, "5000.00", "5.00"));
    }

    @Test
    public void budgetBindsUnderConcurrency() throws Exception {
        assertEquals(900, concurrentRedemptions("b", 1000, "4500.00", "5.00"));
    }
}
