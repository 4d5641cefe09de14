package dev.o2o.core.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** {@link IdentityStore#inMemory()}: lists under one lock. Thread-safe. */
final class InMemoryIdentityStore implements IdentityStore {

    private final Set<Identifier> identifiers = new LinkedHashSet<>();
    private final List<IdentityLink> links = new ArrayList<>();
    private final TreeMap<Long, MergeEvent> merges = new TreeMap<>();
    private final List<ClusterErasure> erasures = new ArrayList<>();

    private static IdentityLink millis(IdentityLink l) {
        return new IdentityLink(l.first(), l.second(), Instant.ofEpochMilli(l.at().toEpochMilli()), l.evidence());
    }

    @Override
    public synchronized void addIdentifiers(List<Identifier> ids) {
        List.copyOf(ids).forEach(StoreLimits::check);
        identifiers.addAll(ids);
    }

    @Override
    public synchronized void addLinks(List<IdentityLink> newLinks, List<MergeEvent> newMerges) {
        List<IdentityLink> ls = List.copyOf(newLinks);
        List<MergeEvent> ms = List.copyOf(newMerges);
        StoreLimits.checkAll(ls, ms);
        Set<Long> seen = new HashSet<>();
        for (MergeEvent m : ms) {
            if (merges.containsKey(m.sequence()) || !seen.add(m.sequence())) {
                throw new IllegalArgumentException("merge event " + m.sequence() + " is already held");
            }
        }
        for (IdentityLink l : ls) {
            identifiers.add(l.first());
            identifiers.add(l.second());
            links.add(millis(l));
        }
        for (MergeEvent m : ms) {
            merges.put(m.sequence(), new MergeEvent(m.sequence(), millis(m.link()), m.survivor(), m.absorbed()));
        }
    }

    @Override
    public synchronized int removeLinks(Identifier a, Identifier b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int before = links.size();
        links.removeIf(l -> l.joins(a, b));
        return before - links.size();
    }

    @Override
    public synchronized void erase(ClusterErasure erasure, List<Identifier> ids) {
        Objects.requireNonNull(erasure, "erasure");
        Set<Identifier> gone = Set.copyOf(ids);
        identifiers.removeAll(gone);
        links.removeIf(l -> gone.contains(l.first()) || gone.contains(l.second()));
        merges.values().removeIf(m -> gone.contains(m.link().first()) || gone.contains(m.link().second()));
        erasures.add(erasure);
    }

    @Override
    public synchronized List<Identifier> identifiers() {
        return List.copyOf(identifiers);
    }

    @Override
    public synchronized List<IdentityLink> links() {
        return List.copyOf(links);
    }

    @Override
    public synchronized List<MergeEvent> mergeHistory() {
        return List.copyOf(merges.values());
    }

    @Override
    public synchronized List<ClusterErasure> erasures() {
        return List.copyOf(erasures);
    }
}
