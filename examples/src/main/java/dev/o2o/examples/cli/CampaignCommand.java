package dev.o2o.examples.cli;

import dev.o2o.campaign.SuppressionReason;
import dev.o2o.campaign.analytics.CouponAnalytics;
import dev.o2o.campaign.analytics.Dimension;
import dev.o2o.campaign.analytics.FunnelRow;
import dev.o2o.campaign.analytics.Incrementality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o campaign}: campaign automation examples. */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Campaign automation examples.",
        subcommands = {CampaignCommand.Simulate.class})
public final class CampaignCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see --help)");
    }

    /** {@code o2o campaign simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Runs a seeded simulation of synthetic customers moving around synthetic stores (pings, "
                    + "check-ins, orders) under a 5 km location offer with a 10% holdout, a 3-store check-in mission "
                    + "and a referral programme, and reports per campaign: events, decisions, suppressed by reason, "
                    + "coupons issued/verified/redeemed, and for the location offer the incremental store buyers and "
                    + "revenue against the holdout with 95% intervals.",
                    "CSV output is campaign,metric,value rows; JSON is {\"campaigns\":{name:{metric:value,..}}}."})
    static final class Simulate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--customers", defaultValue = "2000", description = "customers (default ${DEFAULT-VALUE})")
        int customers;

        @Option(names = "--stores", defaultValue = "50", description = "stores (default ${DEFAULT-VALUE})")
        int stores;

        @Option(names = "--days", defaultValue = "30", description = "days simulated (default ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json", description = "${COMPLETION-CANDIDATES}")
        Format format;

        @Override
        public Integer call() {
            CampaignSimulation.Result r = new CampaignSimulation(customers, stores, days, seed).run();
            List<String[]> rows = rows(r);
            Output.write(null, spec.commandLine().getOut(), format == Format.json ? json(rows) : csv(rows));
            return 0;
        }
    }

    /**
     * The (campaign, metric, value) rows {@code o2o campaign simulate} prints for these arguments, in
     * its order; the demo report's campaign section is made from them.
     *
     * @throws IllegalArgumentException naming the option if an argument is out of range
     */
    public static List<String[]> simulate(int customers, int stores, int days, long seed) {
        return rows(new CampaignSimulation(customers, stores, days, seed).run());
    }

    /** The report as (campaign, metric, value) rows in a fixed order. */
    static List<String[]> rows(CampaignSimulation.Result r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"all", "events", Long.toString(r.events)});
        for (Map.Entry<String, CampaignSimulation.Stats> e : r.bySource.entrySet()) {
            CampaignSimulation.Stats s = e.getValue();
            String c = e.getKey();
            rows.add(new String[] {c, "events", Long.toString(s.events)});
            rows.add(new String[] {c, "decisions", Long.toString(s.actions)});
            for (SuppressionReason reason : SuppressionReason.values()) {
                long n = s.suppressed.getOrDefault(reason, 0L);
                if (n > 0) {
                    rows.add(new String[] {c, "suppressed_" + reason.name().toLowerCase(Locale.ROOT), Long.toString(n)});
                }
            }
            rows.add(new String[] {c, "coupons_issued", Long.toString(s.issued)});
            rows.add(new String[] {c, "coupons_verified", Long.toString(s.verified)});
            rows.add(new String[] {c, "coupons_redeemed", Long.toString(s.redeemed)});
        }
        for (FunnelRow f : CouponAnalytics.funnel(r.coupons, Dimension.CAMPAIGN)) {
            rows.add(new String[] {f.value(), "verification_rate", Output.num(f.verificationRate().rate())});
            rows.add(new String[] {f.value(), "verification_rate_lower95", Output.num(f.verificationRate().lower())});
            rows.add(new String[] {f.value(), "verification_rate_upper95", Output.num(f.verificationRate().upper())});
        }
        rows.add(new String[] {CampaignSimulation.TOUR, "completions", Long.toString(r.missionCompletions)});
        rows.add(new String[] {CampaignSimulation.FRIENDS, "claims", Long.toString(r.referralClaims)});
        rows.add(new String[] {CampaignSimulation.FRIENDS, "conversions", Long.toString(r.referralConversions)});
        Incrementality lift = r.geoLift;
        if (lift != null) {
            String g = CampaignSimulation.GEO;
            rows.add(new String[] {g, "treated_customers", Long.toString(lift.treated().customers())});
            rows.add(new String[] {g, "holdout_customers", Long.toString(lift.holdout().customers())});
            rows.add(new String[] {g, "incremental_store_buyers", Output.num(lift.incrementalConversions())});
            rows.add(new String[] {g, "incremental_store_buyers_lower95", Output.num(lift.conversionsLower())});
            rows.add(new String[] {g, "incremental_store_buyers_upper95", Output.num(lift.conversionsUpper())});
            rows.add(new String[] {g, "incremental_revenue_cny", Output.num(lift.incrementalRevenue())});
            rows.add(new String[] {g, "incremental_revenue_cny_lower95", Output.num(lift.revenueLower())});
            rows.add(new String[] {g, "incremental_revenue_cny_upper95", Output.num(lift.revenueUpper())});
        }
        return rows;
    }

    static String csv(List<String[]> rows) {
        StringBuilder b = new StringBuilder("campaign,metric,value\n");
        for (String[] r : rows) {
            b.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
        }
        return b.toString();
    }

    static String json(List<String[]> rows) {
        Map<String, List<String[]>> byCampaign = new LinkedHashMap<>();
        for (String[] r : rows) {
            byCampaign.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder("{\"campaigns\":{");
        boolean firstCampaign = true;
        for (Map.Entry<String, List<String[]>> e : byCampaign.entrySet()) {
            b.append(firstCampaign ? "" : ",").append(Json.quote(e.getKey())).append(":{");
            firstCampaign = false;
            boolean first = true;
            for (String[] r : e.getValue()) {
                b.append(first ? "" : ",").append(Json.quote(r[1])).append(':').append(r[2].isEmpty() ? "null" : r[2]);
                first = false;
            }
            b.append('}');
        }
        return b.append("}}\n").toString();
    }
}
