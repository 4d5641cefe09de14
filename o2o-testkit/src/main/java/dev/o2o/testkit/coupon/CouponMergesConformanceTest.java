package dev.o2o.testkit.coupon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.StoreChange;
import dev.o2o.loyalty.coupon.CodeState;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponMerges;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.CustomerMove;
import dev.o2o.loyalty.coupon.IssuedCode;
import dev.o2o.loyalty.coupon.ReasonCode;
import dev.o2o.loyalty.coupon.RedemptionRequest;
import dev.o2o.loyalty.coupon.Violation;
import dev.o2o.testkit.customer.SameMoment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of a {@link CouponStore} under customer merges, unmerges and erasure: codes,
 * redemptions and per-customer counts follow the surviving key once per merge id, unused codes go
 * back on an unmerge, and an erasure leaves the erased key nowhere in the store's API while every
 * count stays. Extend it and return a fresh, empty store from {@link #newStore()}; JUnit makes one
 * instance per test.
 */
public abstract class CouponMergesConformanceTest {

    /** The instant the kit's requests are made at. */
    protected static final Instant NOW = Instant.parse("2026-07-15T10:00:00Z");
    private static final CustomerKey CARD = CustomerKey.of("c-card");
    private static final CustomerKey APP = CustomerKey.of("c-app");

    /** The store under test. */
    protected CouponStore store;
    private CustomerDataStore merges;

    /** Subclasses say how to make a store. */
    protected CouponMergesConformanceTest() {
    }

    /** A new, empty store. */
    protected abstract CouponStore newStore();

    /** Registers a free coupon and a one-per-customer coupon, and issues codes to both keys. */
    @BeforeEach
    public void setUp() {
        store = newStore();
        merges = CouponMerges.of(store);
        store.register(CouponLimits.none("free"));
        store.register(new CouponLimits("one-each", OptionalLong.empty(), Optional.empty(), OptionalInt.of(1)));
        store.issue("F1", "free", APP, NOW);
        store.issue("F2", "free", APP, NOW);
        store.issue("P1", "one-each", APP, NOW);
        store.issue("P2", "one-each", CARD, NOW);
    }

    private static RedemptionRequest req(String key, String code, CustomerKey who, String order) {
        return RedemptionRequest.online(key, code, who, order, Money.of("5.00", "CNY"), NOW);
    }

    private List<String> codes(CustomerKey who) {
        return store.codesOf(who).stream().map(IssuedCode::code).toList();
    }

    @Test
    public void mergeMovesCodesRedemptionsAndPerCustomerCounts() {
        assertTrue(store.redeem(req("k1", "P1", APP, "o1")).isSuccess());
        assertEquals(List.of("F1", "F2", "P1"), codes(APP));

        StoreChange c = merges.merge(new CustomerMerge("m1", APP, CARD));

        assertFalse(c.replayed());
        assertEquals(3, c.count("codes"));
        assertEquals(1, c.count("redemptions"));
        assertEquals(List.of(), codes(APP));
        assertEquals(List.of("F1", "F2", "P1", "P2"), codes(CARD));
        assertEquals(CARD, store.redemption("k1").orElseThrow().customer());
        assertEquals(1, store.usage("one-each", CARD).redeemedByCustomer());
        assertEquals(0, store.usage("one-each", APP).redeemedByCustomer());
        // the merged customer used its one "one-each" coupon already
        assertEquals(Optional.of(ReasonCode.PER_CUSTOMER_LIMIT), store.redeem(req("k2", "P2", CARD, "o2")).reason());
        // the survivor can use the moved codes, and a refund of the earlier redemption still works
        assertTrue(store.redeem(req("k3", "F1", CARD, "o3")).isSuccess());
        assertTrue(store.rollback("k1", NOW.plusSeconds(60)).isSuccess());
        assertEquals(0, store.usage("one-each", CARD).redeemedByCustomer());
        assertEquals(CodeState.ISSUED, store.find("P1").orElseThrow().state());
    }

    @Test
    public void theSameMergeIdMovesNothingTwice() {
        CustomerMerge m = new CustomerMerge("m1", APP, CARD);
        merges.merge(m);
        store.issue("LATE", "free", APP, NOW); // issued to the old key after the merge

        StoreChange again = merges.merge(m);

        assertTrue(again.replayed());
        assertEquals(3, again.count("codes"));
        assertEquals(List.of("LATE"), codes(APP));
    }

    @Test
    public void concurrentRetriesOfOneMergeApplyItOnce() throws Exception {
        CustomerMerge m = new CustomerMerge("m-race", APP, CARD);
        int fresh = 0;
        for (StoreChange c : SameMoment.run(6, () -> merges.merge(m))) {
            assertEquals(3, c.count("codes"));
            fresh += c.replayed() ? 0 : 1;
        }
        assertEquals(1, fresh);
        assertEquals(List.of("F1", "F2", "P1", "P2"), codes(CARD));
    }

    @Test
    public void unmergeReturnsUnusedCodesOnly() {
        CustomerMerge m = new CustomerMerge("m1", APP, CARD);
        merges.merge(m);
        assertTrue(store.redeem(req("k1", "F2", CARD, "o1")).isSuccess());
        assertTrue(store.reserve("P1", CARD, "o2", NOW, Duration.ofMinutes(15)).isSuccess());
        store.issue("NEW", "free", CARD, NOW);

        StoreChange back = merges.unmerge(m, APP);

        assertFalse(back.replayed());
        assertEquals(1, back.count("codes"));
        assertEquals(List.of("F1"), codes(APP));
        assertEquals(List.of("F2", "NEW", "P1", "P2"), codes(CARD));
        StoreChange twice = merges.unmerge(m, APP);
        assertTrue(twice.replayed());
        assertEquals(1, twice.count("codes"));
        assertEquals(0, merges.unmerge(new CustomerMerge("never", APP, CARD), APP).count("codes"));
        assertEquals(List.of("F1"), codes(APP));
    }

    @Test
    public void erasureLeavesTheKeyNowhereAndKeepsTheCounts() {
        CustomerKey raw = CustomerKey.of("c-erase-me");
        CustomerKey pseudonym = CustomerKey.of("erased-77aa");
        store.issue("E1", "one-each", raw, NOW);
        store.issue("E2", "free", raw, NOW);
        assertTrue(store.redeem(req("k1", "E1", raw, "o1")).isSuccess());
        store.refuse(req("k2", "E2", raw, "o2"), new Violation(ReasonCode.MIN_SPEND_NOT_REACHED, "spend more"));
        merges.merge(new CustomerMerge("m-old", CustomerKey.of("c-older"), raw));

        CustomerMove m = store.eraseCustomer(raw, pseudonym);

        assertEquals(2, m.codes());
        assertEquals(2, m.redemptions());
        assertEquals(List.of(), store.codesOf(raw));
        assertEquals(pseudonym, store.find("E1").orElseThrow().customer());
        assertEquals(pseudonym, store.redemption("k1").orElseThrow().customer());
        assertEquals(0, store.usage("one-each", raw).redeemedByCustomer());
        assertEquals(1, store.usage("one-each", pseudonym).redeemedByCustomer());
        assertEquals(1, store.usage("one-each", pseudonym).redeemed());
        // the remembered refusal no longer answers to the raw key
        assertEquals(Optional.of(ReasonCode.KEY_CONFLICT), store.redeem(req("k2", "E2", raw, "o2")).reason());
        assertThrows(IllegalStateException.class, () -> store.eraseCustomer(CARD, pseudonym));
        // an erasure run again finds nothing
        assertEquals(new CustomerMove(false, 0, 0), store.eraseCustomer(raw, pseudonym));
        assertEquals(List.of("P2"), codes(CARD));
    }
}
