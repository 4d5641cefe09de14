package dev.o2o.spark;

import dev.o2o.core.profile.TagEngine;

import java.io.Serializable;

/**
 * The tag rules of a profiles job, as a serializable recipe: core's {@link TagEngine} and its
 * rules are plain objects (often lambdas) that Spark cannot ship, so each executor builds the
 * engine itself from this recipe, once per aggregator instance. Write one as a lambda that
 * captures only serializable values, for example
 * {@code () -> TagEngine.of(TagRule.loyal(5), TagRule.churnRisk(90))}.
 *
 * <p>Implementations must be serializable and return engines with thread-safe rules.
 */
@FunctionalInterface
public interface ProfileTagRules extends Serializable {

    /** The engine that tags every merged profile. */
    TagEngine engine();

    /** No tags: every profile's {@code tags} column is empty. */
    static ProfileTagRules none() {
        return TagEngine::of;
    }
}
