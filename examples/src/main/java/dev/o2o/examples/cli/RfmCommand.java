package dev.o2o.examples.cli;

import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.io.OrderFact;
import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.TiePolicy;
import dev.o2o.segmentation.rfm.SegmentSummary;
import dev.o2o.segmentation.rfm.Segmentation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
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
                  RfmColumns.Sorted customers, List<SegmentSummary> segments) {

        int size() {
            return table.size();
        }
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
        Result r = compute(orders, OrdersInput.channels(channels), day, z, RfmScoring.defaults().withTies(tiePolicy),
                map, cl.getErr());
        cl.getErr().println("scored " + r.size() + " customers as of " + r.asOf());
        if (format == Format.json) {
            Output.write(out, cl.getOut(), w -> json(r, w));
        } else {
            Output.write(out, cl.getOut(), w -> customersCsv(r, w));
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
    static OrderFact requireCalendarInstant(OrderFact o) {
        if (o.instant().isBefore(FIRST_DAY) || o.instant().isAfter(LAST_DAY)) {
            throw new OrdersInput.Refused("instant: " + o.instant() + " is outside the calendar range of "
                    + "RFM's days (" + FIRST_DAY + " to " + LAST_DAY + ")");
        }
        return o;
    }

    /**
     * RFM over every order of the file before {@code asOf} (default: the day after the last order),
     * streamed: one row of primitive aggregates per customer, never the orders themselves.
     */
    static Result compute(Path file, ChannelRegistry channels, LocalDate asOf, ZoneId zone, RfmScoring scoring,
                          SegmentMap map, PrintWriter err) {
        Instant end = asOf == null ? null : startOf(asOf, zone, null);
        RfmColumns columns = new RfmColumns(zone, end);
        OrdersInput.Facts read = OrdersInput.read(file, channels, zone, o -> columns.add(requireCalendarInstant(o)),
                err);
        LocalDate day = asOf;
        if (day == null) {
            try {
                day = columns.last().atZone(zone).toLocalDate().plusDays(1);
            } catch (DateTimeException e) {
                throw tooFar("the last order, at " + columns.last() + ",", zone, e);
            }
            end = startOf(day, zone, columns.last());
        }
        if (!columns.first().isBefore(end)) {
            throw new BadInputException("--as-of " + day + " is before the first order (" + columns.first() + ")");
        }
        if (columns.size() == 0) {
            throw new BadInputException("no purchase up to " + day + " (refunded and cancelled orders do not count)");
        }
        RfmColumns.Sorted customers = columns.sorted(LocalDate.ofInstant(end, zone), read.customerKeys());
        RfmTable table = customers.table();
        RfmScores scores = scoring.score(table);
        Segmentation seg = map.segment(scores);
        return new Result(day, table, scores, seg, customers, seg.summary(table));
    }

    /** The start of {@code day} in {@code zone}; {@code last} is the last order's instant when the day follows it. */
    private static Instant startOf(LocalDate day, ZoneId zone, Instant last) {
        try {
            return day.atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw tooFar(last == null ? "--as-of " + day : "the last order, at " + last + ",", zone, e);
        }
    }

    private static BadInputException tooFar(String what, ZoneId zone, DateTimeException e) {
        return new BadInputException(what + " is too far from the present for a calendar day in " + zone
                + (what.startsWith("--as-of") ? "" : " after it: give --as-of"), e);
    }

    static void customersCsv(Result r, Writer w) throws IOException {
        w.write("customer,recency_days,frequency,monetary,r,f,m,segment\n");
        RfmColumns.Sorted c = r.customers();
        StringBuilder b = new StringBuilder(128);
        for (int i = 0; i < r.size(); i++) {
            b.setLength(0);
            b.append(Output.csv(c.keys()[i])).append(',').append(c.recencyDays()[i]).append(',')
                    .append(c.frequency()[i]).append(',').append(c.monetary(i).toPlainString()).append(',')
                    .append(r.scores().recency(i)).append(',').append(r.scores().frequency(i)).append(',')
                    .append(r.scores().monetary(i)).append(',').append(Output.csv(r.segmentation().segment(i)))
                    .append('\n');
            w.append(b);
        }
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

    static void json(Result r, Writer w) throws IOException {
        w.write("{\"asOf\":\"" + r.asOf() + "\",\"customers\":[");
        RfmColumns.Sorted c = r.customers();
        StringBuilder b = new StringBuilder(160);
        for (int i = 0; i < r.size(); i++) {
            b.setLength(0);
            b.append(i == 0 ? "" : ",").append("{\"customer\":").append(Json.quote(c.keys()[i]))
                    .append(",\"recencyDays\":").append(c.recencyDays()[i]).append(",\"frequency\":")
                    .append(c.frequency()[i]).append(",\"monetary\":").append(c.monetary(i).toPlainString())
                    .append(",\"r\":").append(r.scores().recency(i)).append(",\"f\":").append(r.scores().frequency(i))
                    .append(",\"m\":").append(r.scores().monetary(i)).append(",\"segment\":")
                    .append(Json.quote(r.segmentation().segment(i))).append('}');
            w.append(b);
        }
        b.setLength(0);
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
        w.append(b.append("]}\n"));
    }
}
