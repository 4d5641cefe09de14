package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Order;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.ErrorPolicy;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.IngestOptions;
import dev.o2o.core.io.RecordReader;
import dev.o2o.testkit.data.SyntheticChannels;
import dev.o2o.segmentation.rfm.CustomerRfm;
import dev.o2o.segmentation.rfm.RfmOptions;
import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmSummarizer;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.SegmentSummary;
import dev.o2o.segmentation.rfm.Segmentation;
import dev.o2o.segmentation.rfm.TiePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code o2o rfm} streams orders into per-customer columns; its output must be, byte for byte,
 * what the library's object path gives (every order in a list, {@link RfmSummarizer},
 * {@link RfmTable#of(List)}), the way the command computed it before.
 */
class RfmStreamingTest {

    @TempDir
    static Path tmp;

    static Path orders;

    @BeforeAll
    static void generate() {
        Cli c = Cli.run("generate", "--out", tmp.toString(), "--customers", "3000", "--seed", "11");
        assertEquals(0, c.exit, c.toString());
        orders = tmp.resolve("orders.ndjson");
    }

    /** The object path, as the command ran before it streamed. */
    private static String objectPath(LocalDate asOf, TiePolicy ties, SegmentMap map) {
        ZoneId zone = ZoneId.of("UTC");
        List<Order> all = new ArrayList<>();
        IngestOptions options = IngestOptions.defaults(SyntheticChannels.registry()).withPolicy(ErrorPolicy.COLLECT)
                .withZone(zone);
        try (RecordReader<Order> r = Ingest.orders(DataFormat.NDJSON, orders, options)) {
            r.forEachRemaining(all::add);
        }
        Instant first = all.stream().map(Order::instant).min(Instant::compareTo).orElseThrow();
        Instant last = all.stream().map(Order::instant).max(Instant::compareTo).orElseThrow();
        LocalDate day = asOf != null ? asOf : last.atZone(zone).toLocalDate().plusDays(1);
        List<CustomerRfm> customers = RfmSummarizer.summarize(all,
                RfmOptions.window(first, day.atStartOfDay(zone).toInstant(), zone));
        RfmTable table = RfmTable.of(customers);
        RfmScores scores = RfmScoring.defaults().withTies(ties).score(table);
        Segmentation seg = map.segment(scores);
        StringBuilder b = new StringBuilder("customer,recency_days,frequency,monetary,r,f,m,segment\n");
        for (int i = 0; i < customers.size(); i++) {
            CustomerRfm c = customers.get(i);
            b.append(Output.csv(c.customer().value())).append(',').append(c.recencyDays()).append(',')
                    .append(c.frequency()).append(',').append(c.monetary().amount().toPlainString()).append(',')
                    .append(scores.recency(i)).append(',').append(scores.frequency(i)).append(',')
                    .append(scores.monetary(i)).append(',').append(Output.csv(seg.segment(i))).append('\n');
        }
        b.append("--\n");
        for (SegmentSummary s : seg.summary(table)) {
            b.append(s).append('\n');
        }
        return b.toString();
    }

    private static String streamed(Path segments, String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("rfm", "--orders", orders.toString(), "--segments-out",
                segments.toString()));
        a.addAll(List.of(args));
        Cli c = Cli.run(a.toArray(String[]::new));
        assertEquals(0, c.exit, c.toString());
        StringBuilder b = new StringBuilder(c.out).append("--\n");
        // the summary CSV, compared with the records' own rendering through the parsed numbers
        List<String> rows = Files.readAllLines(segments);
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            b.append(new SegmentSummary(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]))).append('\n');
        }
        return b.toString();
    }

    @Test
    void sameOutputAsTheObjectPath() throws IOException {
        String expected = objectPath(null, TiePolicy.SAME_BIN, SegmentMap.standard());
        assertTrue(expected.lines().count() > 2000, "a real data set");
        assertEquals(expected, streamed(tmp.resolve("s1.csv")));
    }

    @Test
    void sameOutputWithAnAsOfDayInsideTheDataAndOtherTies() throws IOException {
        LocalDate asOf = LocalDate.parse("2026-07-01");
        assertEquals(objectPath(asOf, TiePolicy.FIRST_COME, SegmentMap.rfmPackage()),
                streamed(tmp.resolve("s2.csv"), "--as-of", "2026-07-01", "--ties", "first-come", "--segments",
                        "rfm-package"));
    }
}
