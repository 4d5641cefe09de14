package dev.o2o.examples.cli;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.io.OrderFact;
import dev.o2o.core.io.OrderFactsReader;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.ErrorPolicy;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.IngestException;
import dev.o2o.core.io.IngestOptions;
import dev.o2o.core.io.IngestReport;
import dev.o2o.testkit.data.SyntheticChannels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** Reads an orders file (NDJSON or CSV by extension) with a line-level error report. Not thread-safe. */
final class OrdersInput {
    private OrdersInput() {
    }

    static DataFormat formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".json")) {
            return DataFormat.NDJSON;
        }
        if (n.endsWith(".csv")) {
            return DataFormat.CSV;
        }
        throw new BadInputException("cannot tell the format of " + file
                + " from its name: use .ndjson, .jsonl or .csv");
    }

    /**
     * The channels known to the readers: those of the synthetic data plus {@code extra} (ids of
     * online channels, or {@code id:offline}).
     */
    static ChannelRegistry channels(List<String> extra) {
        ChannelRegistry registry = SyntheticChannels.registry();
        for (String e : extra) {
            String[] p = e.split(":", 2);
            boolean offline = p.length == 2 && p[1].equalsIgnoreCase("offline");
            if (p.length == 2 && !offline && !p[1].equalsIgnoreCase("online")) {
                throw new BadInputException("--channel " + e + ": expected ID, ID:online or ID:offline");
            }
            try {
                registry.register(offline ? Channel.offline(p[0]) : Channel.online(p[0]));
            } catch (IllegalArgumentException ex) {
                throw new BadInputException("--channel " + e + ": " + ex.getMessage());
            }
        }
        return registry;
    }

    /** What {@link #read} read: the report and the customers' keys by their numbers in the facts. */
    record Facts(IngestReport report, IntFunction<String> customerKeys) {
    }

    /** Streams the facts of every valid order to {@code sink}; reports rejected lines on {@code err}. */
    static Facts read(Path file, ChannelRegistry channels, ZoneId zone, Consumer<OrderFact> sink, PrintWriter err) {
        IngestOptions options = IngestOptions.defaults(channels).withPolicy(ErrorPolicy.COLLECT).withZone(zone)
                .withMaxErrorsKept(100);
        IngestReport report;
        // NDJSON is parsed on every core; records still come in file order with the same lines and errors
        int threads = Runtime.getRuntime().availableProcessors();
        OrderFactsReader facts;
        try (OrderFactsReader r = Ingest.orderFacts(formatOf(file), file, options, threads)) {
            facts = r;
            long n = 0;
            while (true) {
                OrderFact o;
                try {
                    if (!r.hasNext()) {
                        break;
                    }
                    o = r.next();
                } catch (IngestException e) {
                    throw e; // names file, line and field already
                } catch (RuntimeException e) {
                    throw unreadable(file, r.report(), e);
                } catch (OutOfMemoryError e) {
                    // a number like 1E+2147483647 makes BigDecimal refuse (JDK 21+: "too large to fit in a
                    // String") or exhaust the heap while one record is read: the input's doing, not ours
                    throw unreadable(file, r.report(), e);
                }
                try {
                    sink.accept(o);
                } catch (Refused e) {
                    throw new BadInputException(file.getFileName() + ": " + where(file, r.report().total()) + ": "
                            + e.getMessage(), e);
                }
                if (++n % 200_000 == 0) {
                    err.println("read " + n + " orders");
                    err.flush();
                }
            }
            report = r.report();
        }
        if (report.rejected() > 0) {
            err.println("rejected " + report.rejected() + " of " + report.total() + " order records; first: "
                    + Messages.safe(report.errors().get(0)));
        }
        if (report.accepted() == 0) {
            throw new BadInputException(file + ": no valid order"
                    + (report.errors().isEmpty() ? "" : "; first error: " + Messages.safe(report.errors().get(0))));
        }
        return new Facts(report, facts::customerKey);
    }

    /** Thrown by a sink that refuses an order the reader accepted; {@link #read} adds the file and record. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static String where(Path file, long record) {
        // the reader does not expose its line; one record a line (plus the CSV header) is the usual case
        long line = formatOf(file) == DataFormat.CSV ? record + 1 : record;
        return "record " + record + " (about line " + line + ")";
    }

    /**
     * A failure that escaped the reader on a hostile value (for example an exponent too large to
     * build a number from) is bad input, not a bug of ours: it names the file and the record, and
     * its approximate line (the record after the last one the reader counted).
     */
    static BadInputException unreadable(Path file, IngestReport soFar, Throwable e) {
        return new BadInputException(file.getFileName() + ": " + where(file, soFar.total() + 1) + ": cannot be read: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
}
