package dev.o2o.core.io;

import dev.o2o.core.Order;
import java.nio.charset.StandardCharsets;

/**
 * The {@link OrderFact facts} of the orders of any order reader, customers numbered as they
 * first appear: for inputs without a faster path (CSV). Not thread-safe.
 */
final class OrderFactsOfOrders implements OrderFactsReader {

    private final RecordReader<Order> orders;
    private final ByteKeys customers = new ByteKeys();

    OrderFactsOfOrders(RecordReader<Order> orders) {
        this.orders = orders;
    }

    @Override
    public boolean hasNext() {
        return orders.hasNext();
    }

    @Override
    public OrderFact next() {
        Order o = orders.next();
        byte[] key = o.customer().value().getBytes(StandardCharsets.UTF_8);
        int customer = customers.add(key, 0, key.length, customers.hash(key, 0, key.length), 0);
        // below 10^12 in absolute value at the currency's scale: a long
        return new OrderFact(customer < 0 ? -(customer + 1) : customer, o.instant(), o.status(),
                o.netTotal().amount().unscaledValue().longValueExact(), o.currency());
    }

    @Override
    public IngestReport report() {
        return orders.report();
    }

    @Override
    public int customers() {
        return customers.size();
    }

    @Override
    public String customerKey(int number) {
        return customers.key(number);
    }

    @Override
    public void close() {
        orders.close();
    }
}
