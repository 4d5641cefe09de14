package dev.o2o.core.io;

import dev.o2o.core.Channel;
import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import dev.o2o.core.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;

/**
 * Reads the {@link OrderFact facts} of one NDJSON order line straight from its bytes, when the
 * line is in the plain form that o2o's writer and most exports produce, and says "not plain"
 * otherwise, so that the caller reads that line with the full reader ({@link NdjsonOrderParser},
 * {@link Mapper}), which then accepts it or names what is wrong exactly as always.
 *
 * <p>Plain means: one JSON object, no white space between tokens and nothing after it; strings
 * of printable ASCII without escapes; only the fields {@code id, customer, channel, store,
 * instant, status, refunded, currency, lines} and, per line, {@code sku, category, quantity,
 * unit_price}, each at most once; ids (id, customer, store, sku, category) valid as
 * {@link Ids#requireId} says; a known channel; the instant as {@code uuuu-MM-ddTHH:mm:ssZ} of a
 * real date and time; the status by its exact name; amounts as strings of at most 12 integer
 * digits and at most the currency's fraction digits (no sign); a quantity from 1 to
 * 1,000,000 as a JSON integer; 1 to 64 lines; a total below 10<sup>12</sup>; a refund that
 * fits the status as {@link dev.o2o.core.Order} requires. Every plain line is thus a line the
 * full reader accepts, with the same facts ({@code PlainOrderLineTest} compares them on
 * thousands of altered lines); anything else, valid or not, is left to it.
 *
 * <p>What it buys: no characters decoded, no {@code String} per field, no {@code BigDecimal}
 * and no order object, for the orders of {@code o2o rfm} (benchmarks/RESULTS.md, section
 * "cli (rfm2)"). Not thread-safe; one per parsing thread.
 */
final class PlainOrderLine {

    private static final int MAX_LINES = 64;
    private static final int MAX_INT_DIGITS = 12;
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final byte[][] STATUS_NAMES = new byte[STATUSES.length][];
    private static final long[] POW10 = new long[19];

