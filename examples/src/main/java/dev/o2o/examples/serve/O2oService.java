package dev.o2o.examples.serve;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.privacy.Masking;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.loyalty.coupon.Cart;
import dev.o2o.loyalty.coupon.CodeState;
import dev.o2o.loyalty.coupon.CounterCheck;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponCodes;
import dev.o2o.loyalty.coupon.CouponUsage;
import dev.o2o.loyalty.coupon.CustomerContext;
import dev.o2o.loyalty.coupon.IssuedCode;
import dev.o2o.loyalty.coupon.ReasonCode;
import dev.o2o.loyalty.coupon.StoreOutcome;
import dev.o2o.loyalty.coupon.Violation;
import dev.o2o.loyalty.points.Balance;
import dev.o2o.loyalty.points.EarningEvent;
import dev.o2o.loyalty.points.Evaluation;
import dev.o2o.loyalty.points.Member;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import dev.o2o.loyalty.points.Tier;
import dev.o2o.loyalty.points.TierChange;
import dev.o2o.recommend.Availability;
import dev.o2o.recommend.Interaction;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the endpoints do, on the library's stores: member wallets, claiming and redeeming coupons,
 * posting orders that earn points, offers near a point and the dashboard. Answers are plain maps,
 * written as JSON by {@link Router}; refusals are {@link ApiError}s.
 *
 * <p>Thread-safe. Work on one member (an order, a claim) runs under that member's lock, so that the
 * member store's read-evaluate-record steps of one member never interleave in this process (the
 * member store's caps are exact only then); the stores themselves are safe under any concurrency.
 * One process per database: a second process would need the member lock in the database.
 */
final class O2oService {

    /** Distance bands of the dashboard, upper bounds in metres. */
    static final double[] BAND_LIMITS = {1_000, 3_000, 5_000, Double.POSITIVE_INFINITY};
    static final List<String> BAND_NAMES = List.of("< 1 km", "1-3 km", "3-5 km", ">= 5 km");

    private final Wiring stores;
    private final ServeDb db;
    private final Clock clock;
    private final ReentrantLock[] memberLocks = new ReentrantLock[64];
    private volatile Offers offers;

    O2oService(Wiring stores, ServeDb db, Clock clock) {
        this.stores = stores;
        this.db = db;
        this.clock = clock;
        for (int i = 0; i < memberLocks.length; i++) {
            memberLocks[i] = new ReentrantLock();
        }
    }

    // ---------------------------------------------------------------- members

    /** The member's customer key, or 404. */
    CustomerKey customer(String card) {
        requireId(card, "memberId");
        return stores.identities.resolve(Identifier.memberCard(card))
                .orElseThrow(() -> ApiError.notFound("MEMBER_NOT_FOUND", "no member '" + card + "'"));
    }

    /** Adds a member: the card and the phone are linked in the identity graph. */
    CustomerKey enrol(String card, String phone, GeoPoint home, Instant at) {
        stores.identities.addLink(IdentityLink.of(Identifier.memberCard(card),
                Identifier.phone(phone), at, "enrolment"));
        CustomerKey key = customer(card);
        stores.members.save(Member.of(key, Catalog.ZONE));
        db.addMember(card, home.latitude(), home.longitude());
        return key;
    }

