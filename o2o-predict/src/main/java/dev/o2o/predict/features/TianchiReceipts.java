package dev.o2o.predict.features;

import dev.o2o.core.internal.Messages;
import dev.o2o.core.io.CsvRecords;
import dev.o2o.predict.data.FrameCsv;
import dev.o2o.predict.data.DataException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the Tianchi O2O offline files: header {@code User_id,Merchant_id,Coupon_id,
 * Discount_rate,Distance,Date_received} and, in the training file, {@code Date}. The token
 * {@code null} is a missing value; dates are {@code yyyyMMdd}. A bad cell is refused with a
 * {@link DataException} naming line and column; nothing is skipped.
 *
 * <p>Stateless and thread-safe.
 */
public final class TianchiReceipts {
    private TianchiReceipts() {
    }

    static final List<String> COLUMNS = List.of("User_id", "Merchant_id", "Coupon_id", "Discount_rate", "Distance",
            "Date_received", "Date");

    /** Reads a file. */
    public static List<Receipt> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Messages.io(e), e);
        }
    }

    /** Reads from a reader; {@code source} names it in errors. */
    public static List<Receipt> read(Reader reader, String source) {
        CsvRecords p = FrameCsv.open(reader, source);
        CsvRecords.Row head = p.header();
        List<String> h = head.fields();
        if (!(h.equals(COLUMNS.subList(0, 6)) || h.equals(COLUMNS))) {
            throw new DataException(source, head.line(), "", "header must be " + COLUMNS
                    + " (Date optional), got " + h);
        }
        int width = h.size();
        List<Receipt> out = new ArrayList<>();
        while (FrameCsv.hasNext(p)) {
            CsvRecords.Row row = p.next();
            List<String> f = row.fields();
            if (f.size() == 1 && f.get(0).isEmpty()) {
                continue; // blank line
            }
            if (f.size() != width) {
                throw new DataException(source, row.line(), "", "has " + f.size() + " fields, the header has " + width);
            }
            long line = row.line();
            String user = id(f.get(0), source, line, "User_id");
            String merchant = id(f.get(1), source, line, "Merchant_id");
            Optional<String> coupon = nullable(f.get(2));
            Optional<String> discount = nullable(f.get(3));
            discount.ifPresent(d -> discountStrength(d, source, line));
            OptionalInt distance = OptionalInt.empty();
            if (nullable(f.get(4)).isPresent()) {
                try {
                    distance = OptionalInt.of(Integer.parseInt(f.get(4)));
                } catch (NumberFormatException e) {
                    throw new DataException(source, line, "Distance", "not an integer: '" + f.get(4) + "'");
                }
            }
            Optional<LocalDate> received = date(f.get(5), source, line, "Date_received");
            Optional<LocalDate> used = width == 7 ? date(f.get(6), source, line, "Date") : Optional.empty();
            try {
                out.add(new Receipt(line, user, merchant, coupon, discount, distance, received, used));
            } catch (IllegalArgumentException e) {
                throw new DataException(source, line, "", e.getMessage());
            }
        }
        return out;
    }

    private static Optional<String> nullable(String s) {
        String t = s.trim();
        return t.isEmpty() || t.equals("null") ? Optional.empty() : Optional.of(t);
    }

    private static String id(String s, String source, long line, String column) {
        return nullable(s).orElseThrow(() -> new DataException(source, line, column, "missing id"));
    }

    private static Optional<LocalDate> date(String s, String source, long line, String column) {
        Optional<String> v = nullable(s);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String d = v.get();
        try {
            if (d.length() != 8) {
                throw new NumberFormatException();
            }
            return Optional.of(LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6, 8))));
        } catch (NumberFormatException | DateTimeException e) {
            throw new DataException(source, line, column, "not a yyyyMMdd date: '" + d + "'");
        }
    }

    /**
     * The discount as a share of the price and the spending threshold: a rate {@code 0.9} is 0.1 off
     * with threshold 0; {@code 150:20} is 20/150 off with threshold 150; {@code fixed} (online
     * file only) is refused.
     */
    static double[] discountStrength(String raw, String source, long line) {
        try {
            int colon = raw.indexOf(':');
            if (colon < 0) {
                double rate = Double.parseDouble(raw);
                if (!(rate > 0 && rate <= 1)) {
                    throw new NumberFormatException();
                }
                return new double[] {1 - rate, 0};
            }
            double threshold = Double.parseDouble(raw.substring(0, colon));
            double off = Double.parseDouble(raw.substring(colon + 1));
            if (!(threshold > 0 && off >= 0 && off <= threshold)) {
                throw new NumberFormatException();
            }
            return new double[] {off / threshold, threshold};
        } catch (NumberFormatException e) {
            throw new DataException(source, line, "Discount_rate", "not a rate in (0, 1] or threshold:reduction: '"
                    + raw + "'");
        }
    }
}
