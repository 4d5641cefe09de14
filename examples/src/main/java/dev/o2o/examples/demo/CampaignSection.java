package dev.o2o.examples.demo;

import dev.o2o.examples.cli.CampaignCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The report's campaign section: the seeded simulation of {@code o2o campaign simulate} (a 5 km
 * location offer with a 10% holdout, a 3-store check-in mission, a referral programme), shown as
 * charts of events and decisions, suppressions by reason, the coupon funnel, and the location
 * offer's incremental store buyers against its holdout with the 95% interval. Its table
 * {@code campaign_simulation.csv} is exactly what the command prints for the same arguments.
 * Stateless.
 */
final class CampaignSection {
    static final int STORES = 50;
    static final int DAYS = 30;
    private static final String GEO = "geo-5km";

    private CampaignSection() {
    }

    /** Simulated customers for a demo of {@code customers}: the same number, within 200..5,000 to keep the demo quick. */
    static int customers(int customers) {
        return Math.max(200, Math.min(customers, 5_000));
    }

    static void add(Report report, int demoCustomers, long seed) {
        int n = customers(demoCustomers);
        List<String[]> rows = CampaignCommand.simulate(n, STORES, DAYS, seed);
        Table all = new Table("campaign_simulation", "campaign", "metric", "value");
        Map<String, Map<String, String>> byCampaign = new LinkedHashMap<>();
        for (String[] r : rows) {
            all.row(r[0], r[1], r[2]);
            byCampaign.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).put(r[1], r[2]);
        }
        List<String> campaigns = new ArrayList<>(byCampaign.keySet());
        campaigns.remove("all");
        campaigns.remove("(event)");

