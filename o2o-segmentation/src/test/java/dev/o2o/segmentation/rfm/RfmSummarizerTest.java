package dev.o2o.segmentation.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RfmSummarizerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Channel APP = Channel.online("app");

    static Order order(String id, String customer, String instant, String price, OrderStatus status, String refunded) {
        return new Order(id, CustomerKey.of(customer), APP, Optional.empty(), Instant.parse(instant),
                List.of(new OrderLine("sku", "cat", 1, Money.of(price, "CNY"))), status, Money.of(refunded, "CNY"));
    }

    static final List<Order> ORDERS = List.of(
            order("1", "a", "2026-01-05T02:00:00Z", "100.00", OrderStatus.COMPLETED, "0"),
            order("2", "a", "2026-01-05T09:00:00Z", "50.00", OrderStatus.PARTIALLY_REFUNDED, "20.00"),
            order("3", "a", "2026-01-20T03:00:00Z", "30.00", OrderStatus.COMPLETED, "0"),
            order("4", "b", "2026-01-25T03:00:00Z", "80.00", OrderStatus.REFUNDED, "80.00"),
            order("5", "b", "2026-01-10T03:00:00Z", "10.00", OrderStatus.COMPLETED, "0"),
            order("6", "c", "2026-01-10T03:00:00Z", "10.00", OrderStatus.CANCELLED, "0"),
            order("7", "d", "2025-12-31T15:59:00Z", "10.00", OrderStatus.COMPLETED, "0"),
            order("8", "d", "2026-02-01T00:00:00Z", "99.00", OrderStatus.COMPLETED, "0"));

    static final RfmOptions WINDOW = RfmOptions.window(Instant.parse("2025-12-31T16:00:00Z"),
            Instant.parse("2026-01-31T16:00:00Z"), SHANGHAI);

    @Test
    void summarisesWithRefundsNettedAndWindow() {
        List<CustomerRfm> rfm = RfmSummarizer.summarize(ORDERS, WINDOW);
        // c has only a cancelled order, d only orders outside the window
        assertEquals(List.of("a", "b"), rfm.stream().map(c -> c.customer().value()).toList());
        CustomerRfm a = rfm.get(0);
        assertEquals(3, a.frequency());
        assertEquals(Money.of("160.00", "CNY"), a.monetary());
        // window ends 2026-02-01 00:00 Shanghai; last purchase 2026-01-20 Shanghai
        assertEquals(12, a.recencyDays());
        CustomerRfm b = rfm.get(1);
        assertEquals(1, b.frequency());
        assertEquals(Money.of("10.00", "CNY"), b.monetary());
    }

    @Test
    void optionsChangeWhatCounts() {
        CustomerRfm merged = RfmSummarizer.summarize(ORDERS, WINDOW.withMergeSameDay(true)).get(0);
        assertEquals(2, merged.frequency());
        CustomerRfm gross = RfmSummarizer.summarize(ORDERS, WINDOW.withNetRefunds(false)).get(0);
        assertEquals(Money.of("180.00", "CNY"), gross.monetary());
    }

    @Test
    void partitionsMergeToTheWhole() {
        RfmSummarizer left = new RfmSummarizer(WINDOW.withMergeSameDay(true));
        RfmSummarizer right = new RfmSummarizer(WINDOW.withMergeSameDay(true));
        for (int i = 0; i < ORDERS.size(); i++) {
            (i % 2 == 0 ? left : right).add(ORDERS.get(i));
        }
        assertEquals(RfmSummarizer.summarize(ORDERS, WINDOW.withMergeSameDay(true)), left.merge(right).result());
        assertThrows(IllegalArgumentException.class, () -> left.merge(new RfmSummarizer(WINDOW)));
        RfmTable t = RfmTable.of(left.result());
        assertEquals(CustomerKey.of("a"), t.key(0).orElseThrow());
        assertEquals(160.0, t.monetary()[0], 0);
    }

    /**
     * The same order given twice (a replayed file, a retried export) used to count as two purchases
     * and twice its spend; it is refused, naming the order, as reading an order file refuses an id
     * read before, in {@code add} and in {@code merge} (whose partitions must be disjoint).
     */
    @Test
    void anOrderGivenTwiceIsRefusedNotCountedTwice() {
        RfmSummarizer s = new RfmSummarizer(WINDOW).add(ORDERS.get(0)).add(ORDERS.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(ORDERS.get(0)));
        assertEquals("order '1' is given twice; an order counts once", e.getMessage());
        // the refused order changed nothing
        assertEquals(List.of(new CustomerRfm(CustomerKey.of("a"), 12, 2, Money.of("130.00", "CNY"))), s.result());
        RfmSummarizer other = new RfmSummarizer(WINDOW).add(ORDERS.get(1)).add(ORDERS.get(2));
        e = assertThrows(IllegalArgumentException.class, () -> s.merge(other));
        assertEquals("order '3' is given to both summarisers; an order counts once", e.getMessage());
        assertEquals(List.of(new CustomerRfm(CustomerKey.of("a"), 12, 2, Money.of("130.00", "CNY"))), s.result());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSummarizer.summarize(
                List.of(ORDERS.get(4), ORDERS.get(3), ORDERS.get(4)), WINDOW));
        assertEquals("order '5' is given twice; an order counts once", e.getMessage());
    }

    @Test
    void mixedCurrenciesAreRejected() {
        Order usd = new Order("9", CustomerKey.of("a"), APP, Optional.empty(), Instant.parse("2026-01-06T00:00:00Z"),
                List.of(new OrderLine("sku", "cat", 1, Money.of("1.00", "USD"))), OrderStatus.COMPLETED,
                Money.of("0", "USD"));
        RfmSummarizer s = new RfmSummarizer(WINDOW).add(ORDERS.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(usd));
        assertEquals(true, e.getMessage().contains("USD"));
        // the refused order changed nothing (it used to count as a purchase before the check)
        assertEquals(List.of(new CustomerRfm(CustomerKey.of("a"), 27, 1, Money.of("100.00", "CNY"))), s.result());
        assertThrows(IllegalArgumentException.class, () -> RfmOptions.window(Instant.EPOCH, Instant.EPOCH, SHANGHAI));
        List<CustomerRfm> mixed = List.of(new CustomerRfm(CustomerKey.of("a"), 1, 1, Money.of("1.00", "CNY")),
                new CustomerRfm(CustomerKey.of("b"), 1, 1, Money.of("1.00", "USD")));
        e = assertThrows(IllegalArgumentException.class, () -> RfmTable.of(mixed));
        assertTrue(e.getMessage().contains("USD"), e.getMessage());
    }
}
