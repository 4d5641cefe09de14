package dev.o2o.core.io;

import dev.o2o.core.Order;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAllTest {

    /** A reader that remembers being closed. */
    static final class Tracked extends StringReader {
        boolean closed;

        Tracked(String s) {
            super(s);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    @Test
    void readsEverythingInOrderReportsTheBadAndCloses() {
        Tracked in = new Tracked(IngestTest.ORDER_HEAD + HostileInputTest.csvOrder("o1", "1", "10.00")
                + HostileInputTest.csvOrder("o2", "x", "10.00") + HostileInputTest.csvOrder("o3", "2", "5.50"));
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, in, "orders.csv", IngestTest.COLLECT);
        List<Order> orders = r.readAll();
        assertEquals(List.of("o1", "o3"), orders.stream().map(Order::id).toList());
        assertEquals(1, r.report().rejected());
        assertEquals(3, r.report().errors().get(0).line());
        assertTrue(in.closed);
    }

    @Test
    void failFastThrowsAndStillCloses() {
        Tracked in = new Tracked(IngestTest.ORDER_HEAD + HostileInputTest.csvOrder("o1", "1", "10.00")
                + HostileInputTest.csvOrder("o2", "x", "10.00"));
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, in, "orders.csv",
                IngestTest.COLLECT.withPolicy(ErrorPolicy.FAIL_FAST));
        IngestException e = assertThrows(IngestException.class, r::readAll);
        assertTrue(e.getMessage().contains("orders.csv:3"), e.getMessage());
        assertTrue(in.closed);
    }
}
