package dev.o2o.spark;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileState;
import dev.o2o.core.profile.Tag;
import dev.o2o.core.profile.TagEngine;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Customer profiles as a typed Spark {@link Aggregator}: each input row of
 * {@link ProfilesJob#EVENTS} (a customer's touchpoint or order) is added to core's mergeable
 * {@link ProfileState}, partial states of one customer from different partitions are
 * {@link ProfileState#merge merged} (exactly the state built from all the events, in any order),
 * and the result is the merged state's {@link CustomerProfile} as of the job's instant with the
 * tags of {@link ProfileTagRules}: a row of {@link ProfilesJob#OUTPUT} with epoch microseconds
 * (bigint) in place of its two timestamps ({@link ProfilesJob#profiles} turns them into timestamps).
 *
 * <p>Use it through typed {@code groupByKey(...).agg(aggregator.toColumn())}, as
 * {@link ProfilesJob#profiles} does, or untyped through
 * {@code functions.udaf(aggregator, Encoders.row(ProfilesJob.EVENTS))} applied to the columns
 * {@code customer_id, touch, order}.
 *
 * <p>The buffer is a {@link Buffer} with Java serialization (Spark's
 * {@code Encoders.javaSerialization}): it writes the state through core's exact
 * {@link ProfileState#toBytes} codec, so no count, sum in minor units or instant is approximated
 * on its way between executors. An aggregator instance is used by one task at a time (Spark's
 * contract); its lazily built channel table, configuration and tag engine are per instance.
 */
public final class ProfileAggregator extends Aggregator<Row, ProfileAggregator.Buffer, Row> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Events.ChannelTable table;
    private final String currency;
    private final long windowMillis;
    private final String zone;
    private final long asOfSeconds;
    private final int asOfNanos;
    private final ProfileTagRules tags;

    private transient Map<String, Channel> channels;
    private transient ProfileConfig config;
    private transient TagEngine engine;

    /**
     * An aggregator for these channels, configuration, instant and tag rules.
     *
     * @throws IllegalArgumentException if the configuration's currency has more than 2 decimals
     *                                  (the output is decimal(38,2))
     */
    public ProfileAggregator(List<Channel> channels, ProfileConfig config, Instant asOf, ProfileTagRules tags) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(asOf, "asOf");
        this.tags = Objects.requireNonNull(tags, "tags");
        if (config.currency().getDefaultFractionDigits() > 2) {
            throw new IllegalArgumentException("profiles are written as decimal(38,2); " + config.currency()
                    + " has " + config.currency().getDefaultFractionDigits() + " decimals");
        }
        this.table = new Events.ChannelTable(channels);
        this.currency = config.currency().getCurrencyCode();
        this.windowMillis = config.o2oWindow().toMillis();
        this.zone = config.zone().getId();
        this.asOfSeconds = asOf.getEpochSecond();
        this.asOfNanos = asOf.getNano();
    }

    @Override
    public Buffer zero() {
        return new Buffer();
    }

    @Override
    public Buffer reduce(Buffer buffer, Row event) {
        CustomerKey key = CustomerKey.of(event.getString(0));
        if (buffer.state == null) {
            buffer.state = ProfileState.empty(key, config());
        }
        if (!event.isNullAt(1)) {
            buffer.state.add(Events.touchpoint(key, event.getStruct(1), channels()));
        }
        if (!event.isNullAt(2)) {
            buffer.state.add(Events.order(key, event.getStruct(2), channels()));
        }
        return buffer;
    }

    @Override
    public Buffer merge(Buffer a, Buffer b) {
        if (a.state == null) {
            return b;
        }
        if (b.state != null) {
            a.state.merge(b.state);
        }
        return a;
    }

    @Override
    public Row finish(Buffer buffer) {
        if (buffer.state == null) {
            // Spark finishes a group only after at least one reduce, so this is a misuse
            throw new IllegalStateException("a profile needs at least one event");
        }
        CustomerProfile p = buffer.state.profile(Instant.ofEpochSecond(asOfSeconds, asOfNanos));
        if (engine == null) {
            engine = tags.engine();
        }
        String[] tagNames = engine.tags(p).stream().map(Tag::name).toArray(String[]::new);
        return RowFactory.create(p.customer().value(),
                p.firstPurchase().map(ProfileAggregator::micros).orElse(null),
                p.lastPurchase().map(ProfileAggregator::micros).orElse(null),
                p.daysSinceLastPurchase().isPresent() ? p.daysSinceLastPurchase().getAsLong() : null,
                p.onlineOrders(), p.offlineOrders(), p.onlineSpend().amount(), p.offlineSpend().amount(),
                p.refunds(), p.refundedAmount().amount(), p.cancelledOrders(), p.touchpoints(),
                p.preferredStore().orElse(null), p.couponsReceived(), p.couponsRedeemed(),
                p.onlineToOfflineConversions(), p.offlineToOnlineConversions(), tagNames);
    }

    @Override
    public Encoder<Buffer> bufferEncoder() {
        return Encoders.javaSerialization(Buffer.class);
    }

    @Override
    public Encoder<Row> outputEncoder() {
        return Encoders.row(ProfilesJob.BUILT);
    }

    private ProfileConfig config() {
        if (config == null) {
            config = new ProfileConfig(Currency.getInstance(currency), Duration.ofMillis(windowMillis), ZoneId.of(zone));
        }
        return config;
    }

    private Map<String, Channel> channels() {
        if (channels == null) {
            channels = table.channels();
        }
        return channels;
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /**
     * The aggregation buffer: one customer's partial {@link ProfileState}, or nothing before the
     * first event. Opaque to users; public only because Spark's generated code casts to it.
     * Serialized as the customer, the configuration and core's {@link ProfileState#toBytes}.
     * Not thread-safe (one task owns it).
     */
    public static final class Buffer implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private transient ProfileState state;

        Buffer() {
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeBoolean(state != null);
            if (state != null) {
                ProfileConfig c = state.config();
                out.writeUTF(state.customer().value());
                out.writeUTF(c.currency().getCurrencyCode());
                out.writeLong(c.o2oWindow().toMillis());
                out.writeUTF(c.zone().getId());
                byte[] bytes = state.toBytes();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (in.readBoolean()) {
                CustomerKey customer = CustomerKey.of(in.readUTF());
                ProfileConfig c = new ProfileConfig(Currency.getInstance(in.readUTF()), Duration.ofMillis(in.readLong()),
                        ZoneId.of(in.readUTF()));
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                state = ProfileState.fromBytes(customer, c, bytes);
            }
        }
    }
}
