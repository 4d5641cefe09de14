package dev.o2o.core.io;

import java.io.UncheckedIOException;
import dev.o2o.core.internal.Messages;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/** Applies the error policy and keeps the counts; subclasses read and map one record at a time. */
abstract class AbstractRecordReader<T> implements RecordReader<T> {

    /** A record that was read: its line and either a value or the error that rejected it. */
    static final class Read<T> {
        final long line;
        final T value;
        final BadRecord error;

        Read(long line, T value, BadRecord error) {
            this.line = line;
            this.value = value;
            this.error = error;
        }
    }

    private final String source;
    private final IngestOptions options;
    private final List<RecordError> errors = new ArrayList<>();
    private long lastLine;
    private long accepted;
    private long rejected;
    private T next;
    private boolean done;
    private Function<T, String> uniqueKey;
    private String uniqueField;
    private final FirstLines firstLineOf = new FirstLines();

    AbstractRecordReader(String source, IngestOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Rejects a record whose key ({@code field}) was seen in an earlier record of this read,
     * naming both lines. The keys seen are kept, so memory grows with the number of records
     * (about 30 bytes each plus two per character of the key; see {@link FirstLines}).
     */
    final void requireUnique(String field, Function<T, String> key) {
        this.uniqueField = field;
        this.uniqueKey = key;
    }

    /** A hint that about {@code records} records are coming in all, so that the unique-key table is sized once. */
    final void expectRecords(long records) {
        firstLineOf.expect(records);
    }

    /** The next record, or null at the end of input. */
    abstract Read<T> readRecord();

    final String source() {
        return source;
    }

    @Override
    public final boolean hasNext() {
        while (next == null && !done) {
            Read<T> r;
            try {
                r = readRecord();
            } catch (UncheckedIOException e) {
                done = true;
                throw new IngestException(new RecordError(source, lastLine + 1, "input",
                        "cannot be read after line " + lastLine + ": " + Messages.io(e.getCause())), e);
            } catch (IngestException e) {
                // the rest of the input cannot be read (see CsvReader); the record at fault is counted
                done = true;
                rejected++;
                errors.add(e.error());
                throw e;
            }
            if (r != null) {
                lastLine = r.line;
                if (r.error == null && uniqueKey != null) {
                    String key = uniqueKey.apply(r.value);
                    long first = firstLineOf.putIfAbsent(key, r.line);
                    if (first >= 0) {
                        r = new Read<>(r.line, null, new BadRecord(uniqueField, Messages.quote(key)
                                + " was already read at line " + first));
                    }
                }
            }
            if (r == null) {
                done = true;
            } else if (r.error != null) {
                rejected++;
                RecordError error = new RecordError(source, r.line, r.error.field, r.error.getMessage());
                if (options.policy() == ErrorPolicy.FAIL_FAST) {
                    errors.add(error);
                    done = true;
                    throw new IngestException(error);
                }
                if (errors.size() < options.maxErrorsKept()) {
                    errors.add(error);
                }
            } else {
                accepted++;
                next = r.value;
            }
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T value = next;
        next = null;
        return value;
    }

    @Override
    public final IngestReport report() {
        return new IngestReport(source, accepted, rejected, errors, rejected > errors.size());
    }
}
