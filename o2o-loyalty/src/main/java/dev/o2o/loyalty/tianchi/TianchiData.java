package dev.o2o.loyalty.tianchi;

import dev.o2o.core.Money;
import dev.o2o.loyalty.coupon.Discount;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Reads the Tianchi O2O offline coupon files (columns User_id, Merchant_id, Coupon_id,
 * Discount_rate, Distance, Date_received; LF or CRLF line ends) one row at a time, and
 * summarises them into {@link ReceiptStats}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TianchiData {
    /** The currency of the Tianchi amounts. */
    public static final Currency CNY = Currency.getInstance("CNY");
    private static final String HEADER = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private TianchiData() {
    }

    /**
     * Parses every row and hands it to {@code sink}; returns the number of rows.
     *
     * @throws IllegalArgumentException naming the source, line and field of the first bad value
     */
    public static long read(Reader in, String source, Consumer<TianchiReceipt> sink) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sink, "sink");
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        Map<String, Discount> discounts = new HashMap<>();
        long rows = 0;
        try {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException(source + ": empty file, expected header " + HEADER);
            }
            if (!header.strip().replace("\uFEFF", "").equals(HEADER)) {
                throw new IllegalArgumentException(source + " line 1: unexpected header '" + header + "', expected " + HEADER);
            }
            long lineNo = 1;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                sink.accept(parse(line, source, lineNo, discounts));
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed", e);
        }
        return rows;
    }

    /** Reads a file (UTF-8) into receipt counts by discount kind and distance band. */
    public static ReceiptStats summarize(Path file) {
        ReceiptStats stats = new ReceiptStats();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(in, file.toString(), stats::add);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        return stats;
    }

    private static TianchiReceipt parse(String line, String source, long lineNo, Map<String, Discount> discounts) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": expected 6 fields, got " + f.length);
        }
        String where = source + " line " + lineNo;
        long user = number(f[0], where, "User_id");
        long merchant = number(f[1], where, "Merchant_id");
        long coupon = number(f[2], where, "Coupon_id");
        Discount d = discounts.get(f[3]);
        if (d == null) {
            try {
                d = parseDiscount(f[3], CNY);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " field Discount_rate: " + e.getMessage(), e);
            }
            discounts.put(f[3], d);
        }
        OptionalInt distance;
        if (f[4].equals("null")) {
            distance = OptionalInt.empty();
        } else {
            long v = number(f[4], where, "Distance");
            if (v > 10) {
                throw new IllegalArgumentException(where + " field Distance: " + v + " is outside 0..10");
            }
            distance = OptionalInt.of((int) v);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f[5], YYYYMMDD);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + " field Date_received: '" + f[5] + "' is not a yyyymmdd date", e);
        }
        return new TianchiReceipt(user, merchant, coupon, d, distance, date);
    }

    private static long number(String s, String where, String field) {
        if (s.isEmpty() || s.length() > 18) {
            throw new IllegalArgumentException(where + " field " + field + ": '" + s + "' is not a non-negative integer");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(where + " field " + field + ": '" + s + "' is not a non-negative integer");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Parses the Discount_rate notation of the Tianchi O2O data: {@code "150:20"} is spend 150
     * save 20 (in {@code currency}), {@code "0.95"} is pay 95%.
     *
     * @throws IllegalArgumentException with the reason, for example for {@code "150:20:00"},
     *                                  {@code "20:30"} (save not below spend), {@code "1.5"} or {@code ""}
     */
    public static Discount parseDiscount(String notation, Currency currency) {
        Objects.requireNonNull(notation, "notation");
        Objects.requireNonNull(currency, "currency");
        String s = notation.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("discount notation is empty");
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            if (s.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("discount notation '" + notation
                        + "' has more than one ':'; expected spend:save such as 150:20");
            }
            BigDecimal spend = decimal(s.substring(0, colon), "spend", notation);
            BigDecimal save = decimal(s.substring(colon + 1), "save", notation);
            if (spend.signum() <= 0 || save.signum() <= 0) {
                throw new IllegalArgumentException("discount notation '" + notation + "': spend and save must be positive");
            }
            if (save.compareTo(spend) >= 0) {
                throw new IllegalArgumentException("discount notation '" + notation + "': save " + save.toPlainString()
                        + " must be less than spend " + spend.toPlainString());
            }
            int scale = Money.scaleOf(currency);
            if (spend.stripTrailingZeros().scale() > scale || save.stripTrailingZeros().scale() > scale) {
                throw new IllegalArgumentException("discount notation '" + notation + "' has more than " + scale
                        + " fraction digits for " + currency.getCurrencyCode());
            }
            return new Discount.Threshold(new Money(spend, currency), new Money(save, currency));
        }
        BigDecimal rate = decimal(s, "rate", notation);
        if (rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("discount notation '" + notation
                    + "': a rate must be strictly between 0 and 1 (share paid)");
        }
        return new Discount.Rate(rate);
    }

    private static BigDecimal decimal(String part, String what, String notation) {
        String p = part.strip();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("discount notation '" + notation + "': " + what + " is missing");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                throw new IllegalArgumentException("discount notation '" + notation + "': " + what + " '" + p
                        + "' is not a plain decimal number");
            }
        }
        try {
            return new BigDecimal(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("discount notation '" + notation + "': " + what + " '" + p
                    + "' is not a plain decimal number");
        }
    }
}
