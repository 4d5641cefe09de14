package dev.o2o.examples.cli;

import dev.o2o.core.io.IngestException;
import dev.o2o.core.io.TianchiCsv;
import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.tianchi.DistanceBand;
import dev.o2o.loyalty.tianchi.ReceiptStats;
import dev.o2o.loyalty.tianchi.TianchiData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o coupons}: summarises Tianchi-format coupon receipts. */
@Command(name = "coupons", mixinStandardHelpOptions = true,
        description = {"Parses Tianchi O2O coupon receipts (User_id,Merchant_id,Coupon_id,Discount_rate,Distance,"
                + "Date_received) and reports rows, rejected rows, receipts by discount type, unknown distances, "
                + "distinct discount rates and receipts by distance band.",
                "CSV output is key,value rows; JSON is {\"rows\":..,\"rejected\":..,\"byType\":{..},"
                        + "\"distanceUnknown\":..,\"distinctRates\":..,\"byDistanceBand\":{..},\"errors\":[..]}."})
final class CouponsCommand implements Callable<Integer> {

    private static final int ERRORS_KEPT = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tianchi", required = true, paramLabel = "FILE", description = "Tianchi-format CSV")
    Path file;

    @CommandLine.Mixin
    Output.Options result = new Output.Options();

    /** Counts of one run. */
    static final class Result {
        final ReceiptStats stats = new ReceiptStats();
        final Set<String> rates = new HashSet<>();
        final List<String> errors = new ArrayList<>();
        long rows;
        long rejected;
    }

    @Override
    public Integer call() {
        Output.requireFile(file, "--tianchi");
        Result r = summarize(file, msg -> spec.commandLine().getErr().println(msg));
        if (r.rows == 0) {
            throw new BadInputException("--tianchi " + file + ": no data rows");
        }
        if (r.rejected > 0) {
            spec.commandLine().getErr().println("rejected " + r.rejected + " of " + r.rows + " rows; first: "
                    + r.errors.get(0));
        }
        result.write(spec.commandLine().getOut(), result.json() ? json(r) : csv(r));
        return 0;
    }

    /**
     * Reads the file row by row through core's {@link TianchiCsv}; a bad row is counted as
     * rejected (with its reason) instead of stopping the run, so that one typo does not hide a
     * whole file.
     */
    static Result summarize(Path file, Consumer<String> progress) {
        Result r = new Result();
        String name = file.getFileName().toString();
        try (TianchiCsv in = open(file, name)) {
            while (true) {
                try {
                    if (!in.hasNext()) {
                        break;
                    }
                } catch (IngestException e) { // a malformed CSV record, consumed: count it and go on
                    r.rows++;
                    reject(r, e);
                    continue;
                }
                r.rows++;
                try {
                    TianchiCsv.Row row = in.next();
                    r.stats.add(TianchiData.receipt(row, name));
                    r.rates.add(row.discountRate().orElseThrow().notation());
                } catch (IngestException e) {
                    reject(r, e);
                }
                if (r.rows % 50_000 == 0) {
                    progress.accept("read " + r.rows + " rows");
                }
            }
        }
        return r;
    }

    private static void reject(Result r, IngestException e) {
        r.rejected++;
        if (r.errors.size() < ERRORS_KEPT) {
            r.errors.add(Messages.safe(e.error()));
        }
    }

    private static TianchiCsv open(Path file, String name) {
        BufferedReader reader = null;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            return TianchiCsv.open(reader, name);
        } catch (IngestException e) {
            closeQuietly(reader);
            throw new BadInputException("--tianchi " + file + ": line " + e.error().line() + ": " + e.error().reason());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + dev.o2o.core.internal.Messages.io(e), e);
        }
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // the header error is what the user needs to see
        }
    }

    static String csv(Result r) {
        StringBuilder b = new StringBuilder("key,value\n");
        b.append("rows,").append(r.rows).append('\n');
        b.append("rejected,").append(r.rejected).append('\n');
        for (Discount.Kind k : Discount.Kind.values()) {
            if (r.stats.count(k) > 0) {
                b.append("type.").append(k).append(',').append(r.stats.count(k)).append('\n');
            }
        }
        b.append("distanceUnknown,").append(r.stats.count(DistanceBand.UNKNOWN)).append('\n');
        b.append("distinctRates,").append(r.rates.size()).append('\n');
        for (DistanceBand band : DistanceBand.values()) {
            b.append("band.").append(band).append(',').append(r.stats.count(band)).append('\n');
        }
        return b.toString();
    }

    static String json(Result r) {
        StringBuilder b = new StringBuilder("{\"rows\":").append(r.rows).append(",\"rejected\":").append(r.rejected)
                .append(",\"byType\":{");
        boolean first = true;
        for (Discount.Kind k : Discount.Kind.values()) {
            if (r.stats.count(k) > 0) {
                b.append(first ? "" : ",").append('"').append(k).append("\":").append(r.stats.count(k));
                first = false;
            }
        }
        b.append("},\"distanceUnknown\":").append(r.stats.count(DistanceBand.UNKNOWN))
                .append(",\"distinctRates\":").append(r.rates.size()).append(",\"byDistanceBand\":{");
        first = true;
        for (DistanceBand band : DistanceBand.values()) {
            b.append(first ? "" : ",").append('"').append(band).append("\":").append(r.stats.count(band));
            first = false;
        }
        b.append("},\"errors\":[");
        for (int i = 0; i < r.errors.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.quote(r.errors.get(i)));
        }
        return b.append("]}\n").toString();
    }
}
