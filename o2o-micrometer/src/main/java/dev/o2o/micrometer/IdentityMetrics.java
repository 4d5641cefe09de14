package dev.o2o.micrometer;

import dev.o2o.core.identity.LinkResult;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Objects;

/**
 * Counts what the identity graph did with links, as a listener on the results of {@code IdentityGraph.addLink} and
 * {@code addLinks}: {@code metrics.record(graph.addLink(link))}. Every result goes to {@value O2oMetrics#IDENTITY_LINKS}
 * (tag {@code result}); merges also to {@value O2oMetrics#IDENTITY_MERGES}.
 *
 * <p>Thread-safe.
 */
public final class IdentityMetrics {
    private final MeterRegistry registry;

    IdentityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one result and returns it. */
    public LinkResult record(LinkResult result) {
        Objects.requireNonNull(result, "result");
        registry.counter(O2oMetrics.IDENTITY_LINKS, "result", result.name()).increment();
        if (result == LinkResult.MERGED) {
            registry.counter(O2oMetrics.IDENTITY_MERGES).increment();
        }
        return result;
    }

    /** Counts every result of a batch and returns them. */
    public List<LinkResult> recordAll(List<LinkResult> results) {
        Objects.requireNonNull(results, "results");
        for (LinkResult r : results) {
            record(r);
        }
        return results;
    }
}
