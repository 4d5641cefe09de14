package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesASelfContainedReportAndItsTables() throws IOException {
        Path dir = tmp.resolve("demo");
        Cli c = Cli.run("demo", "--out", dir.toString(), "--customers", "2000", "--seed", "3");
        assertEquals(0, c.exit, c.toString());
        Path report = dir.resolve("report.html");
        assertEquals("report: " + report.toAbsolutePath().normalize(), c.out.strip());
        String html = Files.readString(report);
        for (String section : List.of("Ingestion", "Identity resolution", "Profiles and tags", "RFM segments and lifecycle",
                "Customer lifetime value", "Attribution", "Points simulation", "Coupon redemption by distance",
                "Cohort retention", "Coupon uplift", "Abuse caught by pattern")) {
            assertTrue(html.contains("\">" + section + "</h2>"), section);
        }
        assertTrue(countOf(html, "<svg ") >= 6, "one chart per analysis");
        // self-contained: nothing to fetch (the SVG namespace is an identifier, not a request)
        String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"));
        assertFalse(html.contains("<script") || html.contains("<link ") || html.contains("<img "));
        for (String table : List.of("ingestion", "ingestion_errors", "identity", "tags", "rfm_segments",
                "rfm_customers", "lifecycle", "clv_parameters", "clv_distribution", "clv_customers", "attribution", "points",
                "coupon_redemption", "cohort_retention", "uplift_targeting", "uplift_qini", "risk_abuse", "timings")) {
            assertTrue(Files.isRegularFile(dir.resolve(table + ".csv")), table);
        }
        // every planted bad record is rejected, and nothing else
        List<String> ingestion = Files.readAllLines(dir.resolve("ingestion.csv"));
        for (String row : ingestion.subList(1, ingestion.size())) {
            String[] f = row.split(",");
            assertEquals(f[4], f[3], "rejected = planted in " + row);
        }
        // identity resolution never mixes two true customers here, and finds the kiosks
        String identity = Files.readString(dir.resolve("identity.csv"));
        assertTrue(identity.contains("resolved customers mixing two true customers,0\n"), identity);
        assertTrue(identity.contains("super-nodes suppressed (shared kiosk devices),3\n"), identity);
        // the attribution table holds every marketing channel and the credits add up per model
        List<String> attribution = Files.readAllLines(dir.resolve("attribution.csv"));
        assertEquals(9, attribution.size());
        double first = 0;
        double markov = 0;
        for (String row : attribution.subList(1, attribution.size())) {
            String[] f = row.split(",");
            first += Double.parseDouble(f[4]);
            markov += Double.parseDouble(f[10]);
        }
        assertEquals(first, markov, 1.0, "every model credits the same conversions");
        assertTrue(c.err.contains("demo: attribution ..."), c.err);
        // the points ledger neither loses nor creates points
        assertTrue(html.contains(": no point lost or created."), "points conservation");
        String points = Files.readString(dir.resolve("points.csv"));
        assertTrue(points.contains("checked,0\n"), points);
        // targeting by uplift brings more true extra redemptions than targeting by propensity, which beats random
        List<String> targeting = Files.readAllLines(dir.resolve("uplift_targeting.csv"));
        assertEquals(5, targeting.size(), targeting.toString());
        for (String row : targeting.subList(1, 4)) { // 10%, 20%, 30% targeted
            String[] f = row.split(",");
            double byUplift = Double.parseDouble(f[2]);
            double byPropensity = Double.parseDouble(f[3]);
            assertTrue(byUplift > byPropensity, row);
        }
        assertTrue(html.contains("uplift model (T-learner)</text>") && html.contains("<polyline"), "the Qini chart");
        List<String> qini = Files.readAllLines(dir.resolve("uplift_qini.csv"));
        assertTrue(Double.parseDouble(qini.get(1).split(",")[1]) > Double.parseDouble(qini.get(2).split(",")[1]),
                qini.toString());
        // the campaign section shows what `o2o campaign simulate` prints for the same arguments
        assertTrue(html.contains("\">Campaigns</h2>"), "campaign section");
        String simulated = Files.readString(dir.resolve("campaign_simulation.csv"));
        Cli simulate = Cli.run("campaign", "simulate", "--customers", "2000", "--stores", "50", "--days", "30", "--seed", "3");
        assertEquals(simulate.out, simulated);
        java.util.Map<String, Double> m = new java.util.HashMap<>();
        for (String row : simulated.strip().split("\n")) {
            String[] f = row.split(",");
            if (!f[0].equals("campaign") && f.length == 3 && !f[2].isEmpty()) {
                m.put(f[0] + "." + f[1], Double.parseDouble(f[2]));
            }
        }
        assertTrue(m.get("geo-5km.suppressed_holdout") > 0, "the holdout is drawn");
        assertTrue(m.get("geo-5km.coupons_issued") >= m.get("geo-5km.coupons_verified"), simulated);
        assertTrue(m.get("geo-5km.coupons_verified") >= m.get("geo-5km.coupons_redeemed"), simulated);
        List<String> lift = Files.readAllLines(dir.resolve("campaign_lift.csv"));
        String[] buyers = lift.get(1).split(",");
        assertEquals("incremental store buyers", buyers[0]);
        assertEquals(m.get("geo-5km.incremental_store_buyers"), Double.parseDouble(buyers[1]));
        assertTrue(Double.parseDouble(buyers[2]) <= Double.parseDouble(buyers[1])
                && Double.parseDouble(buyers[1]) <= Double.parseDouble(buyers[3]), lift.toString());
        for (String chart : List.of("Events and decisions", "Suppressed, by reason", "Coupons issued, verified in store, redeemed",
                "Incremental redemptions against the holdout")) {
            assertTrue(html.contains("<h3>" + chart + "</h3>"), chart);
        }

        // abuse per pattern: the rules catch 82 of the device farms' 96 events and no ordinary event; the forest
        // finds every abusive account and clerk
        List<String> risk = Files.readAllLines(dir.resolve("risk_abuse.csv"));
        assertEquals(11, risk.size(), risk.toString());
        assertTrue(risk.contains("rules,event,DEVICE_FARM,96,82,0,1.0000,0.8542"), risk.toString());
        for (String row : risk.subList(1, risk.size())) {
            String[] f = row.split(",");
            if (f[0].equals("rules")) {
                assertEquals("0", f[5], row);
            } else {
                assertEquals("1.0000", f[7], row);
            }
        }
        assertTrue(html.contains("isolation forest (share of its accounts or clerks)</text>"), "the risk chart");

        // next best offer: re-ranking by distance finds more held-out choices than the same model without it,
        // and the oracle (true choice probabilities) bounds every ranking
        assertTrue(html.contains("\">Next best offer</h2>"), "next best offer section");
        Map<String, Double> hit = new HashMap<>();
        for (String row : Files.readAllLines(dir.resolve("recommend_distance.csv")).subList(1, 8)) {
            String[] f = row.split(",");
            hit.put(f[0], Double.parseDouble(f[1]));
        }
        String knn = "item-kNN";
        assertTrue(hit.get(knn + " + distance") > hit.get(knn), hit.toString());
        assertTrue(hit.values().stream().allMatch(v -> v <= hit.get("oracle (true probabilities)")), hit.toString());
        List<String> evaluation = Files.readAllLines(dir.resolve("recommend_evaluation.csv"));
        assertEquals(5, evaluation.size(), evaluation.toString());
        assertTrue(evaluation.get(1).startsWith("popularity,"), evaluation.get(1));
    }

    @Test
    void badArguments() {
        Cli c = Cli.run("demo", "--customers", "5");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--customers must be within 100..2000000: 5"), c.err);
        c = Cli.run("demo", "--seed", "x");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("'x' is not a long"), c.err);
    }

    private static int countOf(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
