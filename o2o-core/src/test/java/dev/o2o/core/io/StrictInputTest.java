package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 23, the ingestion bullets: strict dates, duplicate orders in one read, unknown order columns. */
class StrictInputTest {

    static final IngestOptions COLLECT = IngestTest.COLLECT.withZone(ZoneOffset.ofHours(8));

    private static <T> List<T> readAll(RecordReader<T> r) {
        List<T> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    private static RecordReader<Touchpoint> touchpoint(String instant) {
        return Ingest.touchpoints(DataFormat.CSV, new StringReader(IngestTest.TP_HEAD + "c1,app," + instant + ",CLICK,,\n"),
                "in", COLLECT);
    }

    // the space-separated form used to move 2026-02-30 to 2026-02-28 and 24:00 to the next day
    @Test
    void impossibleDatesAndHoursAreRejectedInEveryForm() {
        for (String bad : new String[] {"2026-02-30 12:20:00", "2026-02-28 24:00:00", "2026-02-28 24:00",
                "2026-02-30T12:20:00", "2026-02-30T12:20:00Z", "2026-02-28T24:00:00+08:00", "2025-02-29 10:00",
                "2026-02-28 12:60:00", "2026-02-28 12:20:60"}) {
            RecordReader<Touchpoint> r = touchpoint(bad);
            assertEquals(List.of(), readAll(r), bad);
            assertEquals("in:2: instant: is not an ISO-8601 date-time: '" + bad + "'", r.report().errors().get(0).toString());
        }
    }

    @Test
    void everyDocumentedFormIsRead() {
        String[][] cases = {
                {"2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"},
                {"2024-05-01T10:00Z", "2024-05-01T10:00:00Z"},
                {"2024-05-01T10:00:00.123+08:00", "2024-05-01T02:00:00.123Z"},
                {"2024-05-01T10:00", "2024-05-01T02:00:00Z"},
                {"2024-05-01T10:00:00.5", "2024-05-01T02:00:00.500Z"},
                {"2024-05-01 10:00", "2024-05-01T02:00:00Z"},
                {"2024-05-01 10:00:30", "2024-05-01T02:00:30Z"},
                {"2024-02-29 23:59:59", "2024-02-29T15:59:59Z"}};
        for (String[] c : cases) {
            assertEquals(Instant.parse(c[1]), readAll(touchpoint(c[0])).get(0).instant(), c[0]);
        }
    }

    // the same order id on two non-consecutive rows used to be accepted twice (revenue counted twice)
    @Test
    void anOrderIdReadTwiceIsRejectedWithBothLines() {
        String csv = IngestTest.ORDER_HEAD + HostileInputTest.csvOrder("o1", "1", "1.00")
                + HostileInputTest.csvOrder("o1", "2", "1.00") // consecutive: a second line of o1
                + HostileInputTest.csvOrder("o2", "1", "1.00")
                + HostileInputTest.csvOrder("o1", "1", "9.00");
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, new StringReader(csv), "o.csv", COLLECT);
        List<Order> orders = readAll(r);
        assertEquals(List.of("o1", "o2"), orders.stream().map(Order::id).toList());
        assertEquals(3, orders.get(0).units());
        assertEquals("o.csv:5: id: 'o1' was already read at line 2", r.report().errors().get(0).toString());
        String json = HostileInputTest.ndjsonOrder("o1", "1", "1") + HostileInputTest.ndjsonOrder("o2", "1", "1")
                + HostileInputTest.ndjsonOrder("o1", "1", "1");
        RecordReader<Order> j = Ingest.orders(DataFormat.NDJSON, new StringReader(json), "o.ndjson", COLLECT);
        assertEquals(2, readAll(j).size());
        assertEquals("o.ndjson:3: id: 'o1' was already read at line 1", j.report().errors().get(0).toString());
    }

    // an unknown column used to fail the whole order file, even under COLLECT
    @Test
    void unknownOrderColumnsAreIgnoredUnlessRefused() {
        String csv = IngestTest.ORDER_HEAD.trim() + ",colour\n"
                + HostileInputTest.csvOrder("o1", "1", "1.00").trim() + ",red\n";
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, new StringReader(csv), "o.csv",
                IngestOptions.defaults(IngestTest.CHANNELS));
        assertEquals(List.of("o1"), readAll(r).stream().map(Order::id).toList());
        assertEquals(true, r.report().isClean());
    }
}
