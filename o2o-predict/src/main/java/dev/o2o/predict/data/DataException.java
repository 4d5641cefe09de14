package dev.o2o.predict.data;

/**
 * A bad cell or a bad file read into a {@link Frame}: the message names the source, the 1-based
 * line and the column. Immutable and thread-safe.
 */
public final class DataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String column;

    /** An error at a line and column of a source; {@code line} 0 and an empty column for file-level errors. */
    public DataException(String source, long line, String column, String message) {
        super(source + (line > 0 ? " line " + line : "") + (column.isEmpty() ? "" : ", column '" + column + "'")
                + ": " + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file or stream the error is in. */
    public String source() {
        return source;
    }

    /** The 1-based physical line, or 0 for an error about the whole file. */
    public long line() {
        return line;
    }

    /** The column, or empty. */
    public String column() {
        return column;
    }
}
