package dev.o2o.predict.features;

import dev.o2o.core.internal.Messages;
import dev.o2o.core.io.TianchiCsv;
import dev.o2o.core.io.TianchiCsv.DiscountRate;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Tianchi O2O offline files into {@link Receipt}s through core's one reader of the
 * format, {@link TianchiCsv}: the receipt file ({@code User_id,Merchant_id,Coupon_id,
 * Discount_rate,Distance,Date_received}) and the training file (the same and {@code Date}, with
 * purchase rows). Its class comment gives the rule of every field; a bad header or cell is
 * refused with core's {@link dev.o2o.core.io.IngestException} naming line, column and value;
 * nothing is skipped.
 *
 * <p>Stateless and thread-safe.
 */
public final class TianchiReceipts {
    private TianchiReceipts() {
    }

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
        List<Receipt> out = new ArrayList<>();
        try (TianchiCsv csv = TianchiCsv.open(reader, source)) {
            while (csv.hasNext()) {
                TianchiCsv.Row r = csv.next();
                out.add(new Receipt(r.line(), r.userId(), r.merchantId(), r.couponId(),
                        r.discountRate().map(DiscountRate::notation), r.distance(), r.dateReceived(), r.date()));
            }
        }
        return out;
    }

    /**
     * The discount as a share of the price and the spending threshold: a rate {@code 0.9} is 0.1 off
     * with threshold 0; {@code 150:20} is 20/150 off with threshold 150.
     *
     * @throws IllegalArgumentException for a notation {@link DiscountRate#parse} refuses
     */
    static double[] discountStrength(String notation) {
        DiscountRate d = DiscountRate.parse(notation);
        if (d instanceof DiscountRate.Threshold t) {
            return new double[] {t.save().doubleValue() / t.spend().doubleValue(), t.spend().doubleValue()};
        }
        return new double[] {1 - ((DiscountRate.Rate) d).paid().doubleValue(), 0};
    }
}
