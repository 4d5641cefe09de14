package dev.o2o.core.io;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one reader of the Tianchi O2O offline coupon files (the "O2O coupon usage prediction"
 * contest): header check, column positions, the {@code null} token, line numbers and one set of
 * error messages. Modules map its {@link Row}s to their own types (loyalty to coupon receipts,
 * predict to propensity examples); the row format and its rules live only here.
 *
 * <h2>Shapes</h2>
 * Two headers are accepted, compared cell by cell after stripping white space (a byte order mark
 * is skipped): the receipt file {@code User_id,Merchant_id,Coupon_id,Discount_rate,Distance,
 * Date_received} (the contest's test file: coupon rows only) and the training file, the same plus
 * {@code Date}, the purchase date, where a row without coupon is a plain purchase. CSV quoting and
 * LF, CRLF or CR line ends are core's {@link CsvRecords}. Blank lines are not rows.
 *
 * <h2>One rule per field</h2>
 * Decided from the data set's published description and checked against the real test file
 * (113,640 rows; every rule below accepts every row of it). Where the two former readers
 * disagreed and the stricter rule refuses no real row, the stricter rule was kept.
 * <ul>
 *   <li>Every cell is taken as written: a cell with leading or trailing white space is refused
 *       (nothing is silently trimmed; the real file has none). The literal {@code null} is the
 *       only missing value; an empty cell is refused (the data set writes {@code null}).</li>
 *   <li>{@code User_id}, {@code Merchant_id}, {@code Coupon_id}: a non-negative decimal integer
 *       of 1 to 18 digits (the published ids are integers; so is every id of the real file),
 *       kept as text. {@code User_id} and {@code Merchant_id} are required; {@code Coupon_id} is
 *       {@code null} only on a purchase row of the training shape.</li>
 *   <li>{@code Discount_rate}: see {@link DiscountRate#parse}: {@code x:y} (spend x yuan, save
 *       y, with 0 &lt; y &lt; x, at most two fraction digits) or a share paid strictly between 0
 *       and 1. A rate of {@code 1} and a saving of 0 ({@code x:0}) are refused: they are no
 *       discount, and the real file has neither. {@code fixed} (the online file) is refused.
 *       Present exactly when the coupon is.</li>
 *   <li>{@code Distance}: an integer 0 (under 500 m) to 10 (over 5 km) in 500 m units, or
 *       {@code null} (unknown; 10.6% of the real rows).</li>
 *   <li>{@code Date_received}, {@code Date}: {@code yyyymmdd}, a real calendar date.
 *       {@code Date_received} is present exactly when the coupon is; a purchase row must have a
 *       {@code Date}; a {@code Date} before {@code Date_received} is refused.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A bad header or row throws an {@link IngestException} whose {@link RecordError} names the
 * source, the line, the column and the reason quoting the value, for example
 * {@code t.csv:3: Distance: '11' is outside 0..10}. The bad row is consumed first, so a caller
 * that wants to count bad rows catches the exception and goes on with {@link #hasNext()}.
 * Nothing is skipped or corrected.
 *
 * <p>Not thread-safe: one reader serves one thread. Close it to close the input.
 */
public final class TianchiCsv implements Iterator<TianchiCsv.Row>, AutoCloseable {

    /** The columns of the receipt file (the contest's test file). */
    public static final List<String> RECEIPT_COLUMNS = List.of("User_id", "Merchant_id", "Coupon_id", "Discount_rate",
            "Distance", "Date_received");

    /** The columns of the training file: the receipt columns and the purchase {@code Date}. */
    public static final List<String> TRAINING_COLUMNS = List.of("User_id", "Merchant_id", "Coupon_id", "Discount_rate",
            "Distance", "Date_received", "Date");

    private static final int MAX_ID_DIGITS = 18;
    private static final String NULL = "null";

    /**
     * One row of a Tianchi file, checked: a coupon received by a customer at a merchant, or (in
     * the training shape) a plain purchase without coupon.
     *
     * @param line         the 1-based line where the row starts
     * @param userId       User_id, digits
     * @param merchantId   Merchant_id, digits
     * @param couponId     Coupon_id, digits; empty on a purchase row
     * @param discountRate Discount_rate; present exactly when the coupon is
     * @param distance     Distance in 500 m units, 0..10; empty for {@code null}
     * @param dateReceived Date_received; present exactly when the coupon is
     * @param date         Date, the purchase date; empty in the receipt shape and for {@code null}
     */
    public record Row(long line, String userId, String merchantId, Optional<String> couponId,
                      Optional<DiscountRate> discountRate, OptionalInt distance, Optional<LocalDate> dateReceived,
                      Optional<LocalDate> date) {
        /** Checks the invariants the reader guarantees (with column-naming messages of its own). */
        public Row {
            if (line < 1) {
                throw new IllegalArgumentException("line must be >= 1: " + line);
            }
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(couponId, "couponId");
            Objects.requireNonNull(discountRate, "discountRate");
            Objects.requireNonNull(distance, "distance");
            Objects.requireNonNull(dateReceived, "dateReceived");
            Objects.requireNonNull(date, "date");
            if (couponId.isPresent() != discountRate.isPresent() || couponId.isPresent() != dateReceived.isPresent()) {
                throw new IllegalArgumentException("line " + line
                        + ": Coupon_id, Discount_rate and Date_received are present together or not at all");
            }
            if (distance.isPresent() && (distance.getAsInt() < 0 || distance.getAsInt() > 10)) {
                throw new IllegalArgumentException("line " + line + ": Distance must be within 0..10: "
                        + distance.getAsInt());
            }
        }

        /** Whether this row is a coupon receipt, not a plain purchase. */
        public boolean isCoupon() {
            return couponId.isPresent();
        }
    }

    /**
     * A Discount_rate value: {@link Threshold} ({@code 150:20}, spend 150 yuan save 20) or
     * {@link Rate} ({@code 0.9}, pay 90%). Immutable and thread-safe.
     */
    public sealed interface DiscountRate {
        /** The most fraction digits of a threshold amount: yuan to the fen. */
        int AMOUNT_SCALE = 2;
        /** The most fraction digits of a rate. */
        int RATE_SCALE = 9;
        /** The most digits before the point of any number in the notation. */
        int MAX_INTEGER_DIGITS = 12;

        /** The notation as written. */
        String notation();

        /**
         * Spend {@code spend} yuan, save {@code save}.
         *
         * @param notation as written
         * @param spend    the threshold, positive
         * @param save     the saving, positive and below {@code spend}
         */
        record Threshold(String notation, BigDecimal spend, BigDecimal save) implements DiscountRate {
            /** Checks 0 &lt; save &lt; spend and the scales. */
            public Threshold {
                Objects.requireNonNull(notation, "notation");
                Objects.requireNonNull(spend, "spend");
                Objects.requireNonNull(save, "save");
                if (spend.signum() <= 0 || save.signum() <= 0) {
                    throw new IllegalArgumentException("discount notation '" + notation
                            + "': spend and save must be positive");
                }
                if (save.compareTo(spend) >= 0) {
                    throw new IllegalArgumentException("discount notation '" + notation + "': save "
                            + save.toPlainString() + " must be less than spend " + spend.toPlainString());
                }
                if (spend.stripTrailingZeros().scale() > AMOUNT_SCALE || save.stripTrailingZeros().scale() > AMOUNT_SCALE) {
                    throw new IllegalArgumentException("discount notation '" + notation + "' has more than "
                            + AMOUNT_SCALE + " fraction digits (yuan to the fen)");
                }
            }
        }

        /**
         * Pay the share {@code paid} of the price.
         *
         * @param notation as written
         * @param paid     strictly between 0 and 1
         */
        record Rate(String notation, BigDecimal paid) implements DiscountRate {
            /** Checks 0 &lt; paid &lt; 1 and the scale. */
            public Rate {
                Objects.requireNonNull(notation, "notation");
                Objects.requireNonNull(paid, "paid");
                if (paid.signum() <= 0 || paid.compareTo(BigDecimal.ONE) >= 0) {
                    throw new IllegalArgumentException("discount notation '" + notation
                            + "': a rate must be strictly between 0 and 1 (share paid)");
                }
                if (paid.stripTrailingZeros().scale() > RATE_SCALE) {
                    throw new IllegalArgumentException("discount notation '" + notation + "' has more than "
                            + RATE_SCALE + " fraction digits");
                }
            }
        }

        /**
         * Parses the notation exactly as written (no white space): {@code x:y} with plain decimal
         * numbers, 0 &lt; y &lt; x, at most {@value #AMOUNT_SCALE} fraction digits; or a plain
         * decimal share paid strictly between 0 and 1. The published description allows a rate
         * in [0, 1]; 0 (free) and 1 (no discount) are refused as no coupon, and the real file has
         * neither.
         *
         * @throws IllegalArgumentException with the reason, for example for {@code "150:20:00"},
         *                                  {@code "20:30"}, {@code "20:0"}, {@code "1"}, {@code "fixed"} or {@code ""}
         */
        static DiscountRate parse(String notation) {
            Objects.requireNonNull(notation, "notation");
            if (notation.isEmpty()) {
                throw new IllegalArgumentException("discount notation is empty");
            }
            int colon = notation.indexOf(':');
            if (colon < 0) {
                return new Rate(notation, decimal(notation, "rate", notation));
            }
            if (notation.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("discount notation '" + notation
                        + "' has more than one ':'; expected spend:save such as 150:20");
            }
            return new Threshold(notation, decimal(notation.substring(0, colon), "spend", notation),
                    decimal(notation.substring(colon + 1), "save", notation));
        }

        private static BigDecimal decimal(String part, String what, String notation) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("discount notation '" + notation + "': " + what + " is missing");
            }
            int dot = part.indexOf('.');
            boolean plain = (dot < 0 ? part.length() : dot) <= MAX_INTEGER_DIGITS && part.length() <= 40
                    && part.indexOf('.', dot + 1) < 0 && !part.equals(".");
            for (int i = 0; plain && i < part.length(); i++) {
                char c = part.charAt(i);
                plain = (c >= '0' && c <= '9') || c == '.';
            }
            if (!plain) {
                throw new IllegalArgumentException("discount notation '" + notation + "': " + what + " '" + part
                        + "' is not a plain decimal number (digits and one '.', at most " + MAX_INTEGER_DIGITS
                        + " before it)");
            }
            return new BigDecimal(part);
        }
    }

    private final CsvRecords csv;
    private final String source;
    private final boolean training;
    private CsvRecords.Row pending;

    private TianchiCsv(Reader in, String source) {
        this.source = Objects.requireNonNull(source, "source");
        this.csv = CsvRecords.open(Objects.requireNonNull(in, "in"), source, CsvFormat.defaults());
        CsvRecords.Row head = csv.header();
        List<String> names = head.fields().stream().map(String::strip).toList();
        if (!names.equals(RECEIPT_COLUMNS) && !names.equals(TRAINING_COLUMNS)) {
            throw new IngestException(new RecordError(source, head.line(), "header", "expected header "
                    + String.join(",", RECEIPT_COLUMNS) + " (and optionally ,Date), got '"
                    + String.join(",", head.fields()) + "'"));
        }
        this.training = names.size() == TRAINING_COLUMNS.size();
    }

    /**
     * Opens a reader and checks the header.
     *
     * @throws IngestException if the input is empty or the header is neither shape
     */
    public static TianchiCsv open(Reader in, String source) {
        return new TianchiCsv(in, source);
    }

    /** Whether the file has the training shape (the {@code Date} column and purchase rows). */
    public boolean hasPurchaseDates() {
        return training;
    }

    /** The name of the input in error messages. */
    public String source() {
        return source;
    }

    /**
     * Whether another row follows (blank lines skipped).
     *
     * @throws IngestException if the next record is malformed CSV (it is consumed; call again to go on)
     */
    @Override
    public boolean hasNext() {
        while (pending == null && csv.hasNext()) {
            CsvRecords.Row r = csv.next();
            if (!r.isBlank()) {
                pending = r;
            }
        }
        return pending != null;
    }

    /**
     * The next row, checked.
     *
     * @throws IngestException naming the line, column and value of the first bad cell (the row is
     *                         consumed; call {@link #hasNext()} to go on)
     */
    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + source);
        }
        CsvRecords.Row r = pending;
        pending = null;
        return lex(r);
    }

    private Row lex(CsvRecords.Row r) {
        List<String> f = r.fields();
        long line = r.line();
        int width = training ? TRAINING_COLUMNS.size() : RECEIPT_COLUMNS.size();
        if (f.size() != width) {
            throw error(line, "record", "has " + f.size() + " fields, the header has " + width);
        }
        for (int i = 0; i < width; i++) {
            String cell = f.get(i);
            if (cell.isEmpty()) {
                throw error(line, TRAINING_COLUMNS.get(i), "'' is empty; a missing value is written null");
            }
            if (!cell.strip().equals(cell)) {
                throw error(line, TRAINING_COLUMNS.get(i), "'" + cell + "' has leading or trailing white space");
            }
        }
        String user = id(f.get(0), line, "User_id").orElseThrow(() -> error(line, "User_id", "'null': the id is required"));
        String merchant = id(f.get(1), line, "Merchant_id")
                .orElseThrow(() -> error(line, "Merchant_id", "'null': the id is required"));
        Optional<String> coupon = id(f.get(2), line, "Coupon_id");
        Optional<DiscountRate> discount = Optional.empty();
        if (!f.get(3).equals(NULL)) {
            try {
                discount = Optional.of(DiscountRate.parse(f.get(3)));
            } catch (IllegalArgumentException e) {
                throw error(line, "Discount_rate", e.getMessage());
            }
        }
        OptionalInt distance = distance(f.get(4), line);
        Optional<LocalDate> received = date(f.get(5), line, "Date_received");
        Optional<LocalDate> used = training ? date(f.get(6), line, "Date") : Optional.empty();
        if (coupon.isPresent()) {
            if (discount.isEmpty()) {
                throw error(line, "Discount_rate", "'null': a coupon row needs its discount");
            }
            if (received.isEmpty()) {
                throw error(line, "Date_received", "'null': a coupon row needs its received date");
            }
        } else {
            if (!training) {
                throw error(line, "Coupon_id", "'null': the receipt file holds coupon rows only "
                        + "(purchase rows need the Date column)");
            }
            if (discount.isPresent()) {
                throw error(line, "Discount_rate", "'" + f.get(3) + "' on a row without coupon (Coupon_id null)");
            }
            if (received.isPresent()) {
                throw error(line, "Date_received", "'" + f.get(5) + "' on a row without coupon (Coupon_id null)");
            }
            if (used.isEmpty()) {
                throw error(line, "Date", "'null': a row without coupon is a purchase and needs its date");
            }
        }
        if (received.isPresent() && used.isPresent() && used.get().isBefore(received.get())) {
            throw error(line, "Date", "'" + f.get(6) + "' is before Date_received " + f.get(5));
        }
        return new Row(line, user, merchant, coupon, discount, distance, received, used);
    }

    private Optional<String> id(String cell, long line, String column) {
        if (cell.equals(NULL)) {
            return Optional.empty();
        }
        if (!digits(cell, MAX_ID_DIGITS)) {
            throw error(line, column, "'" + cell + "' is not an id (a non-negative integer of 1 to "
                    + MAX_ID_DIGITS + " digits)");
        }
        return Optional.of(cell);
    }

    private OptionalInt distance(String cell, long line) {
        if (cell.equals(NULL)) {
            return OptionalInt.empty();
        }
        if (!digits(cell, 9)) {
            throw error(line, "Distance", "'" + cell + "' is not an integer 0..10 or null");
        }
        int d = Integer.parseInt(cell);
        if (d > 10) {
            throw error(line, "Distance", "'" + cell + "' is outside 0..10");
        }
        return OptionalInt.of(d);
    }

    private Optional<LocalDate> date(String cell, long line, String column) {
        if (cell.equals(NULL)) {
            return Optional.empty();
        }
        if (cell.length() == 8 && digits(cell, 8)) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(cell.substring(0, 4)),
                        Integer.parseInt(cell.substring(4, 6)), Integer.parseInt(cell.substring(6, 8))));
            } catch (DateTimeException e) {
                // not a calendar date: reported below
            }
        }
        throw error(line, column, "'" + cell + "' is not a yyyymmdd date");
    }

    private static boolean digits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private IngestException error(long line, String column, String reason) {
        return new IngestException(new RecordError(source, line, column, reason));
    }

    @Override
    public void close() {
        csv.close();
    }
}
