package dev.o2o.core.io;

/** The file formats o2o reads and writes. Immutable and thread-safe. */
public enum DataFormat {
    /** Newline-delimited JSON: one object per line, UTF-8. */
    NDJSON,
    /** RFC 4180 CSV with a header row, in the dialect of a {@link CsvFormat}. */
    CSV
}
