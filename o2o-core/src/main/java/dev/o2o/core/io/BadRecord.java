package dev.o2o.core.io;

/** Internal signal that one record is bad; readers turn it into a {@link RecordError}. */
final class BadRecord extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String field;

    BadRecord(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }
}
