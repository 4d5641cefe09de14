package dev.o2o.examples.cli;

import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.tianchi.DistanceBand;
import dev.o2o.loyalty.tianchi.ReceiptStats;
import dev.o2o.loyalty.tianchi.TianchiData;
import dev.o2o.loyalty.tianchi.TianchiReceipt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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

    private static final String HEADER = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received";
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
     * Reads the file row by row; a bad row is counted as rejected (with its reason) instead of
     * stopping the run, so that one typo does not hide a whole file.
     */
    static Result summarize(Path file, java.util.function.Consumer<String> progress) {
        Result r = new Result();
        String name = file.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
                throw new BadInputException("--tianchi " + file + ": line 1: expected header " + HEADER
                        + ", got '" + (header == null ? "" : header.strip()) + "'");
            }
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                r.rows++;
                String row = line;
                try {
                    // one row at a time through the library parser, so each bad row is isolated
                    TianchiData.read(new BufferedReader(new StringReader(HEADER + "\n" + row), row.length() + 80),
                            name, (TianchiReceipt t) -> {
                                r.stats.add(t);
                                r.rates.add(row.split(",", -1)[3]);
                            });
                } catch (IllegalArgumentException e) {
                    r.rejected++;
                    if (r.errors.size() < ERRORS_KEPT) {
                        r.errors.add(Messages.safe(name + ":" + lineNo + ": "
                                + e.getMessage().replaceFirst("^.*? line 2:? ?", "")));
                    }
                }
                if (r.rows % 50_000 == 0) {
                    progress.accept("read " + r.rows + " rows");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + dev.o2o.core.internal.Messages.io(e), e);
        }
        return r;
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
