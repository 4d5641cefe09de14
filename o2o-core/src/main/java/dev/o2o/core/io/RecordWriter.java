package dev.o2o.core.io;

/**
 * Writes values of type {@code T} to one output in a format that the matching
 * {@link RecordReader} reads back to equal values.
 *
 * <p>Not thread-safe.
 *
 * @param <T> the value type
 */
public interface RecordWriter<T> extends AutoCloseable {

    /** Writes one value. */
    void write(T value);

    /** Flushes and closes the output. */
    @Override
    void close();
}
