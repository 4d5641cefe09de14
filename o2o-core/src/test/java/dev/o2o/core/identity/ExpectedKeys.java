package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The documented key rule written out independently of the graph (a sort with a comparator and
 * {@link MessageDigest}), for tests to compare the graph's keys with.
 */
final class ExpectedKeys {

    private ExpectedKeys() {
    }

    /** The documented key order under {@code typeOrder}. */
    static Comparator<Identifier> order(List<IdentifierType> typeOrder) {
        Comparator<Identifier> byRank = Comparator.comparingInt(id -> {
            int r = typeOrder.indexOf(id.type());
            return r >= 0 ? r : typeOrder.size();
        });
        return byRank.thenComparing(id -> id.type().name()).thenComparing(Identifier::value);
    }

    /** The key of a customer made of {@code members}, with the default prefix, order and no secret. */
    static CustomerKey keyOf(Collection<Identifier> members) {
        Identifier first = members.stream().min(order(IdentityConfig.DEFAULT_KEY_TYPE_ORDER)).orElseThrow();
        return keyOfIdentifier("cust-", first);
    }

    static CustomerKey keyOfIdentifier(String prefix, Identifier id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((id.type().name() + ":" + id.value()).getBytes(StandardCharsets.UTF_8));
            return CustomerKey.of(prefix + HexFormat.of().formatHex(d, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Each identifier's expected key, given each identifier's component label (identifiers with the
     * same label are one customer).
     */
    static <L> Map<Identifier, CustomerKey> keys(Map<Identifier, L> componentOf) {
        Map<L, CustomerKey> byComponent = componentOf.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.collectingAndThen(
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList()), ExpectedKeys::keyOf)));
        return componentOf.keySet().stream().collect(Collectors.toMap(Function.identity(),
                id -> byComponent.get(componentOf.get(id))));
    }
}
