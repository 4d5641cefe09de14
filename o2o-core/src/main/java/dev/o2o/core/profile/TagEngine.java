package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a set of {@link TagRule}s to profiles. Tags come out highest priority first, ties by
 * tag name.
 *
 * <p>Immutable and thread-safe (given thread-safe rules).
 */
public final class TagEngine {

    private static final Comparator<Tag> ORDER = Comparator.comparingInt(Tag::priority).reversed()
            .thenComparing(Tag::name);

    private final List<TagRule> rules;

    private TagEngine(List<TagRule> rules) {
        this.rules = rules;
    }

    /**
     * An engine for these rules.
     *
     * @throws IllegalArgumentException if two rules give the same tag
     */
    public static TagEngine of(Collection<? extends TagRule> rules) {
        Objects.requireNonNull(rules, "rules");
        Set<String> seen = new HashSet<>();
        for (TagRule rule : rules) {
            Objects.requireNonNull(rule, "rule");
            if (!seen.add(rule.tag())) {
                throw new IllegalArgumentException("two rules give the tag '" + rule.tag() + "'");
            }
        }
        return new TagEngine(List.copyOf(rules));
    }

    /** An engine for these rules. */
    public static TagEngine of(TagRule... rules) {
        return of(List.of(rules));
    }

    public List<TagRule> rules() {
        return rules;
    }

    /** Every tag whose rule matches, highest priority first. */
    public List<Tag> tags(CustomerProfile profile) {
        Objects.requireNonNull(profile, "profile");
        List<Tag> out = new ArrayList<>();
        for (TagRule rule : rules) {
            rule.apply(profile).ifPresent(out::add);
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    /** The highest-priority tag, or empty if no rule matches. */
    public Optional<Tag> primary(CustomerProfile profile) {
        List<Tag> tags = tags(profile);
        return tags.isEmpty() ? Optional.empty() : Optional.of(tags.get(0));
    }

    /** Tags of many profiles, in their order. */
    public Map<CustomerKey, List<Tag>> tagAll(Collection<CustomerProfile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        Map<CustomerKey, List<Tag>> out = new LinkedHashMap<>();
        for (CustomerProfile p : profiles) {
            out.put(p.customer(), tags(p));
        }
        return Collections.unmodifiableMap(out);
    }
}
