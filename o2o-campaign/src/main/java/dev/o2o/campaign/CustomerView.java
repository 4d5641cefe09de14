package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine knows of a customer when it evaluates an audience: the time zone (for quiet
 * hours and daily contact limits), tags and the segments the host computed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer the customer
 * @param zone     the customer's time zone
 * @param tags     profile tags
 * @param segments segment names the host assigned (RFM class, lifecycle stage, cluster, ...)
 */
public record CustomerView(CustomerKey customer, ZoneId zone, Set<String> tags, Set<String> segments) {

    public CustomerView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(zone, "zone");
        tags = Set.copyOf(tags);
        segments = Set.copyOf(segments);
    }

    /**
     * A view with the zone given by its id, for example {@code "Asia/Shanghai"}.
     *
     * @throws IllegalArgumentException naming the zone if it is unknown
     */
    public static CustomerView of(CustomerKey customer, String zone, Set<String> tags, Set<String> segments) {
        return new CustomerView(customer, zone(zone), tags, segments);
    }

    /** Parses a time zone id, refusing unknown ones with the field and value. */
    static ZoneId zone(String zone) {
        Objects.requireNonNull(zone, "zone");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone: unknown time zone '" + zone + "'");
        }
    }
}
