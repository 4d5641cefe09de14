package dev.o2o.examples.cli;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.Order;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.ErrorPolicy;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.IngestOptions;
import dev.o2o.core.io.IngestReport;
import dev.o2o.core.io.RecordReader;
import dev.o2o.testkit.data.SyntheticChannels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

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

    /** Streams every valid order to {@code sink}; reports rejected lines on {@code err}. */
    static IngestReport read(Path file, ChannelRegistry channels, ZoneId zone, Consumer<Order> sink, PrintWriter err) {
        IngestOptions options = IngestOptions.defaults(channels).withPolicy(ErrorPolicy.COLLECT).withZone(zone)
                .withMaxErrorsKept(100);
        IngestReport report;
        try (RecordReader<Order> r = Ingest.orders(formatOf(file), file, options)) {
            long n = 0;
            while (r.hasNext()) {
                sink.accept(r.next());
                if (++n % 200_000 == 0) {
                    err.println("read " + n + " orders");
                    err.flush();
                }
            }
            report = r.report();
        }
        if (report.rejected() > 0) {
            err.println("rejected " + report.rejected() + " of " + report.total() + " order records; first: "
                    + report.errors().get(0));
        }
        if (report.accepted() == 0) {
            throw new BadInputException(file + ": no valid order"
                    + (report.errors().isEmpty() ? "" : "; first error: " + report.errors().get(0)));
        }
        return report;
    }
}
