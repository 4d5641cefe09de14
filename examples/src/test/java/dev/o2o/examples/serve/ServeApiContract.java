package dev.o2o.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API over real HTTP against the service on a random port, and 50 concurrent clients; each
 * database runs it by extending this class. One service per class, seeded with 60 members; each test
 * uses its own members or keys, so the tests do not depend on their order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServeApiContract {

    static final int MEMBERS = 60;
    private static final AtomicInteger KEYS = new AtomicInteger();

    ServeApp app;
    Http http;

    /** A new, empty database. */
    abstract String jdbcUrl();

    @BeforeAll
    void start() {
        app = ServeApp.start(jdbcUrl(), "127.0.0.1", 0, 7, MEMBERS, Clock.systemUTC());
        http = new Http(app.url());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    static String key(String what) {
        return what + "-" + KEYS.incrementAndGet();
    }

    static String member(int i) {
        return String.format(java.util.Locale.ROOT, "M%05d", i);
    }

    /**
     * Claims a coupon of one store the member may still claim (seeded members hold some, or used
     * them up); returns {code, storeId, the claim's idempotency key}.
     */
    String[] claimStoreCoupon(String member) {
        for (int s = 1; s <= 6; s++) {
            String claimKey = key("claim");
            Http.Reply r = http.post("/api/members/" + member + "/coupons", claimKey,
                    "{\"couponId\":\"s" + s + "-save15\"}");
            if (r.status() == 201) {
                return new String[] {r.json().get("code").asText(), "s" + s, claimKey};
            }
            assertEquals(409, r.status(), r::toString);
        }
        throw new AssertionError(member + " cannot claim any store's coupon");
    }

    Http.Reply redeem(String store, String key, String code, String orderId, String cart) {
        return http.post("/api/stores/" + store + "/redeem", key, "{\"code\":\"" + code + "\",\"orderId\":\"" + orderId
                + "\",\"cashier\":\"c1\",\"cart\":" + cart + "}");
    }

    long points(String member) {
        return http.get("/api/members/" + member).json().get("points").get("total").asLong();
    }

    @Test
    void aMemberShowsBalanceTierCouponsAndOrdersWithTheirPhoneMasked() {
        Http.Reply r = http.get("/api/members/" + member(1));
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.json().get("phone").asText().matches("1[3-9]\\d\\*{4}\\d{4}"), r::toString);
        assertTrue(List.of("base", "silver", "gold").contains(r.json().get("tier").asText()), r::toString);
        assertTrue(r.json().get("coupons").isArray() && r.json().get("lastOrders").isArray(), r::toString);
        long ordered = 0;
        for (JsonNode o : r.json().get("lastOrders")) {
            ordered += o.get("points").asLong();
        }
        // seeded orders earned everything a seeded member holds (seed redemptions spend no points)
        assertTrue(r.json().get("points").get("total").asLong() >= ordered, r::toString);

        Http.Reply missing = http.get("/api/members/NOBODY");
        assertEquals(404, missing.status());
        assertEquals("MEMBER_NOT_FOUND", missing.json().get("code").asText());
    }

    @Test
    void everyWriteNeedsAnIdempotencyKeyAndBadInputNamesTheField() {
        Http.Reply noKey = http.post("/api/members/" + member(2) + "/coupons", null, "{\"couponId\":\"coffee-20off\"}");
        assertEquals(400, noKey.status());
        assertEquals("BAD_REQUEST", noKey.json().get("code").asText());
        assertTrue(noKey.json().get("message").asText().startsWith("Idempotency-Key"), noKey::toString);

        Http.Reply noPrice = http.post("/api/orders", key("order"), "{\"orderId\":\"x1\",\"memberId\":\"" + member(2)
                + "\",\"channel\":\"online\",\"lines\":[{\"sku\":\"latte\",\"category\":\"coffee\",\"quantity\":1}]}");
        assertEquals(400, noPrice.status());
        assertTrue(noPrice.json().get("message").asText().startsWith("lines[0].unitPrice"), noPrice::toString);

        Http.Reply badJson = http.post("/api/orders", key("order"), "{\"orderId\":");
        assertEquals(400, badJson.status());
        assertTrue(badJson.json().get("message").asText().startsWith("body"), badJson::toString);

        Http.Reply badChannel = http.post("/api/orders", key("order"), "{\"orderId\":\"x2\",\"memberId\":\"" + member(2)
                + "\",\"channel\":\"fax\",\"lines\":" + Http.lines("latte", "coffee", 1, "32.00") + "}");
        assertEquals(400, badChannel.status());
        assertTrue(badChannel.json().get("message").asText().startsWith("channel"), badChannel::toString);

        Http.Reply noLon = http.get("/api/members/" + member(2) + "/offers?lat=31.2");
        assertEquals(400, noLon.status());
        assertTrue(noLon.json().get("message").asText().startsWith("lon"), noLon::toString);

        // core's identifier rule, with the field named and the value masked
        Http.Reply padded = http.post("/api/members/" + member(2) + "/coupons", key("claim"),
                "{\"couponId\":\"coffee-20off \"}");
        assertEquals(400, padded.status(), padded::toString);
        assertEquals("couponId must not have leading or trailing white space: 'co****f ' (13 chars)",
                padded.json().get("message").asText());

        assertEquals(404, http.get("/api/nothing").status());
        assertEquals(405, http.get("/api/orders").status());
    }

    @Test
    void aClaimReplaysByKeyAndASecondClaimIsRefusedWithItsReason() {
        String[] claimed = claimStoreCoupon(member(3));
        String couponId = claimed[1] + "-save15";
        String k = key("claim");
        Http.Reply first = http.post("/api/members/" + member(3) + "/coupons", k, "{\"couponId\":\"coffee-20off\"}");
        if (first.status() == 409) {
            // a seeded member may hold the coffee coupon already: replay the store coupon's claim instead
            assertEquals("ALREADY_HELD", first.json().get("reasons").get(0).get("code").asText(), first::toString);
            k = claimed[2];
        } else {
            assertEquals(201, first.status(), first::toString);
            couponId = "coffee-20off";
        }
        Http.Reply again = http.post("/api/members/" + member(3) + "/coupons", k, "{\"couponId\":\"" + couponId + "\"}");
        assertEquals(201, again.status(), again::toString);
        assertTrue(again.json().get("replayed").asBoolean());
        assertEquals(couponId.equals("coffee-20off") ? first.json().get("code").asText() : claimed[0],
                again.json().get("code").asText());

        Http.Reply second = http.post("/api/members/" + member(3) + "/coupons", key("claim"),
                "{\"couponId\":\"" + couponId + "\"}");
        assertEquals(409, second.status(), second::toString);
        assertEquals("ALREADY_HELD", second.json().get("reasons").get(0).get("code").asText());

        String otherCoupon = couponId.equals("s6-save15") ? "s5-save15" : "s6-save15";
        Http.Reply otherUse = http.post("/api/members/" + member(3) + "/coupons", k, "{\"couponId\":\"" + otherCoupon + "\"}");
        assertEquals(409, otherUse.status(), otherUse::toString);
        assertEquals("KEY_CONFLICT", otherUse.json().get("code").asText());

        Http.Reply unknown = http.post("/api/members/" + member(3) + "/coupons", key("claim"), "{\"couponId\":\"nope\"}");
        assertEquals(404, unknown.status());
    }

    @Test
    void theCounterVerifiesRedeemsOnceAndRefusesTheSecondRedemptionWithItsReason() {
        String[] claimed = claimStoreCoupon(member(4));
        String code = claimed[0];
        String store = claimed[1];
        String other = store.equals("s1") ? "s2" : "s1";
        long verifiedBefore = http.get("/api/dashboard").json().get("verified").asLong();
        long redeemedBefore = http.get("/api/dashboard").json().get("redeemed").asLong();

        Http.Reply elsewhere = http.post("/api/stores/" + other + "/verify", key("verify"), "{\"code\":\"" + code + "\",\"cashier\":\"c1\"}");
        assertEquals(200, elsewhere.status(), elsewhere::toString);
        assertFalse(elsewhere.json().get("valid").asBoolean());
        assertEquals("STORE_NOT_ALLOWED", elsewhere.json().get("reasons").get(0).get("code").asText());

        Http.Reply here = http.post("/api/stores/" + store + "/verify", key("verify"), "{\"code\":\"" + code + "\",\"cashier\":\"c1\"}");
        assertTrue(here.json().get("valid").asBoolean(), here::toString);
        assertEquals(store + "-save15", here.json().get("couponId").asText());
        assertTrue(here.json().get("cartMustHave").get(0).asText().contains("100.00"), here::toString);

        Http.Reply small = redeem(store, key("redeem"), code, "till-a", Http.lines("latte", "coffee", 2, "32.00"));
        assertEquals(409, small.status(), small::toString);
        assertEquals("MIN_SPEND_NOT_REACHED", small.json().get("code").asText());

        String k = key("redeem");
        Http.Reply ok = redeem(store, k, code, "till-b", Http.lines("latte", "coffee", 4, "32.00"));
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("15.00", ok.json().get("discount").asText());
        assertFalse(ok.json().get("replayed").asBoolean());
        Http.Reply replay = redeem(store, k, code, "till-b", Http.lines("latte", "coffee", 4, "32.00"));
        assertEquals(200, replay.status());
        assertTrue(replay.json().get("replayed").asBoolean());

        Http.Reply twice = redeem(store, key("redeem"), code, "till-c", Http.lines("latte", "coffee", 4, "32.00"));
        assertEquals(409, twice.status(), twice::toString);
        assertEquals("ALREADY_REDEEMED", twice.json().get("code").asText());
        Http.Reply afterwards = http.post("/api/stores/" + store + "/verify", key("verify"), "{\"code\":\"" + code + "\",\"cashier\":\"c1\"}");
        assertEquals("ALREADY_REDEEMED", afterwards.json().get("reasons").get(0).get("code").asText());

        JsonNode dash = http.get("/api/dashboard").json();
        assertEquals(verifiedBefore + 1, dash.get("verified").asLong());
        assertEquals(redeemedBefore + 1, dash.get("redeemed").asLong());
        String unknown = dev.o2o.loyalty.coupon.CouponCodes.generator(new java.security.SecureRandom()).next();
        Http.Reply notFound = redeem(store, key("redeem"), unknown, "till-d", Http.lines("latte", "coffee", 4, "32.00"));
        assertEquals(404, notFound.status(), notFound::toString);
        String typo = code.substring(0, 11) + (code.charAt(11) == 'A' ? 'B' : 'A');
        if (!dev.o2o.loyalty.coupon.CouponCodes.isWellFormed(typo)) {
            Http.Reply mistyped = redeem(store, key("redeem"), typo, "till-e", Http.lines("latte", "coffee", 4, "32.00"));
            assertEquals(422, mistyped.status(), mistyped::toString);
            assertEquals("INVALID_CODE", mistyped.json().get("code").asText());
        }
    }

    @Test
    void anOrderEarnsPointsOnceAndUpdatesTheProfile() {
        String m = member(5);
        long before = points(m);
        String k = key("order");
        String body = "{\"orderId\":\"" + k + "\",\"memberId\":\"" + m + "\",\"channel\":\"store\",\"storeId\":\"s3\",\"lines\":"
                + Http.lines("beans-250g", "retail", 2, "88.00") + "}";
        Http.Reply posted = http.post("/api/orders", k, body);
        assertEquals(201, posted.status(), posted::toString);
        long earned = posted.json().get("points").asLong();
        // 176.00 paid, one point per yuan times the tier's multiplier (1, 1.25 or 1.5), floored
        assertTrue(List.of(176L, 220L, 264L).contains(earned), posted::toString);
        assertEquals(before + earned, points(m));

        Http.Reply replay = http.post("/api/orders", k, body);
        assertEquals(earned, replay.json().get("points").asLong());
        assertTrue(replay.json().get("replayed").asBoolean());
        assertEquals(before + earned, points(m));

        Http.Reply sameOrderOtherKey = http.post("/api/orders", key("order"), body);
        assertTrue(sameOrderOtherKey.json().get("replayed").asBoolean(), sameOrderOtherKey::toString);
        assertEquals(before + earned, points(m));

        JsonNode last = http.get("/api/members/" + m).json().get("lastOrders").get(0);
        assertEquals(k, last.get("orderId").asText());
        assertEquals("176.00", last.get("paid").asText());
    }

    @Test
    void offersNearAPointComeFromStoresWithin5Km() {
        Http.Reply near = http.get("/api/members/" + member(6) + "/offers?lat=31.2304&lon=121.4737");
        assertEquals(200, near.status(), near::toString);
        assertTrue(near.json().get("offers").size() > 0, near::toString);
        for (JsonNode o : near.json().get("offers")) {
            assertTrue(o.get("nearestStoreMetres").asLong() <= 5_000, near::toString);
        }
        Http.Reply beijing = http.get("/api/members/" + member(6) + "/offers?lat=39.9042&lon=116.4074");
        assertEquals(0, beijing.json().get("offers").size(), beijing::toString);
    }

    @Test
    void theDashboardCountsLiabilitySegmentsAndDistanceBands() {
        JsonNode d = http.get("/api/dashboard").json();
        assertTrue(d.get("issued").asLong() >= d.get("redeemed").asLong(), d::toString);
        assertTrue(d.get("pointsLiability").asLong() > 0, d::toString);
        assertTrue(d.get("topSegments").size() > 0, d::toString);
        long issued = 0;
        for (JsonNode band : d.get("redemptionByDistance")) {
            issued += band.get("issued").asLong();
            double rate = band.get("rate").asDouble();
            assertTrue(rate >= 0 && rate <= 1, d::toString);
        }
        assertEquals(d.get("issued").asLong(), issued);
    }

    @Test
    void pagesRenderWithoutRawPhoneNumbers() {
        Http.Reply wallet = http.get("/wallet/" + member(1));
        assertEquals(200, wallet.status());
        String phone = http.get("/api/members/" + member(1)).json().get("phone").asText();
        assertTrue(wallet.text().contains(phone), "masked phone on the wallet page");
        assertFalse(wallet.text().matches("(?s).*1[3-9]\\d{9}.*"), "no unmasked phone number on the page");
        assertTrue(http.get("/dashboard").text().contains("<rect class=\"bar\""));
        assertTrue(http.get("/counter/s1").text().contains("id=\"code\""));
    }

    /**
     * 50 clients at once: 50 redemptions of one code (one succeeds), 50 redemptions of 50 different
     * codes (all succeed), 50 orders over 10 members with each order sent twice (every point arrives
     * once).
     */
    @Test
    void fiftyConcurrentClientsNeverOverRedeemOrLosePoints() throws Exception {
        String[] contested = claimStoreCoupon(member(7));
        List<String[]> codes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            codes.add(claimStoreCoupon(member(10 + i)));
        }
        Map<String, Long> before = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            before.put(member(50 + i), points(member(50 + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Http.Reply>> same = new ArrayList<>();
            List<Callable<Http.Reply>> different = new ArrayList<>();
            List<Callable<Http.Reply>> orders = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                same.add(() -> redeem(contested[1], key("same"), contested[0], "till-same-" + n,
                        Http.lines("latte", "coffee", 4, "32.00")));
                different.add(() -> redeem(codes.get(n)[1], key("diff"), codes.get(n)[0], "till-diff-" + n,
                        Http.lines("latte", "coffee", 4, "32.00")));
                String orderKey = key("conc-order");
                String body = "{\"orderId\":\"" + orderKey + "\",\"memberId\":\"" + member(50 + n % 10)
                        + "\",\"channel\":\"online\",\"lines\":" + Http.lines("latte", "coffee", 1 + n % 3, "32.00") + "}";
                orders.add(() -> http.post("/api/orders", orderKey, body));
                orders.add(() -> http.post("/api/orders", orderKey, body));
            }
            List<Callable<Http.Reply>> all = new ArrayList<>(same);
            all.addAll(different);
            all.addAll(orders);
            java.util.Collections.shuffle(all, new java.util.Random(5));
            List<Future<Http.Reply>> futures = pool.invokeAll(all);
            int sameOk = 0;
            Map<Callable<Http.Reply>, Http.Reply> replies = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                replies.put(all.get(i), futures.get(i).get());
            }
            for (Callable<Http.Reply> c : same) {
                Http.Reply r = replies.get(c);
                if (r.status() == 200) {
                    sameOk++;
                } else {
                    assertEquals(409, r.status(), r::toString);
                    // the code's state or its member's limit of one, whichever the loser's check met first
                    assertTrue(List.of("ALREADY_REDEEMED", "PER_CUSTOMER_LIMIT").contains(r.json().get("code").asText()),
                            r::toString);
                }
            }
            assertEquals(1, sameOk, "one code, 50 concurrent redemptions");
            for (Callable<Http.Reply> c : different) {
                assertEquals(200, replies.get(c).status(), replies.get(c)::toString);
            }
            Map<String, Long> earned = new HashMap<>();
            Map<String, Long> perOrder = new HashMap<>();
            for (Callable<Http.Reply> c : orders) {
                Http.Reply r = replies.get(c);
                assertEquals(201, r.status(), r::toString);
                Long first = perOrder.putIfAbsent(r.json().get("orderId").asText(), r.json().get("points").asLong());
                if (first == null) {
                    earned.merge(r.json().get("memberId").asText(), r.json().get("points").asLong(), Long::sum);
                } else {
                    assertEquals(first.longValue(), r.json().get("points").asLong(), "a replay answers the same points");
                }
            }
            assertEquals(50, perOrder.size());
            for (int i = 0; i < 10; i++) {
                String m = member(50 + i);
                assertEquals(before.get(m) + earned.get(m), points(m), "points of " + m);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
