package dev.o2o.risk.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The in-memory {@link DecisionStore}. Thread-safe: every method holds the store's lock. */
final class InMemoryDecisionStore implements DecisionStore {
    private final TreeMap<Long, DecisionRecord> decisions = new TreeMap<>();
    private final Map<String, Long> voided = new HashMap<>();
    private long nextId = 1;

    @Override
    public synchronized DecisionRecord record(DecisionRecord draft) {
        Objects.requireNonNull(draft, "draft");
        if (draft.id() != 0) {
            throw new IllegalArgumentException("a draft has id 0, not " + draft.id());
        }
        // millisecond instants, as the JDBC store keeps them
        DecisionRecord r = DecisionRecord.draft(Instant.ofEpochMilli(draft.at().toEpochMilli()), draft.type(),
                draft.identifier(), draft.postingType(), draft.sourceRef(), draft.code(), draft.action(), draft.reasons())
                .withId(nextId++);
        decisions.put(r.id(), r);
        return r;
    }

    @Override
    public synchronized Optional<DecisionRecord> find(long id) {
        return Optional.ofNullable(decisions.get(id));
    }

    @Override
    public synchronized List<DecisionRecord> open(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        List<DecisionRecord> out = new ArrayList<>();
        for (DecisionRecord r : decisions.values()) {
            if (out.size() == limit) {
                break;
            }
            if (r.status() == DecisionStatus.OPEN) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public synchronized DecisionRecord resolve(long id, DecisionStatus to, String operator, Instant at) {
        Resolutions.checkTarget(to, operator, at);
        DecisionRecord current = decisions.get(id);
        if (current == null) {
            throw new IllegalStateException("no decision " + id);
        }
        if (current.status() != DecisionStatus.OPEN) {
            return Resolutions.alreadyResolved(current, to);
        }
        DecisionRecord r = current.resolved(to, operator, Instant.ofEpochMilli(at.toEpochMilli()));
        decisions.put(id, r);
        return r;
    }

    @Override
    public synchronized boolean voidCode(String code, long decisionId, Instant at) {
        Objects.requireNonNull(code, "code");
        Resolutions.requireStorable(at, "a voided code");
        return voided.putIfAbsent(code, decisionId) == null;
    }

    @Override
    public synchronized boolean isVoided(String code) {
        return voided.containsKey(Objects.requireNonNull(code, "code"));
    }
}
