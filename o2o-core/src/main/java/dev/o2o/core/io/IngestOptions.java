package dev.o2o.core.io;

import dev.o2o.core.ChannelRegistry;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * How readers turn records into values.
 *
 * <p>Immutable and thread-safe (the {@link ChannelRegistry} is itself thread-safe).
 *
 * @param channels       the known channels; a record naming another channel id is rejected
 * @param policy         fail fast or collect errors
 * @param currency       if present, orders in another currency are rejected
 * @param zone           if present, timestamps without an offset are read in this zone;
 *                       otherwise they are rejected
 * @param csv            the CSV dialect (ignored for NDJSON)
 * @param maxErrorsKept  how many errors the report keeps (the counts stay exact), at least 0
 * @param refuseUnknownColumns whether a CSV order file with a column o2o does not know is refused
 *                       as a whole; by default such columns are ignored with one warning
 */
public record IngestOptions(ChannelRegistry channels, ErrorPolicy policy, Optional<Currency> currency,
                            Optional<ZoneId> zone, CsvFormat csv, int maxErrorsKept, boolean refuseUnknownColumns) {

    public IngestOptions {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(csv, "csv");
        if (maxErrorsKept < 0) {
            throw new IllegalArgumentException("maxErrorsKept must be >= 0: " + maxErrorsKept);
        }
    }

    /** Fail fast, any currency, offsets required, default CSV dialect, 1,000 errors kept, unknown columns ignored. */
    public static IngestOptions defaults(ChannelRegistry channels) {
        return new IngestOptions(channels, ErrorPolicy.FAIL_FAST, Optional.empty(), Optional.empty(),
                CsvFormat.defaults(), 1000, false);
    }

    public IngestOptions withPolicy(ErrorPolicy policy) {
        return new IngestOptions(channels, policy, currency, zone, csv, maxErrorsKept, refuseUnknownColumns);
    }

    public IngestOptions withCurrency(Currency currency) {
        return new IngestOptions(channels, policy, Optional.of(currency), zone, csv, maxErrorsKept, refuseUnknownColumns);
    }

    public IngestOptions withZone(ZoneId zone) {
        return new IngestOptions(channels, policy, currency, Optional.of(zone), csv, maxErrorsKept, refuseUnknownColumns);
    }

    public IngestOptions withCsv(CsvFormat csv) {
        return new IngestOptions(channels, policy, currency, zone, csv, maxErrorsKept, refuseUnknownColumns);
    }

    public IngestOptions withMaxErrorsKept(int maxErrorsKept) {
        return new IngestOptions(channels, policy, currency, zone, csv, maxErrorsKept, refuseUnknownColumns);
    }

    /** Refuse CSV order files with unknown columns ({@code true}) or ignore those columns with a warning. */
    public IngestOptions withRefuseUnknownColumns(boolean refuse) {
        return new IngestOptions(channels, policy, currency, zone, csv, maxErrorsKept, refuse);
    }
}