        List<String> activityLabels = new ArrayList<>();
        List<Double> activity = new ArrayList<>();
        List<String> suppressionLabels = new ArrayList<>();
        List<Double> suppressed = new ArrayList<>();
        List<String> funnelLabels = new ArrayList<>();
        List<Double> funnel = new ArrayList<>();
        for (String c : campaigns) {
            Map<String, String> m = byCampaign.get(c);
            for (String metric : List.of("events", "decisions")) {
                if (m.containsKey(metric)) {
                    activityLabels.add(c + " " + metric);
                    activity.add(Double.parseDouble(m.get(metric)));
                }
            }
            m.forEach((metric, value) -> {
                if (metric.startsWith("suppressed_")) {
                    suppressionLabels.add(c + ": " + metric.substring("suppressed_".length()).replace('_', ' '));
                    suppressed.add(Double.parseDouble(value));
                }
            });
            for (String metric : List.of("coupons_issued", "coupons_verified", "coupons_redeemed")) {
                if (m.containsKey(metric) && Double.parseDouble(m.get(metric)) > 0) {
                    funnelLabels.add(c + " " + metric.substring("coupons_".length()));
                    funnel.add(Double.parseDouble(m.get(metric)));
                }
            }
        }
        StringBuilder body = new StringBuilder(String.format(Locale.ROOT, "<p>%,d synthetic customers moving among %d "
                + "stores for %d days (the simulation of <code>o2o campaign simulate --customers %d --stores %d --days %d "
                + "--seed %d</code>): location pings, check-ins and orders evaluated by the campaign engine. A ping "
                + "within 5 km of a store offers that store's coupon, at most once a week and not at night; 10%% of "
                + "customers are held out of the location offer, so its effect is measured against them.</p>",
                n, STORES, DAYS, n, STORES, DAYS, seed));
        body.append("<h3>Events and decisions</h3>").append(bars(activityLabels, activity, "#4e79a7"));
        if (!suppressionLabels.isEmpty()) {
            body.append("<h3>Suppressed, by reason</h3>").append(bars(suppressionLabels, suppressed, "#e15759"));
        }
        body.append("<h3>Coupons issued, verified in store, redeemed</h3>").append(bars(funnelLabels, funnel, "#59a14f"));
        Map<String, String> geo = byCampaign.getOrDefault(GEO, Map.of());
        Table lift = new Table("campaign_lift", "metric", "estimate", "lower95", "upper95");
        if (geo.containsKey("incremental_store_buyers")) {
            double est = Double.parseDouble(geo.get("incremental_store_buyers"));
            double lo = Double.parseDouble(geo.get("incremental_store_buyers_lower95"));
            double hi = Double.parseDouble(geo.get("incremental_store_buyers_upper95"));
            lift.row("incremental store buyers", geo.get("incremental_store_buyers"), geo.get("incremental_store_buyers_lower95"),
                    geo.get("incremental_store_buyers_upper95"));
            lift.row("incremental revenue (CNY)", geo.get("incremental_revenue_cny"), geo.get("incremental_revenue_cny_lower95"),
                    geo.get("incremental_revenue_cny_upper95"));
            body.append("<h3>Incremental redemptions against the holdout</h3>").append(String.format(Locale.ROOT,
                    "<p>Customers offered a coupon (%s) against the held-out ones (%s), both counted from their first ping "
                    + "near a store: the holdout cannot redeem, so the extra store buyers among the treated are the "
                    + "redemptions the offer caused. Estimate %s, 95%% interval %s to %s.</p>",
                    geo.get("treated_customers"), geo.get("holdout_customers"), Demo.fmt1(est), Demo.fmt1(lo), Demo.fmt1(hi)))
                    .append(interval("incremental store buyers", est, lo, hi));
        } else {
            body.append("<p>Too few exposed customers for a lift estimate.</p>");
        }
        report.section("Campaigns", body + all.html(12) + lift.html(5), all, lift);
    }

    private static String bars(List<String> labels, List<Double> values, String color) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        List<String> text = values.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x)).toList();
        return Svg.hbars(labels, v, text, color, 760);
    }

    /** One estimate with its interval on an axis from min(0, lower) to max(0, upper), zero marked. */
    static String interval(String label, double estimate, double lower, double upper) {
        int width = 760;
        int left = 190;
        int right = width - 40;
        double from = Math.min(0, lower);
        double to = Math.max(0, upper);
        double span = to == from ? 1 : to - from;
        DoubleUnaryOperator x = v -> left + (v - from) / span * (right - left);
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"70\" font-family=\"sans-serif\" font-size=\"12\">");
        b.append("<text x=\"").append(left - 6).append("\" y=\"29\" text-anchor=\"end\">").append(Svg.esc(label)).append("</text>");
        b.append("<line x1=\"").append(Svg.f(x.applyAsDouble(0))).append("\" y1=\"5\" x2=\"").append(Svg.f(x.applyAsDouble(0)))
                .append("\" y2=\"50\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>");
        b.append("<line x1=\"").append(Svg.f(x.applyAsDouble(lower))).append("\" y1=\"25\" x2=\"")
                .append(Svg.f(x.applyAsDouble(upper))).append("\" y2=\"25\" stroke=\"#4e79a7\" stroke-width=\"3\"/>");
        b.append("<circle cx=\"").append(Svg.f(x.applyAsDouble(estimate))).append("\" cy=\"25\" r=\"5\" fill=\"#4e79a7\"/>");
        b.append("<text x=\"").append(Svg.f(x.applyAsDouble(0))).append("\" y=\"64\" text-anchor=\"middle\">0</text>");
        b.append("<text x=\"").append(Svg.f(x.applyAsDouble(lower))).append("\" y=\"45\" text-anchor=\"middle\">")
                .append(Demo.fmt1(lower)).append("</text>");
        b.append("<text x=\"").append(Svg.f(x.applyAsDouble(upper))).append("\" y=\"45\" text-anchor=\"middle\">")
                .append(Demo.fmt1(upper)).append("</text>");
        return b.append("</svg>").toString();
    }
}
