package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link CouponStore}. Thread-safe: every change to a coupon's codes, counts and
 * redemptions happens under that coupon's lock, so limits hold under concurrency; the first
 * outcome of a key is claimed with one {@code putIfAbsent} before anything changes, so concurrent
 * requests with one key (even for different codes) get one outcome and its replays.
 */
final class InMemoryCouponStore implements CouponStore {


    private static final class Campaign {
        volatile CouponLimits limits;
        long redeemed;
        long spentMinor;
        final Map<CustomerKey, long[]> byCustomer = new HashMap<>();

        Campaign(CouponLimits limits) {
            this.limits = limits;
        }
    }

    private static final class Code {
        final String code;
        final String couponId;
        /** Changes only by a merge, an unmerge or an erasure, under the coupon's lock. */
        volatile CustomerKey customer;
        final Instant issuedAt;
        CodeState state = CodeState.ISSUED;
        String orderId;
        Instant reservedUntil;

        Code(String code, String couponId, CustomerKey customer, Instant issuedAt) {
            this.code = code;
            this.couponId = couponId;
            this.customer = customer;
            this.issuedAt = issuedAt;
        }

        IssuedCode snapshot() {
            return new IssuedCode(code, couponId, customer, state, Optional.ofNullable(orderId),
                    Optional.ofNullable(reservedUntil), issuedAt);
        }
    }

    private final ConcurrentHashMap<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Code> codes = new ConcurrentHashMap<>();
    /** The first outcome of every redemption key, redemption or refusal: one entry per key. */
    private final ConcurrentHashMap<String, FirstOutcome> outcomes = new ConcurrentHashMap<>();
    /** Merges applied, by merge id; guarded by {@link #customerChanges}. */
    private final Map<String, MergeRecord> merges = new HashMap<>();
    /** Serialises merges, unmerges and erasures with each other (each also takes the coupons' locks). */
    private final Object customerChanges = new Object();

    /** One applied merge: the codes it moved and, once undone, how many went back. */
    private static final class MergeRecord {
        final CustomerKey from;
        final CustomerKey to;
        final List<String> codes;
        final long redemptions;
        Long returned;

        MergeRecord(CustomerKey from, CustomerKey to, List<String> codes, long redemptions) {
            this.from = from;
            this.to = to;
            this.codes = codes;
            this.redemptions = redemptions;
        }
    }

