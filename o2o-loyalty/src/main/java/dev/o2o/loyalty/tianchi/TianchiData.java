package dev.o2o.loyalty.tianchi;

import dev.o2o.core.Money;
import dev.o2o.core.io.IngestException;
import dev.o2o.core.io.RecordError;
import dev.o2o.core.io.TianchiCsv;
import dev.o2o.core.io.TianchiCsv.DiscountRate;
import dev.o2o.loyalty.coupon.Discount;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the Tianchi O2O offline coupon files as coupon receipts, through core's one reader of
 * the format, {@link TianchiCsv} (its class comment lists the rule of every field), and
 * summarises them into {@link ReceiptStats}. Either shape is read: the receipt file (the
 * contest's test file) and the training file, whose extra {@code Date} column is the purchase
 * and not part of a receipt. A purchase row without coupon is not a receipt and is refused,
 * naming its line; use {@link TianchiCsv} directly to read purchases.
 *
 * <p>Stateless and thread-safe.
 */
public final class TianchiData {
    /** The currency of the Tianchi amounts. */
    public static final Currency CNY = Currency.getInstance("CNY");

    private TianchiData() {
    }

    /**
     * Parses every row and hands it to {@code sink}; returns the number of rows.
     *
     * @throws IngestException naming the source, line, column and value of the first bad cell or
     *                         header, or a purchase row without coupon
     */
    public static long read(Reader in, String source, Consumer<TianchiReceipt> sink) {
        Objects.requireNonNull(sink, "sink");
        Map<DiscountRate, Discount> discounts = new HashMap<>();
        long rows = 0;
        try (TianchiCsv csv = TianchiCsv.open(in, source)) {
            while (csv.hasNext()) {
                sink.accept(receipt(csv.next(), source, discounts));
                rows++;
            }
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

    /**
     * One row of {@link TianchiCsv} as a receipt.
     *
     * @param source names the input in the error
     * @throws IngestException for a purchase row (no coupon), naming its line and Coupon_id
     */
    public static TianchiReceipt receipt(TianchiCsv.Row row, String source) {
        return receipt(row, source, null);
    }

    private static TianchiReceipt receipt(TianchiCsv.Row row, String source, Map<DiscountRate, Discount> cache) {
        if (!row.isCoupon()) {
            throw new IngestException(new RecordError(source, row.line(), "Coupon_id",
                    "'null': a purchase without coupon is not a receipt"));
        }
        DiscountRate rate = row.discountRate().orElseThrow();
        Discount d = cache == null ? discount(rate, CNY) : cache.computeIfAbsent(rate, r -> discount(r, CNY));
        return new TianchiReceipt(Long.parseLong(row.userId()), Long.parseLong(row.merchantId()),
                Long.parseLong(row.couponId().orElseThrow()), d, row.distance(), row.dateReceived().orElseThrow());
    }

    /**
     * Parses the Discount_rate notation of the Tianchi O2O data by {@link DiscountRate#parse}'s
     * rule, after stripping surrounding white space: {@code "150:20"} is spend 150 save 20 (in
     * {@code currency}), {@code "0.95"} is pay 95%.
     *
     * @throws IllegalArgumentException with the reason, for example for {@code "150:20:00"},
     *                                  {@code "20:30"} (save not below spend), {@code "1.5"} or {@code ""}
     */
    public static Discount parseDiscount(String notation, Currency currency) {
        Objects.requireNonNull(notation, "notation");
        Objects.requireNonNull(currency, "currency");
        return discount(DiscountRate.parse(notation.strip()), currency);
    }

    private static Discount discount(DiscountRate rate, Currency currency) {
        if (rate instanceof DiscountRate.Threshold t) {
            int scale = Money.scaleOf(currency);
            if (t.spend().stripTrailingZeros().scale() > scale || t.save().stripTrailingZeros().scale() > scale) {
                throw new IllegalArgumentException("discount notation '" + t.notation() + "' has more than " + scale
                        + " fraction digits for " + currency.getCurrencyCode());
            }
            return new Discount.Threshold(new Money(t.spend(), currency), new Money(t.save(), currency));
        }
        return new Discount.Rate(((DiscountRate.Rate) rate).paid());
    }
}
