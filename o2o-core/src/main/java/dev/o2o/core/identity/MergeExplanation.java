package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why two identifiers are one customer: the chain of links that connects them, from
 * {@code from} to {@code to}, each sharing an identifier with the next.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from     the first identifier asked about
 * @param to       the second identifier asked about
 * @param customer the customer both resolve to
 * @param chain    the links from {@code from} to {@code to}; empty when both are the same identifier
 */
public record MergeExplanation(Identifier from, Identifier to, CustomerKey customer, List<IdentityLink> chain) {

    public MergeExplanation {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(customer, "customer");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    }

    /**
     * A readable account of the chain, one step per line, rendering identifiers with the given
     * function (for example a display mask, so that no raw value is shown).
     */
    public String describe(Function<Identifier, String> render) {
        Objects.requireNonNull(render, "render");
        StringBuilder sb = new StringBuilder();
        sb.append(render.apply(from)).append(" and ").append(render.apply(to)).append(" are customer ")
                .append(customer.value()).append(chain.isEmpty() ? " (same identifier)" : " because:");
        Identifier at = from;
        for (IdentityLink link : chain) {
            Identifier next = link.first().equals(at) ? link.second() : link.first();
            sb.append('\n').append("  ").append(render.apply(at)).append(" -- ").append(link.evidence())
                    .append(" at ").append(link.at()).append(" -- ").append(render.apply(next));
            at = next;
        }
        return sb.toString();
    }
}
