package dev.o2o.core.io;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streaming reader of values of type {@code T} from one input, one record at a time.
 *
 * <p>Iterate it (or {@link #stream()} it) once; bad records are handled by the
 * {@link ErrorPolicy} of its options and counted in {@link #report()}. Close it to close the
 * input.
 *
 * <p>Not thread-safe.
 *
 * @param <T> the value type, such as {@link dev.o2o.core.Touchpoint} or {@link dev.o2o.core.Order}
 */
public interface RecordReader<T> extends Iterator<T>, AutoCloseable {

    /** The counts and errors so far; complete once {@link #hasNext()} returned false. */
    IngestReport report();

    /** A sequential stream of the remaining values; closing it closes this reader. */
    default Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /**
     * Reads every remaining value into a list, in input order, and closes this reader (also when reading fails).
     * Under {@link ErrorPolicy#COLLECT} the bad records are in {@link #report()} afterwards; under
     * {@link ErrorPolicy#FAIL_FAST} the first one throws, as iterating does.
     */
    default List<T> readAll() {
        try (this) {
            List<T> values = new ArrayList<>();
            while (hasNext()) {
                values.add(next());
            }
            return values;
        }
    }

    @Override
    void close();
}