    private static Instant ms(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void register(CouponLimits limits) {
        Objects.requireNonNull(limits, "limits");
        campaigns.compute(limits.couponId(), (id, c) -> {
            if (c == null) {
                return new Campaign(limits);
            }
            c.limits = limits;
            return c;
        });
    }

    @Override
    public boolean issue(String code, String couponId, CustomerKey customer, Instant at) {
        Check.code(code, "code");
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
        if (!campaigns.containsKey(couponId)) {
            throw new IllegalArgumentException("coupon '" + couponId + "' is not registered");
        }
        return codes.putIfAbsent(code, new Code(code, couponId, customer, ms(at))) == null;
    }

    @Override
    public Optional<IssuedCode> find(String code) {
        Code c = codes.get(Check.code(code, "code"));
        if (c == null) {
            return Optional.empty();
        }
        synchronized (campaigns.get(c.couponId)) {
            return Optional.of(c.snapshot());
        }
    }

    @Override
    public StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
        CodeRules.checkReserve(code, customer, orderId, now, timeout);
        Code c = codes.get(code);
        if (c == null || !c.customer.equals(customer)) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code for this customer");
        }
        synchronized (campaigns.get(c.couponId)) {
            StoreOutcome busy = CodeRules.busy(c.state, c.orderId, c.reservedUntil, orderId, now);
            if (busy != null) {
                return busy;
            }
            c.state = CodeState.RESERVED;
            c.orderId = orderId;
            c.reservedUntil = ms(now.plus(timeout));
            return StoreOutcome.OK;
        }
    }

    @Override
    public StoreOutcome release(String code, String orderId, Instant now) {
        Check.code(code, "code");
        Check.id(orderId, "orderId");
        Objects.requireNonNull(now, "now");
        Code c = codes.get(code);
        if (c == null) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code");
        }
        synchronized (campaigns.get(c.couponId)) {
            StoreOutcome answer = CodeRules.release(c.state, c.orderId, orderId);
            if (answer != null) {
                return answer;
            }
            c.state = CodeState.ISSUED;
            c.orderId = null;
            c.reservedUntil = null;
            return StoreOutcome.OK;
        }
    }

    @Override
    public StoreOutcome voidCode(String code) {
        Check.code(code, "code");
        Code c = codes.get(code);
        if (c == null) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code");
        }
        synchronized (campaigns.get(c.couponId)) {
            StoreOutcome answer = CodeRules.voiding(c.state);
            if (answer != null) {
                return answer;
            }
            c.state = CodeState.VOIDED;
            c.orderId = null;
            c.reservedUntil = null;
            return StoreOutcome.OK;
        }
    }

    @Override
    public StoreOutcome redeem(RedemptionRequest r) {
        Objects.requireNonNull(r, "request");
        FirstOutcome first = outcomes.get(r.key());
        if (first != null) {
            return first.replay(r);
        }
        Code c = codes.get(r.code());
        if (c == null || !c.customer.equals(r.customer())) {
            return remember(r, new Violation(ReasonCode.NOT_FOUND, "no such code for this customer"));
        }
        Campaign camp = campaigns.get(c.couponId);
        synchronized (camp) {
            first = outcomes.get(r.key());
            if (first != null) {
                return first.replay(r);
            }
            StoreOutcome busy = CodeRules.busy(c.state, c.orderId, c.reservedUntil, r.orderId(), r.at());
            if (busy != null) {
                return remember(r, busy.failure().orElseThrow());
            }
            long[] mine = camp.byCustomer.get(r.customer());
            CouponUsage before = new CouponUsage(camp.redeemed, camp.spentMinor, mine == null ? 0 : mine[0]);
            List<Violation> broken = camp.limits.check(before, r.discount());
            if (!broken.isEmpty()) {
                return remember(r, broken.get(0));
            }
            Redemption red = new Redemption(r.key(), r.code(), c.couponId, r.customer(), r.orderId(), r.discount(),
                    r.storeId(), r.cashierId(), ms(r.at()), Optional.empty());
            // the key is claimed before anything changes: a concurrent first outcome of it (on another code) wins alone
            first = outcomes.putIfAbsent(r.key(), FirstOutcome.of(red));
            if (first != null) {
                return first.replay(r);
            }
            camp.redeemed++;
            camp.spentMinor += r.discount().minorUnits();
            if (mine == null) {
                mine = new long[1];
                camp.byCustomer.put(r.customer(), mine);
            }
            mine[0]++;
            c.state = CodeState.REDEEMED;
            c.orderId = r.orderId();
            c.reservedUntil = null;
            return StoreOutcome.ok(red, false);
        }
    }

    @Override
    public StoreOutcome refuse(RedemptionRequest r, Violation violation) {
        Objects.requireNonNull(r, "request");
        return remember(r, Check.refusal(violation));
    }

    /** Records a refusal as the first outcome of its key, or replays the key's first outcome if it has one. */
    private StoreOutcome remember(RedemptionRequest r, Violation why) {
        FirstOutcome mine = FirstOutcome.refused(r, why);
        FirstOutcome first = outcomes.putIfAbsent(r.key(), mine);
        return first == null ? mine.fresh() : first.replay(r);
    }

    @Override
    public StoreOutcome rollback(String key, Instant now) {
        Check.id(key, "redemption key");
        Objects.requireNonNull(now, "now");
        FirstOutcome first = outcomes.get(key);
        if (first == null || first.redemption().isEmpty()) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no redemption with this key");
        }
        Redemption red = first.redemption().get();
        Campaign camp = campaigns.get(red.couponId());
        synchronized (camp) {
            red = outcomes.get(key).redemption().orElseThrow();
            if (red.isRolledBack()) {
                return StoreOutcome.ok(red, true);
            }
            Redemption back = new Redemption(red.key(), red.code(), red.couponId(), red.customer(), red.orderId(),
                    red.discount(), red.storeId(), red.cashierId(), red.redeemedAt(), Optional.of(ms(now)));
            outcomes.put(key, FirstOutcome.of(back));
            camp.redeemed--;
            camp.spentMinor -= red.discount().minorUnits();
            camp.byCustomer.get(red.customer())[0]--;
            Code c = codes.get(red.code());
            c.state = CodeState.ISSUED;
            c.orderId = null;
            c.reservedUntil = null;
            return StoreOutcome.ok(back, false);
        }
    }

    @Override
    public Optional<Redemption> redemption(String key) {
        FirstOutcome first = outcomes.get(Check.id(key, "redemption key"));
        return first == null ? Optional.empty() : first.redemption();
    }

    @Override
    public CouponUsage usage(String couponId, CustomerKey customer) {
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        Campaign camp = campaigns.get(couponId);
        if (camp == null) {
            return CouponUsage.NONE;
        }
        synchronized (camp) {
            long[] mine = camp.byCustomer.get(customer);
            return new CouponUsage(camp.redeemed, camp.spentMinor, mine == null ? 0 : mine[0]);
        }
    }

    @Override
    public List<IssuedCode> codesOf(CustomerKey customer) {
        Objects.requireNonNull(customer, "customer");
        TreeMap<String, IssuedCode> out = new TreeMap<>();
        for (Code c : codes.values()) {
            if (c.customer.equals(customer)) {
                synchronized (campaigns.get(c.couponId)) {
                    if (c.customer.equals(customer)) {
                        out.put(c.code, c.snapshot());
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    @Override
    public CustomerMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        Check.id(mergeId, "mergeId");
        CustomerChanges.requireDistinct(from, to);
        synchronized (customerChanges) {
            MergeRecord done = merges.get(mergeId);
            if (done != null) {
                return new CustomerMove(true, done.codes.size(), done.redemptions);
            }
            long[] redemptions = new long[1];
            List<String> moved = rename(from, to, redemptions);
            merges.put(mergeId, new MergeRecord(from, to, List.copyOf(moved), redemptions[0]));
            return new CustomerMove(false, moved.size(), redemptions[0]);
        }
    }

    @Override
    public CustomerMove unmergeCustomer(String mergeId, CustomerKey survivor, CustomerKey returnTo) {
        Check.id(mergeId, "mergeId");
        CustomerChanges.requireDistinct(survivor, returnTo);
        synchronized (customerChanges) {
            MergeRecord done = merges.get(mergeId);
            if (done == null) {
                return new CustomerMove(false, 0, 0);
            }
            if (done.returned != null) {
                return new CustomerMove(true, done.returned, 0);
            }
            long back = 0;
            for (String code : done.codes) {
                Code c = codes.get(code);
                synchronized (campaigns.get(c.couponId)) {
                    if (c.customer.equals(survivor) && c.state == CodeState.ISSUED) {
                        c.customer = returnTo;
                        back++;
                    }
                }
            }
            done.returned = back;
            return new CustomerMove(false, back, 0);
        }
    }

    @Override
    public CustomerMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        CustomerChanges.requireDistinct(customer, replacement);
        synchronized (customerChanges) {
            if (!holdsAnything(customer)) {
                return new CustomerMove(false, 0, 0); // nothing to erase (also when an erasure is run again)
            }
            if (holdsAnything(replacement)) {
                throw new IllegalStateException("the replacement key of an erasure holds coupon data already");
            }
            long[] redemptions = new long[1];
            List<String> renamed = rename(customer, replacement, redemptions);
            for (Map.Entry<String, MergeRecord> e : merges.entrySet()) {
                MergeRecord r = e.getValue();
                if (r.from.equals(customer) || r.to.equals(customer)) {
                    MergeRecord copy = new MergeRecord(r.from.equals(customer) ? replacement : r.from,
                            r.to.equals(customer) ? replacement : r.to, r.codes, r.redemptions);
                    copy.returned = r.returned;
                    e.setValue(copy);
                }
            }
            return new CustomerMove(false, renamed.size(), redemptions[0]);
        }
    }

    private boolean holdsAnything(CustomerKey customer) {
        for (Code c : codes.values()) {
            if (c.customer.equals(customer)) {
                return true;
            }
        }
        for (FirstOutcome o : outcomes.values()) {
            if (o.customer().equals(customer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves codes, first outcomes and per-customer counts from one key to another, coupon by coupon
     * under each coupon's lock; returns the codes moved and adds the outcomes moved to {@code count[0]}.
     */
    private List<String> rename(CustomerKey from, CustomerKey to, long[] count) {
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, Campaign> entry : new TreeMap<>(campaigns).entrySet()) {
            Campaign camp = entry.getValue();
            synchronized (camp) {
                for (Code c : codes.values()) {
                    if (c.couponId.equals(entry.getKey()) && c.customer.equals(from)) {
                        c.customer = to;
                        moved.add(c.code);
                    }
                }
                long[] theirs = camp.byCustomer.remove(from);
                if (theirs != null) {
                    camp.byCustomer.computeIfAbsent(to, k -> new long[1])[0] += theirs[0];
                }
                for (Map.Entry<String, FirstOutcome> o : outcomes.entrySet()) {
                    FirstOutcome first = o.getValue();
                    if (first.customer().equals(from) && first.redemption().isPresent()
                            && first.redemption().get().couponId().equals(entry.getKey())) {
                        o.setValue(CustomerChanges.renamed(first, to));
                        count[0]++;
                    }
                }
            }
        }
        for (Map.Entry<String, FirstOutcome> o : outcomes.entrySet()) {
            // refusals belong to no coupon lock; a refusal is never changed once recorded
            if (o.getValue().customer().equals(from) && o.getValue().refusal().isPresent()) {
                o.setValue(CustomerChanges.renamed(o.getValue(), to));
                count[0]++;
            }
        }
        Collections.sort(moved);
        return moved;
    }
}
