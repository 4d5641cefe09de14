package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an invitee is really the inviter: referrals between one person's accounts
 * are refused. Built-ins from the static factories.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SelfReferralCheck {

    /**
     * True if the invitee is the inviter.
     *
     * @param inviteeDevice the device the claim came from, if known
     */
    boolean isSelf(CustomerKey inviter, CustomerKey invitee, Optional<Identifier> inviteeDevice);

    /** Only identical keys are one customer. */
    static SelfReferralCheck sameKey() {
        return (a, b, d) -> a.equals(b);
    }

    /**
     * One customer when the keys are equal, when they resolve to one customer in the graph
     * (any identifier of the invitee resolves to the inviter), or when they share a device:
     * the claiming device resolves to the inviter, or both hold one device id.
     * The graph must be safe to read from the claiming threads (guard it if the host writes).
     */
    static SelfReferralCheck identityGraph(IdentityGraph graph) {
        Objects.requireNonNull(graph, "graph");
        return (inviter, invitee, device) -> {
            if (inviter.equals(invitee)) {
                return true;
            }
            if (device.isPresent() && graph.resolve(device.get()).map(inviter::equals).orElse(false)) {
                return true;
            }
            List<Identifier> inviteeIds = graph.contains(invitee) ? graph.identifiersOf(invitee) : List.of();
            for (Identifier id : inviteeIds) {
                if (graph.resolve(id).map(inviter::equals).orElse(false)) {
                    return true;
                }
            }
            Set<Identifier> inviterDevices = new HashSet<>();
            if (graph.contains(inviter)) {
                for (Identifier id : graph.identifiersOf(inviter)) {
                    if (id.type().equals(IdentifierType.DEVICE_ID)) {
                        inviterDevices.add(id);
                    }
                }
            }
            return inviteeIds.stream().anyMatch(inviterDevices::contains)
                    || device.map(inviterDevices::contains).orElse(false);
        };
    }
}
