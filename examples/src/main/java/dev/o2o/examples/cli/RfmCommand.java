package dev.o2o.examples.cli;

import dev.o2o.core.Order;
import dev.o2o.segmentation.rfm.CustomerRfm;
import dev.o2o.segmentation.rfm.RfmOptions;
import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmSummarizer;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.TiePolicy;
import dev.o2o.segmentation.rfm.SegmentSummary;
import dev.o2o.segmentation.rfm.Segmentation;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o rfm}: RFM scores and segments of the customers of an orders file. */
@Command(name = "rfm", mixinStandardHelpOptions = true,
        description = {"Scores customers by recency, frequency and monetary value (quintiles, 5 = best) and "
                + "assigns the standard 11 RFM segments, from an orders file (NDJSON or CSV in the o2o "
                + "ingestion format, by extension).",
                "CSV output: customer,recency_days,frequency,monetary,r,f,m,segment; the segment summary goes "
                        + "to stderr, or as CSV to --segments-out. JSON: {\"asOf\":..,\"customers\":[..],"
                        + "\"segments\":[..]}."})
final class RfmCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--orders", required = true, paramLabel = "FILE", description = "orders (.ndjson, .jsonl or .csv)")
    Path orders;

    @Option(names = "--as-of", paramLabel = "DATE", description = "the analysis date, yyyy-MM-dd: orders before it count and "
            + "recency is in days up to it; default: the day after the last order")
    String asOf;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE", description = "zone of calendar days "
            + "(default ${DEFAULT-VALUE})")
    String zone;

    @Option(names = "--channel", paramLabel = "ID[:offline]", description = "further channel ids the orders may name "
            + "(besides those of the synthetic data); repeatable")
    List<String> channels = new ArrayList<>();

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json", description = "${COMPLETION-CANDIDATES}")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the customers here instead of stdout")
    Path out;

    @Option(names = "--segments-out", paramLabel = "FILE", description = "write the segment summary CSV here")
    Path segmentsOut;

    @Option(names = "--ties", defaultValue = "same-bin", paramLabel = "same-bin|first-come|rfm-package",
            description = "quintile tie policy: equal values in one bin between R's type-7 quantiles (default), "
                    + "ranked first-come as pandas qcut(rank(method=\"first\")), or exactly as R's rfm package")
    String ties;

    @Option(names = "--segments", defaultValue = "standard", paramLabel = "standard|rfm-package",
            description = "segment table: our disjoint 11-segment reading of the standard table (default), or "
                    + "the 10-segment table of R's rfm package (first match wins, else Others)")
    String segmentTable;

    /** The outcome of one run. */
    record Result(LocalDate asOf, RfmTable table, RfmScores scores, Segmentation segmentation,
                  List<CustomerRfm> customers, List<SegmentSummary> segments) {
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(cl, "--zone: unknown time zone '" + zone + "'");
        }
        LocalDate day = null;
        if (asOf != null) {
            try {
                day = LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(cl, "--as-of: '" + asOf + "' is not a date yyyy-MM-dd");
            }
        }
        TiePolicy tiePolicy = switch (ties) {
            case "same-bin" -> TiePolicy.SAME_BIN;
            case "first-come" -> TiePolicy.FIRST_COME;
            case "rfm-package" -> TiePolicy.RFM_PACKAGE;
            default -> throw new CommandLine.ParameterException(cl, "--ties: '" + ties
                    + "' is not one of same-bin, first-come, rfm-package");
        };
        SegmentMap map = switch (segmentTable) {
            case "standard" -> SegmentMap.standard();
            case "rfm-package" -> SegmentMap.rfmPackage();
            default -> throw new CommandLine.ParameterException(cl, "--segments: '" + segmentTable
                    + "' is not one of standard, rfm-package");
        };
        Output.requireFile(orders, "--orders");
        List<Order> all = new ArrayList<>();
        OrdersInput.read(orders, OrdersInput.channels(channels), z, o -> all.add(requireCalendarInstant(o)),
                cl.getErr());
        Result r = compute(all, day, z, RfmScoring.defaults().withTies(tiePolicy), map);
        cl.getErr().println("scored " + r.customers().size() + " customers as of " + r.asOf());
        if (format == Format.json) {
            Output.write(out, cl.getOut(), json(r));
        } else {
            Output.write(out, cl.getOut(), customersCsv(r));
            if (segmentsOut != null) {
                Output.write(segmentsOut, cl.getOut(), segmentsCsv(r.segments()));
            } else {
                cl.getErr().print(segmentsCsv(r.segments()));
                cl.getErr().flush();
            }
        }
        return 0;
    }

    /** Instants within a day of the end of {@link LocalDate}'s range have no calendar day after them in every zone. */
    private static final Instant FIRST_DAY = LocalDate.MIN.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LAST_DAY = LocalDate.MAX.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** The order, unless its instant is outside the calendar range that days and recency can be counted in. */
    static Order requireCalendarInstant(Order o) {
        if (o.instant().isBefore(FIRST_DAY) || o.instant().isAfter(LAST_DAY)) {
            throw new OrdersInput.Refused("instant: " + o.instant() + " is outside the calendar range of "
                    + "RFM's days (" + FIRST_DAY + " to " + LAST_DAY + ")");
        }
        return o;
    }

    /** RFM over every order before {@code asOf} (default: the day after the last order). */
    static Result compute(List<Order> orders, LocalDate asOf, ZoneId zone, RfmScoring scoring, SegmentMap map) {
        Instant last = Instant.MIN;
        Instant first = Instant.MAX;
        for (Order o : orders) {
            last = o.instant().isAfter(last) ? o.instant() : last;
            first = o.instant().isBefore(first) ? o.instant() : first;
        }
        LocalDate day;
        Instant end;
        try {
            day = asOf != null ? asOf : last.atZone(zone).toLocalDate().plusDays(1);
            end = day.atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new BadInputException((asOf != null ? "--as-of " + asOf : "the last order, at " + last + ",")
                    + " is too far from the present for a calendar day in " + zone
                    + (asOf != null ? "" : " after it: give --as-of") + " (" + e.getMessage() + ")", e);
        }
        if (!first.isBefore(end)) {
            throw new BadInputException("--as-of " + day + " is before the first order (" + first + ")");
        }
        List<CustomerRfm> customers = RfmSummarizer.summarize(orders, RfmOptions.window(first, end, zone));
        if (customers.isEmpty()) {
            throw new BadInputException("no purchase up to " + day + " (refunded and cancelled orders do not count)");
        }
        RfmTable table = RfmTable.of(customers);
        RfmScores scores = scoring.score(table);
        Segmentation seg = map.segment(scores);
        return new Result(day, table, scores, seg, customers, seg.summary(table));
    }

    static String customersCsv(Result r) {
        StringBuilder b = new StringBuilder("customer,recency_days,frequency,monetary,r,f,m,segment\n");
        for (int i = 0; i < r.customers().size(); i++) {
            CustomerRfm c = r.customers().get(i);
            b.append(Output.csv(c.customer().value())).append(',').append(c.recencyDays()).append(',')
                    .append(c.frequency()).append(',').append(c.monetary().amount().toPlainString()).append(',')
                    .append(r.scores().recency(i)).append(',').append(r.scores().frequency(i)).append(',')
                    .append(r.scores().monetary(i)).append(',').append(Output.csv(r.segmentation().segment(i)))
                    .append('\n');
        }
        return b.toString();
    }

    static String segmentsCsv(List<SegmentSummary> segments) {
        StringBuilder b = new StringBuilder(
                "segment,customers,share,mean_recency_days,mean_frequency,mean_monetary,revenue_share\n");
        for (SegmentSummary s : segments) {
            b.append(Output.csv(s.segment())).append(',').append(s.customers()).append(',').append(Output.num(s.share()))
                    .append(',').append(Output.num(s.meanRecencyDays())).append(',').append(Output.num(s.meanFrequency()))
                    .append(',').append(Output.num(s.meanMonetary())).append(',').append(Output.num(s.revenueShare()))
                    .append('\n');
        }
        return b.toString();
    }

    static String json(Result r) {
        StringBuilder b = new StringBuilder("{\"asOf\":\"").append(r.asOf()).append("\",\"customers\":[");
        for (int i = 0; i < r.customers().size(); i++) {
            CustomerRfm c = r.customers().get(i);
            b.append(i == 0 ? "" : ",").append("{\"customer\":").append(Json.quote(c.customer().value()))
                    .append(",\"recencyDays\":").append(c.recencyDays()).append(",\"frequency\":").append(c.frequency())
                    .append(",\"monetary\":").append(c.monetary().amount().toPlainString())
                    .append(",\"r\":").append(r.scores().recency(i)).append(",\"f\":").append(r.scores().frequency(i))
                    .append(",\"m\":").append(r.scores().monetary(i)).append(",\"segment\":")
                    .append(Json.quote(r.segmentation().segment(i))).append('}');
        }
        b.append("],\"segments\":[");
        for (int i = 0; i < r.segments().size(); i++) {
            SegmentSummary s = r.segments().get(i);
            b.append(i == 0 ? "" : ",").append("{\"segment\":").append(Json.quote(s.segment()))
                    .append(",\"customers\":").append(s.customers()).append(",\"share\":").append(Json.num(s.share()))
                    .append(",\"meanRecencyDays\":").append(Json.num(s.meanRecencyDays()))
                    .append(",\"meanFrequency\":").append(Json.num(s.meanFrequency()))
                    .append(",\"meanMonetary\":").append(Json.num(s.meanMonetary()))
                    .append(",\"revenueShare\":").append(Json.num(s.revenueShare())).append('}');
        }
        return b.append("]}\n").toString();
    }
}