    /** Balance, tier, masked phone, coupons held and the last orders. */
    Map<String, Object> member(String card) {
        CustomerKey key = customer(card);
        Balance balance = stores.ledger.balance(key);
        Member m = memberState(key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", card);
        out.put("phone", maskedPhone(key));
        out.put("tier", m.tier());
        out.put("points", Map.of("available", balance.available(), "pending", balance.pending(),
                "total", balance.total()));
        nextTier(m.tier()).ifPresent(t -> out.put("nextTier", Map.of("id", t.id(), "qualifyingPointsNeeded",
                Math.max(0, t.threshold() - qualifyingPoints(key)))));
        List<Map<String, Object>> coupons = new ArrayList<>();
        Instant now = clock.instant();
        for (IssuedCode c : stores.couponStore.codesOf(key)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("code", c.code());
            one.put("couponId", c.couponId());
            one.put("description", stores.coupons.coupon(c.couponId()).map(Catalog::describe).orElse(c.couponId()));
            one.put("state", c.stateAt(now).name());
            coupons.add(one);
        }
        out.put("coupons", coupons);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (ServeDb.OrderRow o : db.lastOrders(card, 5)) {
            orders.add(orderJson(o, false));
        }
        out.put("lastOrders", orders);
        return out;
    }

    /** Member cards, for pages and examples. */
    List<String> memberCards(int limit) {
        return db.memberCards(limit);
    }

    // ---------------------------------------------------------------- coupons

    /**
     * Claims a coupon for a member. Refused (409, with the reason) when the member holds an unused
     * code of it, has used it as often as allowed, is not in a tier it is for, or the coupon's quantity
     * is used up. The same idempotency key returns the code it issued first.
     */
    Map<String, Object> claim(String card, String key, String couponId) {
        CustomerKey customer = customer(card);
        Coupon coupon = stores.coupons.coupon(requireId(couponId, "couponId"))
                .orElseThrow(() -> ApiError.notFound("COUPON_NOT_FOUND", "no coupon '" + couponId + "'"));
        ReentrantLock lock = lockOf(customer);
        lock.lock();
        try {
            Optional<String[]> earlier = db.issuedUnder(key);
            if (earlier.isPresent()) {
                if (!earlier.get()[1].equals(couponId) || !earlier.get()[2].equals(card)) {
                    throw ApiError.conflict("KEY_CONFLICT", "Idempotency-Key was used for another claim");
                }
                return claimed(earlier.get()[0], coupon, true);
            }
            List<Map<String, Object>> refusals = claimRefusals(customer, coupon);
            if (!refusals.isEmpty()) {
                throw new Refused(409, "CLAIM_REFUSED", "coupon '" + couponId + "' cannot be claimed", refusals);
            }
            IssuedCode code = stores.coupons.issue(couponId, customer);
            db.addActivity(key, ServeDb.Kind.ISSUED, code.code(), couponId, card, distanceToCoupon(card, couponId),
                    code.issuedAt());
            return claimed(code.code(), coupon, false);
        } finally {
            lock.unlock();
        }
    }

    private List<Map<String, Object>> claimRefusals(CustomerKey customer, Coupon coupon) {
        List<Map<String, Object>> out = new ArrayList<>();
        Instant now = clock.instant();
        for (IssuedCode held : stores.couponStore.codesOf(customer)) {
            if (held.couponId().equals(coupon.id()) && held.stateAt(now) != CodeState.REDEEMED) {
                out.add(reason("ALREADY_HELD", "the member holds an unused code of this coupon: " + held.code()));
            }
        }
        CouponUsage usage = stores.couponStore.usage(coupon.id(), customer);
        coupon.limits().perCustomerLimit().ifPresent(limit -> {
            if (usage.redeemedByCustomer() >= limit) {
                out.add(reason(ReasonCode.PER_CUSTOMER_LIMIT.name(), "used " + usage.redeemedByCustomer()
                        + " time(s), the limit per member is " + limit));
            }
        });
        coupon.limits().totalQuantity().ifPresent(q -> {
            if (usage.redeemed() >= q) {
                out.add(reason(ReasonCode.QUANTITY_EXHAUSTED.name(), "all " + q + " have been used"));
            }
        });
        Set<String> tiers = Catalog.CLAIM_TIERS.get(coupon.id());
        String tier = memberState(customer).tier();
        if (tiers != null && !tiers.contains(tier)) {
            out.add(reason(ReasonCode.CUSTOMER_NOT_ELIGIBLE.name(), "for " + String.join(" and ",
                    tiers.stream().sorted().toList()) + " members; this member is " + tier));
        }
        return out;
    }

    private static Map<String, Object> claimed(String code, Coupon coupon, boolean replayed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        out.put("couponId", coupon.id());
        out.put("description", Catalog.describe(coupon));
        out.put("replayed", replayed);
        return out;
    }

    /**
     * The counter check before the cart is known: every reason the code is not valid here, and what
     * the cart must still meet. Recorded as a verification (once per key) when it passed.
     */
    Map<String, Object> verify(String storeId, String key, String typedCode, String cashier) {
        Store store = store(storeId);
        String code = CouponCodes.normalize(requireText(typedCode, "code", 64));
        requireId(cashier, "cashier");
        Optional<IssuedCode> issued = stores.couponStore.find(code);
        CounterCheck check = issued.isPresent()
                ? stores.coupons.verifyAtStore(code, counterContext(issued.get().customer(), store.id()), cashier)
                : stores.coupons.verifyAtStore(code, store.id(), cashier).failure()
                        .map(v -> new CounterCheck(Optional.empty(), List.of(v), List.of()))
                        .orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        out.put("valid", check.passed());
        check.couponId().ifPresent(id -> {
            out.put("couponId", id);
            out.put("description", stores.coupons.coupon(id).map(Catalog::describe).orElse(id));
        });
        issued.ifPresent(c -> out.put("holder", maskedPhone(c.customer())));
        out.put("reasons", violations(check.violations()));
        out.put("cartMustHave", check.remaining());
        if (check.passed()) {
            db.addActivity(key, ServeDb.Kind.VERIFIED, code, check.couponId().orElseThrow(), holderCard(code),
                    db.issueDistance(code).orElse(distanceToCoupon(holderCard(code), check.couponId().get())),
                    clock.instant());
        }
        return out;
    }

    /**
     * Redeems a code with the cart at a store counter, under the request's idempotency key: the
     * coupon store keeps the key's first outcome, so a retry gets the same answer ({@code replayed}).
     * A refusal (a second redemption of the code, a spend threshold not reached, ...) is 409 with
     * every reason.
     */
    Map<String, Object> redeem(String storeId, String key, String typedCode, String orderId, Cart cart,
                               String cashier) {
        Store store = store(storeId);
        String code = CouponCodes.normalize(requireText(typedCode, "code", 64));
        requireId(orderId, "orderId");
        requireId(cashier, "cashier");
        if (!CouponCodes.isWellFormed(code)) {
            throw new ApiError(422, "INVALID_CODE", "code fails its check character (typo?)");
        }
        Optional<IssuedCode> issued = stores.couponStore.find(code);
        if (issued.isEmpty()) {
            throw ApiError.notFound("CODE_NOT_FOUND", "no such code");
        }
        CustomerContext context = counterContext(issued.get().customer(), store.id());
        StoreOutcome outcome = stores.coupons.redeemAtStore(key, code, orderId, cart, context, cashier);
        if (!outcome.isSuccess()) {
            Violation v = outcome.failure().orElseThrow();
            throw new Refused(409, v.code().name(), "redemption refused", violations(List.of(v)));
        }
        var r = outcome.redemption().orElseThrow();
        String card = holderCard(code);
        db.addActivity(key, ServeDb.Kind.REDEEMED, code, r.couponId(), card,
                db.issueDistance(code).orElse(distanceToCoupon(card, r.couponId())), r.redeemedAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redeemed", true);
        out.put("code", code);
        out.put("couponId", r.couponId());
        out.put("orderId", r.orderId());
        out.put("discount", r.discount().amount().toPlainString());
        out.put("currency", r.discount().currency().getCurrencyCode());
        out.put("replayed", outcome.replayed());
        return out;
    }

    private CustomerContext counterContext(CustomerKey customer, String storeId) {
        Member m = memberState(customer);
        return CustomerContext.of(customer, Channel.offline("store-counter")).atStore(storeId).withTier(m.tier())
                .withCompletedOrders((int) Math.min(Integer.MAX_VALUE, m.purchases()));
    }

    // ---------------------------------------------------------------- orders

    /** An order from the API: who, where, what. */
    record OrderRequest(String orderId, String memberId, String channel, Optional<String> storeId,
                        List<OrderLine> lines, Money orderDiscount) {
    }

    /**
     * Posts an order: counted once in the member's profile, evaluated by the rule set, its points
     * posted to the ledger under the order's key, the evaluation recorded in the member store, the
     * tier raised when the qualifying points reach the next one. Every step is idempotent by order id,
     * so a retry after a failure part-way completes the order without counting anything twice.
     */
    Map<String, Object> postOrder(String key, OrderRequest request) {
        return postOrder(key, request, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@link #postOrder(String, OrderRequest)} of an order placed at {@code at} (the seeder's history). */
    Map<String, Object> postOrder(String key, OrderRequest request, Instant at) {
        Optional<ServeDb.OrderRow> byKey = db.orderByKey(key);
        if (byKey.isPresent()) {
            if (!byKey.get().orderId().equals(request.orderId())) {
                throw ApiError.conflict("KEY_CONFLICT", "Idempotency-Key was used for order '"
                        + byKey.get().orderId() + "'");
            }
            return orderJson(byKey.get(), true);
        }
        CustomerKey customer = customer(request.memberId());
        Channel channel;
        if (request.channel().equals("store")) {
            store(request.storeId().orElseThrow(() -> ApiError.badRequest("storeId", "required for channel store")));
            channel = Channel.offline("store");
        } else if (request.channel().equals("online")) {
            if (request.storeId().isPresent()) {
                store(request.storeId().get());
            }
            channel = Channel.online("app");
        } else {
            throw ApiError.badRequest("channel", "must be 'online' or 'store', got '" + request.channel() + "'");
        }
        Order order;
        try {
            order = Order.completed(request.orderId(), customer, channel, request.storeId(), at, request.lines(),
                    request.orderDiscount());
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, "INVALID_ORDER", e.getMessage());
        }
        ReentrantLock lock = lockOf(customer);
        lock.lock();
        try {
            Optional<ServeDb.OrderRow> byId = db.order(request.orderId());
            if (byId.isPresent()) {
                if (!byId.get().member().equals(request.memberId())) {
                    throw ApiError.conflict("ORDER_EXISTS", "order '" + request.orderId()
                            + "' belongs to another member");
                }
                return orderJson(byId.get(), true);
            }
            long points = earn(customer, order);
            ServeDb.OrderRow row = new ServeDb.OrderRow(order.id(), key, request.memberId(), at,
                    request.channel(), request.storeId(), order.paid().amount().toPlainString(), points);
            db.addOrder(row);
            return orderJson(row, false);
        } finally {
            lock.unlock();
        }
    }

    /** The earning steps of one order (the member's lock held); returns the points it earned. */
    private long earn(CustomerKey customer, Order order) {
        stores.profiles.add(order);
        Member m = memberState(customer);
        Evaluation ev = Catalog.RULES.evaluate(m, new EarningEvent.Purchase(order), stores.members.history(customer));
        long points = 0;
        Optional<Posting.Earn> earn = ev.toEarn(customer, Optional.empty(),
                Optional.empty());
        if (earn.isPresent()) {
            PostingResult posted = stores.ledger.post(earn.get().at(order.instant()));
            if (!posted.isSuccess()) {
                throw new ApiError(409, posted.status().name(), posted.message());
            }
            points = posted.points();
        }
        if (stores.members.record(customer, order.id(), ev)) {
            Member counted = m.withPurchases(m.purchases() + 1);
            long qualifying = qualifyingPoints(customer);
            Optional<TierChange> up = Catalog.TIERS.upgrade(customer.value(), counted.tier(),
                    qualifying, clock.instant());
            if (up.isPresent()) {
                Tier t = Catalog.TIERS.tier(up.get().to());
                counted = counted.withTier(t.id(), t.multiplier());
            }
            stores.members.save(counted);
        }
        return points;
    }

    private Map<String, Object> orderJson(ServeDb.OrderRow o, boolean replayed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orderId", o.orderId());
        out.put("memberId", o.member());
        out.put("at", o.at().toString());
        out.put("channel", o.channel());
        o.storeId().ifPresent(s -> out.put("storeId", s));
        out.put("paid", o.paid());
        out.put("points", o.points());
        if (replayed) {
            out.put("replayed", true);
        }
        return out;
    }

    // ---------------------------------------------------------------- offers

    /**
     * The next-best coupons for a member at a point: scored by item-kNN over the coupons members
     * claimed (popularity for a member with no claims), only coupons offered by a store within 5 km,
     * scores halved every 2 km ({@link Query#near}). Coupons the member already claimed are left out.
     */
    Map<String, Object> offers(String card, double lat, double lon) {
        CustomerKey key = customer(card);
        GeoPoint at;
        try {
            at = GeoPoint.of(lat, lon);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("lat/lon", e.getMessage());
        }
        Map<String, Double> history = new HashMap<>();
        for (IssuedCode c : stores.couponStore.codesOf(key)) {
            history.put(c.couponId(), 1.0);
        }
        Offers o = offersModel();
        String tier = memberState(key).tier();
        Query query = Query.top(5).near(at, o.availability).eligibleIf(couponId ->
                !Catalog.CLAIM_TIERS.containsKey(couponId) || Catalog.CLAIM_TIERS.get(couponId).contains(tier));
        List<Recommendation> found = history.isEmpty() ? List.of() : o.itemKnn.recommendFor(history, query);
        if (found.isEmpty()) {
            found = o.popularity.recommendFor(history, query);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Recommendation r : found) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("couponId", r.item());
            one.put("description", stores.coupons.coupon(r.item()).map(Catalog::describe).orElse(r.item()));
            one.put("score", r.score());
            r.distanceMetres().ifPresent(d -> one.put("nearestStoreMetres", Math.round(d)));
            list.add(one);
        }
        return Map.of("memberId", card, "radiusMetres", (long) Query.DEFAULT_RADIUS_METRES, "offers", list);
    }

    /** The models behind the offers, fitted once from the claims in the database at first use. */
    private record Offers(Model itemKnn, Model popularity, Availability availability) {
    }

    private Offers offersModel() {
        Offers o = offers;
        if (o == null) {
            synchronized (this) {
                if (offers == null) {
                    offers = fitOffers();
                }
                o = offers;
            }
        }
        return o;
    }

    private Offers fitOffers() {
        List<Interaction> events = new ArrayList<>();
        for (String[] p : db.issuedPairs()) {
            events.add(Interaction.of(p[0], p[1], Instant.ofEpochMilli(Long.parseLong(p[2]))));
        }
        Availability.Builder where = Availability.builder();
        for (Store s : Catalog.STORES) {
            where.store(s);
            for (Coupon c : Catalog.coupons()) {
                if (c.storeIds().map(ids -> ids.contains(s.id())).orElse(true)) {
                    where.offers(s.id(), c.id());
                }
            }
        }
        Interactions data = Interactions.of(events);
        return new Offers(Recommender.itemKnn(20, 1.0).fit(data), Recommender.popularity().fit(data), where.build());
    }

    // ---------------------------------------------------------------- dashboard

    /**
     * Codes issued, verified and redeemed; the points liability (points held, spendable or pending,
     * by all members); members per RFM segment; and the redemption rate by the distance from the
     * member's home to the coupon's store. Reads every member: meant for a demo's few thousand.
     */
    Map<String, Object> dashboard() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<ServeDb.Kind, Long> counts = db.activityCounts();
        out.put("issued", counts.get(ServeDb.Kind.ISSUED));
        out.put("verified", counts.get(ServeDb.Kind.VERIFIED));
        out.put("redeemed", counts.get(ServeDb.Kind.REDEEMED));
        long liability = 0;
        for (CustomerKey account : stores.ledger.store().accounts()) {
            liability += stores.ledger.balance(account).total();
        }
        out.put("pointsLiability", liability);
        out.put("topSegments", topSegments());
        out.put("redemptionByDistance", byDistance());
        return out;
    }

    private List<Map<String, Object>> topSegments() {
        Instant now = clock.instant();
        List<CustomerProfile> buyers = new ArrayList<>();
        for (CustomerKey k : stores.profiles.customers()) {
            stores.profiles.profile(k, now).filter(p -> p.orders() > 0).ifPresent(buyers::add);
        }
        if (buyers.isEmpty()) {
            return List.of();
        }
        RfmTable table = RfmTable.of(buyers.size(),
                i -> Math.max(0, buyers.get(i).daysSinceLastPurchase().orElse(0)),
                i -> buyers.get(i).orders(),
                i -> buyers.get(i).spend().amount().doubleValue());
        RfmScores scores = RfmScoring.defaults().score(table);
        SegmentMap segments = SegmentMap.standard();
        Map<String, Long> bySegment = new TreeMap<>();
        for (int i = 0; i < scores.size(); i++) {
            bySegment.merge(segments.segmentOf(scores.recency(i), scores.frequency(i), scores.monetary(i)), 1L,
                    Long::sum);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        bySegment.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .forEach(e -> out.add(Map.of("segment", e.getKey(), "members", e.getValue())));
        return out;
    }

    private List<Map<String, Object>> byDistance() {
        long[] issued = bandCounts(db.distances(ServeDb.Kind.ISSUED));
        long[] redeemed = bandCounts(db.distances(ServeDb.Kind.REDEEMED));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int b = 0; b < BAND_NAMES.size(); b++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("band", BAND_NAMES.get(b));
            one.put("issued", issued[b]);
            one.put("redeemed", redeemed[b]);
            one.put("rate", issued[b] == 0 ? 0.0 : (double) redeemed[b] / issued[b]);
            out.add(one);
        }
        return out;
    }

    static long[] bandCounts(List<Double> distances) {
        long[] counts = new long[BAND_LIMITS.length];
        for (double d : distances) {
            int b = 0;
            while (d >= BAND_LIMITS[b]) {
                b++;
            }
            counts[b]++;
        }
        return counts;
    }

    // ---------------------------------------------------------------- helpers

    Member memberState(CustomerKey key) {
        return stores.members.member(key).orElse(Member.of(key, Catalog.ZONE));
    }

    private long qualifyingPoints(CustomerKey key) {
        Instant now = clock.instant();
        // the window is [start, end): end just after now, so that the order posted at now counts
        return stores.ledger.qualifyingPoints(key, Catalog.TIERS.windowStart(now, Catalog.ZONE),
                now.plusMillis(1));
    }

    private static Optional<Tier> nextTier(String current) {
        long threshold = Catalog.TIERS.tier(current).threshold();
        return Catalog.TIERS.tiers().stream().filter(t -> t.threshold() > threshold).findFirst();
    }

    /** The member's phone number, masked ({@code 138****5678}); "" if none is linked. */
    String maskedPhone(CustomerKey key) {
        for (Identifier id : stores.identities.identifiersOf(key)) {
            if (id.type().equals(IdentifierType.PHONE)) {
                return Masking.phone(id.value());
            }
        }
        return "";
    }

    private String holderCard(String code) {
        CustomerKey holder = stores.couponStore.find(code).orElseThrow().customer();
        for (Identifier id : stores.identities.identifiersOf(holder)) {
            if (id.type().equals(IdentifierType.MEMBER_CARD)) {
                return id.value();
            }
        }
        throw new IllegalStateException("the holder of a code has no member card");
    }

    /** From the member's home to the coupon's store, or to the nearest store for a coupon of every store. */
    private double distanceToCoupon(String card, String couponId) {
        double[] home = db.home(card).orElseThrow();
        GeoPoint h = GeoPoint.of(home[0], home[1]);
        return Catalog.storeOf(couponId).map(s -> s.distanceMetres(h)).orElseGet(() -> Catalog.STORES.stream()
                .mapToDouble(s -> s.distanceMetres(h)).min().orElseThrow());
    }

    private static Store store(String storeId) {
        requireId(storeId, "storeId");
        return Catalog.store(storeId).orElseThrow(() -> ApiError.notFound("STORE_NOT_FOUND",
                "no store '" + storeId + "'"));
    }

    private ReentrantLock lockOf(CustomerKey key) {
        return memberLocks[Math.floorMod(key.hashCode(), memberLocks.length)];
    }

    static List<Map<String, Object>> violations(List<Violation> vs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Violation v : vs) {
            out.add(reason(v.code().name(), v.message()));
        }
        return out;
    }

    static String requireId(String value, String field) {
        return requireText(value, field, Ids.MAX_LENGTH);
    }

    /** Core's identifier rule ({@link Ids#requireId}), at most {@code max} characters, as a 400. */
    static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest(field, "required");
        }
        try {
            Ids.requireId(value, field);
        } catch (IllegalArgumentException e) {
            // Ids names the field and masks the value
            throw new ApiError(400, "BAD_REQUEST", e.getMessage());
        }
        if (value.length() > max) {
            throw ApiError.badRequest(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /** A refusal with its reasons: {@code {"code", "message", "reasons": [{"code", "message"}, ...]}}. */
    static final class Refused extends ApiError {
        final List<Map<String, Object>> reasons;

        Refused(int status, String code, String message, List<Map<String, Object>> reasons) {
            super(status, code, message);
            this.reasons = List.copyOf(reasons);
        }
    }

    private static Map<String, Object> reason(String code, String message) {
        return Map.of("code", code, "message", message);
    }
}
