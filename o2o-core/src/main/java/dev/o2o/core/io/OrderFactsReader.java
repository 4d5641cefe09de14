package dev.o2o.core.io;

/**
 * A reader of the {@link OrderFact facts} of a file's accepted orders, from
 * {@link Ingest#orderFacts}: the same records, errors, lines and report as
 * {@link Ingest#orders(DataFormat, java.nio.file.Path, IngestOptions)}, with customers numbered
 * instead of keyed per order.
 *
 * <p>Not thread-safe.
 */
public interface OrderFactsReader extends RecordReader<OrderFact> {

    /** How many customers were numbered so far. */
    int customers();

    /**
     * The key of customer {@code number} ({@link dev.o2o.core.CustomerKey#value()}).
     *
     * @throws IndexOutOfBoundsException if no customer has that number yet
     */
    String customerKey(int number);
}
