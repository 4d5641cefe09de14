package dev.o2o.core.profile;

import java.util.Objects;

/**
 * A tag a {@link TagRule} gave a customer, with why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        the tag, non-blank
 * @param priority    the rule's priority (higher first)
 * @param explanation why the rule matched this customer, non-blank
 */
public record Tag(String name, int priority, String explanation) {

    public Tag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(explanation, "explanation");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tag name must not be blank");
        }
        if (explanation.isBlank()) {
            throw new IllegalArgumentException("explanation of tag '" + name + "' must not be blank");
        }
    }
}