    static {
        for (int i = 0; i < STATUSES.length; i++) {
            STATUS_NAMES[i] = STATUSES[i].name().getBytes(StandardCharsets.US_ASCII);
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    // field numbers, also bits of the "seen" mask
    private static final int ID = 0;
    private static final int CUSTOMER = 1;
    private static final int CHANNEL = 2;
    private static final int STORE = 3;
    private static final int INSTANT = 4;
    private static final int STATUS = 5;
    private static final int REFUNDED = 6;
    private static final int CURRENCY = 7;
    private static final int LINES = 8;
    private static final byte[][] HEADER = names("id", "customer", "channel", "store", "instant", "status", "refunded",
            "currency", "lines");
    private static final int SKU = 0;
    private static final int CATEGORY = 1;
    private static final int QUANTITY = 2;
    private static final int UNIT_PRICE = 3;
    private static final byte[][] LINE = names("sku", "category", "quantity", "unit_price");

    private final IngestOptions options;
    /** Channel ids found in the registry, as bytes: a handful, compared before any string is made. */
    private byte[][] knownChannels = new byte[0][];
    private final byte[] lastCurrencyCode = new byte[3];
    private Currency lastCurrency;

    // where the parse is, and what it found
    private byte[] b;
    private int p;
    private int end;
    private int stringFrom;
    private int stringLength;
    private long decimalUnscaled;
    private int decimalScale;
    private final long[] priceUnscaled = new long[MAX_LINES];
    private final int[] priceScale = new int[MAX_LINES];
    private final int[] quantity = new int[MAX_LINES];
    private int lineCount;

    // the facts of the last plain line
    int idFrom;
    int idLength;
    int customerFrom;
    int customerLength;
    long epochSecond;
    OrderStatus status;
    long netMinorUnits;
    Currency currency;

    PlainOrderLine(IngestOptions options) {
        this.options = options;
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** Whether {@code bytes[from, to)} (a line without its end) is a plain order; if so its facts are in the fields. */
    boolean read(byte[] bytes, int from, int to) {
        b = bytes;
        p = from;
        end = to;
        lineCount = 0;
        status = OrderStatus.COMPLETED;
        int seen = 0;
        int instantFrom = 0;
        int currencyFrom = 0;
        long refundedUnscaled = 0;
        int refundedScale = 0;
        if (!take('{')) {
            return false;
        }
        do {
            int field = name(HEADER);
            if (field < 0 || (seen & (1 << field)) != 0 || !take(':')) {
                return false;
            }
            seen |= 1 << field;
            if (field == LINES) {
                if (!lines()) {
                    return false;
                }
                continue;
            }
            if (!string()) {
                return false;
            }
            switch (field) {
                case ID -> {
                    idFrom = stringFrom;
                    idLength = stringLength;
                    if (!isId()) {
                        return false;
                    }
                }
                case CUSTOMER -> {
                    customerFrom = stringFrom;
                    customerLength = stringLength;
                    if (!isId()) {
                        return false;
                    }
                }
                case CHANNEL -> {
                    if (!isKnownChannel()) {
                        return false;
                    }
                }
                case STORE -> {
                    if (!isId()) {
                        return false;
                    }
                }
                case INSTANT -> instantFrom = stringLength == 20 ? stringFrom : -1;
                case STATUS -> {
                    if (!readStatus()) {
                        return false;
                    }
                }
                case REFUNDED -> {
                    if (!decimal(stringFrom, stringFrom + stringLength)) {
                        return false;
                    }
                    refundedUnscaled = decimalUnscaled;
                    refundedScale = decimalScale;
                }
                case CURRENCY -> currencyFrom = stringLength == 3 ? stringFrom : -1;
                default -> throw new AssertionError(field);
            }
        } while (take(','));
        if (!take('}') || p != end) {
            return false;
        }
        int required = 1 << ID | 1 << CUSTOMER | 1 << CHANNEL | 1 << INSTANT | 1 << CURRENCY | 1 << LINES;
        if ((seen & required) != required || instantFrom < 0 || currencyFrom < 0
                || !readInstant(instantFrom) || !readCurrency(currencyFrom)) {
            return false;
        }
        return amounts(refundedUnscaled, refundedScale);
    }

    /** The lines' total and the net: false if a scale, the total's limit or the refund's fit to the status says no. */
    private boolean amounts(long refundedUnscaled, int refundedScale) {
        int scale = Money.scaleOf(currency);
        if (scale >= POW10.length - MAX_INT_DIGITS) {
            return false;
        }
        long limit = POW10[MAX_INT_DIGITS + scale]; // 10^12 in minor units
        long total = 0;
        for (int i = 0; i < lineCount; i++) {
            if (priceScale[i] > scale) {
                return false;
            }
            long price = priceUnscaled[i] * POW10[scale - priceScale[i]]; // below 10^16: no overflow
            if (price > (limit - 1 - total) / quantity[i]) {
                return false; // the total would reach 10^12
            }
            total += price * quantity[i];
        }
        if (refundedScale > scale) {
            return false;
        }
        long refunded = refundedUnscaled * POW10[scale - refundedScale];
        boolean fits = switch (status) {
            case COMPLETED, CANCELLED -> refunded == 0;
            case PARTIALLY_REFUNDED -> refunded > 0 && refunded < total;
            case REFUNDED -> refunded == total;
        };
        netMinorUnits = total - refunded;
        return fits;
    }

    private boolean lines() {
        if (!take('[')) {
            return false;
        }
        do {
            if (lineCount == MAX_LINES || !take('{')) {
                return false;
            }
            int seen = 0;
            do {
                int field = name(LINE);
                if (field < 0 || (seen & (1 << field)) != 0 || !take(':')) {
                    return false;
                }
                seen |= 1 << field;
                if (field == QUANTITY) {
                    if (!quantity()) {
                        return false;
                    }
                } else if (!string()) {
                    return false;
                } else if (field == UNIT_PRICE) {
                    if (!decimal(stringFrom, stringFrom + stringLength)) {
                        return false;
                    }
                    priceUnscaled[lineCount] = decimalUnscaled;
                    priceScale[lineCount] = decimalScale;
                } else if (!isId()) {
                    return false;
                }
            } while (take(','));
            if (seen != 0b1111 || !take('}')) {
                return false;
            }
            lineCount++;
        } while (take(','));
        return take(']');
    }

    private boolean take(char c) {
        if (p < end && b[p] == c) {
            p++;
            return true;
        }
        return false;
    }

    /** A quoted field name among {@code names} and its number, or -1. */
    private int name(byte[][] names) {
        if (!string()) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            if (Arrays.equals(b, stringFrom, stringFrom + stringLength, names[i], 0, names[i].length)) {
                return i;
            }
        }
        return -1;
    }

    /** A string of printable ASCII without escapes; its characters at {@link #stringFrom}. */
    private boolean string() {
        if (!take('"')) {
            return false;
        }
        int from = p;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                stringFrom = from;
                stringLength = p - from;
                p++;
                return true;
            }
            if (c < 0x20 || c >= 0x7F || c == '\\') {
                return false;
            }
            p++;
        }
        return false;
    }

