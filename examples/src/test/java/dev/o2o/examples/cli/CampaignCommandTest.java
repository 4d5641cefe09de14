package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignCommandTest {

    private static Map<String, String> metrics(String csv) {
        Map<String, String> m = new HashMap<>();
        List<String> lines = List.of(csv.split("\n"));
        assertEquals("campaign,metric,value", lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            m.put(f[0] + "." + f[1], f[2]);
        }
        return m;
    }

    private static long n(Map<String, String> m, String key) {
        assertTrue(m.containsKey(key), key + " in " + m.keySet());
        return Long.parseLong(m.get(key));
    }

    @Test
    void aSeededSimulationReportsEveryCampaignAndIsReproducible() {
        Cli c = Cli.run("campaign", "simulate", "--customers", "400", "--stores", "12", "--days", "10", "--seed", "7");
        assertEquals(0, c.exit, c.toString());
        assertEquals(c.out, Cli.run("campaign", "simulate", "--customers", "400", "--stores", "12", "--days", "10",
                "--seed", "7").out);
        Map<String, String> m = metrics(c.out);
        long geoDecisions = n(m, "geo-5km.decisions");
        assertTrue(geoDecisions > 0, c.out);
        // one coupon per planned location offer
        assertEquals(geoDecisions, n(m, "geo-5km.coupons_issued"));
        assertTrue(n(m, "geo-5km.coupons_verified") <= geoDecisions);
        assertEquals(n(m, "geo-5km.coupons_verified"), n(m, "geo-5km.coupons_redeemed"));
        assertTrue(n(m, "geo-5km.suppressed_holdout") > 0, c.out);
        assertTrue(n(m, "geo-5km.suppressed_frequency_cap") > 0, c.out);
        assertTrue(n(m, "geo-5km.suppressed_quiet_hours") > 0, c.out);
        // the mission rewards each completion once
        assertEquals(n(m, "tour-3.completions"), n(m, "tour-3.decisions"));
        // two-sided referral rewards: two actions and one coupon (the invitee's) per conversion
        assertEquals(2 * n(m, "friends.conversions"), n(m, "friends.decisions"));
        assertEquals(n(m, "friends.conversions"), n(m, "friends.coupons_issued"));
        assertTrue(n(m, "friends.conversions") <= n(m, "friends.claims"));
        long treated = n(m, "geo-5km.treated_customers");
        long holdout = n(m, "geo-5km.holdout_customers");
        double share = holdout / (double) (treated + holdout);
        assertTrue(share > 0.04 && share < 0.18, "holdout share " + share);
        double lower = Double.parseDouble(m.get("geo-5km.incremental_store_buyers_lower95"));
        double upper = Double.parseDouble(m.get("geo-5km.incremental_store_buyers_upper95"));
        double point = Double.parseDouble(m.get("geo-5km.incremental_store_buyers"));
        assertTrue(lower < point && point < upper, c.out);
    }

    @Test
    void jsonHasTheSameFigures() throws Exception {
        Cli csv = Cli.run("campaign", "simulate", "--customers", "200", "--stores", "5", "--days", "5");
        Cli json = Cli.run("campaign", "simulate", "--customers", "200", "--stores", "5", "--days", "5", "--format", "json");
        assertEquals(0, json.exit, json.toString());
        JsonNode root = new ObjectMapper().readTree(json.out);
        Map<String, String> m = metrics(csv.out);
        assertEquals(n(m, "geo-5km.decisions"), root.path("campaigns").path("geo-5km").path("decisions").asLong());
        assertEquals(n(m, "all.events"), root.path("campaigns").path("all").path("events").asLong());
    }

    @Test
    void badArgumentsNameTheOption() {
        Cli c = Cli.run("campaign", "simulate", "--customers", "5");
        assertEquals(O2oCli.BAD_INPUT, c.exit, c.toString());
        assertEquals("o2o campaign simulate: --customers must be >= 10: 5\n", c.err);
        Cli days = Cli.run("campaign", "simulate", "--days", "0");
        assertEquals(O2oCli.BAD_INPUT, days.exit);
        assertTrue(days.err.contains("--days must be within 1..366: 0"), days.err);
        Cli none = Cli.run("campaign");
        assertEquals(O2oCli.BAD_INPUT, none.exit);
    }
}
