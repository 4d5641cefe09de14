package dev.o2o.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence that two identifiers belong to one person: an event that carried both at once (a
 * login on a device, a member card scanned together with a phone number, a coupon claimed with
 * an account).
 *
 * <p>The link is undirected. An {@link IdentityGraph} keeps the instant at millisecond precision.
 *
 * <p>Immutable and thread-safe.
 *
 * @param first    one identifier
 * @param second   the other identifier, not equal to {@code first}
 * @param at       when the event happened
 * @param evidence what kind of event it was, for example {@code "pos-member-scan"}; non-blank.
 *                 Use a kind, not an event id: graphs intern it, and it must hold no personal data.
 */
public record IdentityLink(Identifier first, Identifier second, Instant at, String evidence) {

    public IdentityLink {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(evidence, "evidence");
        if (first.equals(second)) {
            throw new IllegalArgumentException("a link needs two different identifiers, got the same "
                    + first + " twice (evidence '" + evidence + "')");
        }
        if (evidence.isBlank()) {
            throw new IllegalArgumentException("evidence of a link must not be blank");
        }
    }

    /** A link between two identifiers. */
    public static IdentityLink of(Identifier first, Identifier second, Instant at, String evidence) {
        return new IdentityLink(first, second, at, evidence);
    }

    /** Whether the link joins exactly these two identifiers, in either order. */
    public boolean joins(Identifier a, Identifier b) {
        return first.equals(a) && second.equals(b) || first.equals(b) && second.equals(a);
    }
}