    /** The last string as an identifier: printable ASCII, so valid when 1 to 200 long without a space at either end. */
    private boolean isId() {
        return stringLength > 0 && stringLength <= Ids.MAX_LENGTH && b[stringFrom] != ' '
                && b[stringFrom + stringLength - 1] != ' ';
    }

    private boolean isKnownChannel() {
        for (byte[] known : knownChannels) {
            if (Arrays.equals(b, stringFrom, stringFrom + stringLength, known, 0, known.length)) {
                return true;
            }
        }
        if (stringLength == 0 || knownChannels.length == 64) {
            return false;
        }
        String id = new String(b, stringFrom, stringLength, StandardCharsets.US_ASCII);
        Optional<Channel> channel = options.channels().find(id);
        if (channel.isEmpty()) {
            return false;
        }
        knownChannels = Arrays.copyOf(knownChannels, knownChannels.length + 1);
        knownChannels[knownChannels.length - 1] = Arrays.copyOfRange(b, stringFrom, stringFrom + stringLength);
        return true;
    }

    private boolean readStatus() {
        for (int i = 0; i < STATUSES.length; i++) {
            byte[] name = STATUS_NAMES[i];
            if (Arrays.equals(b, stringFrom, stringFrom + stringLength, name, 0, name.length)) {
                status = STATUSES[i];
                return true;
            }
        }
        return false;
    }

    /** {@code [0-9]{1,12}(\.[0-9]+)?} into {@link #decimalUnscaled} and {@link #decimalScale}. */
    private boolean decimal(int from, int to) {
        long v = 0;
        int i = from;
        while (i < to && isDigit(b[i])) {
            v = v * 10 + (b[i++] - '0');
        }
        int intDigits = i - from;
        if (intDigits == 0 || intDigits > MAX_INT_DIGITS) {
            return false;
        }
        int scale = 0;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && isDigit(b[i]) && scale < 4) {
                v = v * 10 + (b[i++] - '0');
                scale++;
            }
            if (scale == 0) {
                return false;
            }
        }
        decimalUnscaled = v;
        decimalScale = scale;
        return i == to;
    }

    /** A JSON integer from 1 to 1,000,000 (no sign, no leading zero, no fraction or exponent). */
    private boolean quantity() {
        int from = p;
        int v = 0;
        while (p < end && isDigit(b[p]) && p - from < 7) {
            v = v * 10 + (b[p++] - '0');
        }
        if (p == from || b[from] == '0' || v > 1_000_000 || (p < end && (isDigit(b[p]) || b[p] == '.'
                || b[p] == 'e' || b[p] == 'E'))) {
            return false;
        }
        quantity[lineCount] = v;
        return true;
    }

    private boolean readInstant(int at) {
        // uuuu-MM-ddTHH:mm:ssZ
        if (b[at + 4] != '-' || b[at + 7] != '-' || b[at + 10] != 'T' || b[at + 13] != ':' || b[at + 16] != ':'
                || b[at + 19] != 'Z') {
            return false;
        }
        int hour = digits(at + 11, 2);
        int minute = digits(at + 14, 2);
        int second = digits(at + 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int year = digits(at, 4);
        int month = digits(at + 5, 2);
        int day = digits(at + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
            return false;
        }
        long epochDay = epochDay(year, month, day);
        epochSecond = epochDay * 86_400 + hour * 3_600 + minute * 60 + second;
        return true;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * {@link LocalDate#toEpochDay()} of a valid date of years 0 to 9999, by arithmetic (days from
     * civil, as in H. Hinnant's date algorithms): {@code LocalDate.of} per order was a tenth of the
     * parsing threads' time.
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private boolean readCurrency(int at) {
        if (lastCurrency == null || !Arrays.equals(b, at, at + 3, lastCurrencyCode, 0, 3)) {
            for (int i = at; i < at + 3; i++) {
                if (b[i] < 'A' || b[i] > 'Z') {
                    return false;
                }
            }
            try {
                lastCurrency = Currency.getInstance(new String(b, at, 3, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                lastCurrency = null;
                return false;
            }
            System.arraycopy(b, at, lastCurrencyCode, 0, 3);
        }
        currency = lastCurrency;
        return options.currency().map(currency::equals).orElse(true);
    }

    private int digits(int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            if (!isDigit(b[i])) {
                return -1;
            }
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
