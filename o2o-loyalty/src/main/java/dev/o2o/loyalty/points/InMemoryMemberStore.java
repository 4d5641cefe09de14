package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link MemberStore#inMemory()}: one lock guards all state. Thread-safe. */
final class InMemoryMemberStore implements MemberStore {

    private final Object lock = new Object();
    private final Map<CustomerKey, Member> members = new HashMap<>();
    /** member -> rule -> day -> points. */
    private final Map<CustomerKey, Map<String, TreeMap<LocalDate, Long>>> earned = new HashMap<>();
    private final Map<String, CustomerKey> evaluations = new HashMap<>();
    /** member -> the QR codes its scans claimed, shared or one-time. */
    private final Map<CustomerKey, Set<String>> claimed = new HashMap<>();
    /** One-time codes claimed by anyone: claimed for every member, and kept through merges and erasure. */
    private final Set<String> oneTimeClaimed = new HashSet<>();

    @Override
    public void save(Member member) {
        Objects.requireNonNull(member, "member");
        synchronized (lock) {
            members.put(member.key(), member);
        }
    }

    @Override
    public Optional<Member> member(CustomerKey key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            return Optional.ofNullable(members.get(key));
        }
    }

    @Override
    public boolean record(CustomerKey member, String key, Evaluation evaluation) {
        Objects.requireNonNull(member, "member");
        Ids.requireId(key, "key");
        Objects.requireNonNull(evaluation, "evaluation");
        synchronized (lock) {
            if (evaluations.putIfAbsent(key, member) != null) {
                return false;
            }
            MemberRecording.forEachAward(evaluation, (rule, points) -> earned.computeIfAbsent(member, k -> new HashMap<>())
                    .computeIfAbsent(rule, r -> new TreeMap<>()).merge(evaluation.localDate(), points, Long::sum));
            MemberRecording.claimingScan(evaluation).ifPresent(scan -> {
                claimed.computeIfAbsent(member, k -> new HashSet<>()).add(scan.code());
                if (scan.oneTime()) {
                    oneTimeClaimed.add(scan.code());
                }
            });
            return true;
        }
    }

    @Override
    public EarningHistory history(CustomerKey member) {
        Objects.requireNonNull(member, "member");
        return new EarningHistory() {
            @Override
            public long earned(String ruleId, LocalDate from, LocalDate to) {
                synchronized (lock) {
                    TreeMap<LocalDate, Long> days = earned.getOrDefault(member, Map.of()).get(ruleId);
                    return days == null || from.isAfter(to) ? 0
                            : days.subMap(from, true, to, true).values().stream().mapToLong(Long::longValue).sum();
                }
            }

            @Override
            public long earnedTotal(String ruleId) {
                synchronized (lock) {
                    TreeMap<LocalDate, Long> days = earned.getOrDefault(member, Map.of()).get(ruleId);
                    return days == null ? 0 : days.values().stream().mapToLong(Long::longValue).sum();
                }
            }

            @Override
            public boolean codeClaimed(String code) {
                synchronized (lock) {
                    return oneTimeClaimed.contains(code) || claimed.getOrDefault(member, Set.of()).contains(code);
                }
            }
        };
    }

    @Override
    public long reassign(CustomerKey from, CustomerKey to) {
        MemberRecording.requireDistinct(from, to);
        synchronized (lock) {
            long rows = 0;
            Map<String, TreeMap<LocalDate, Long>> theirs = earned.remove(from);
            if (theirs != null) {
                Map<String, TreeMap<LocalDate, Long>> mine = earned.computeIfAbsent(to, k -> new HashMap<>());
                for (Map.Entry<String, TreeMap<LocalDate, Long>> rule : theirs.entrySet()) {
                    for (Map.Entry<LocalDate, Long> day : rule.getValue().entrySet()) {
                        mine.computeIfAbsent(rule.getKey(), r -> new TreeMap<>()).merge(day.getKey(), day.getValue(), Long::sum);
                        rows++;
                    }
                }
            }
            for (Map.Entry<String, CustomerKey> e : evaluations.entrySet()) {
                if (e.getValue().equals(from)) {
                    e.setValue(to);
                    rows++;
                }
            }
            Set<String> theirCodes = claimed.remove(from);
            if (theirCodes != null) {
                // a code both claimed stays claimed once for the survivor
                claimed.computeIfAbsent(to, k -> new HashSet<>()).addAll(theirCodes);
                rows += theirCodes.size();
            }
            Member old = members.remove(from);
            if (old != null) {
                members.put(to, MemberRecording.combined(members.get(to), old, to));
                rows++;
            }
            return rows;
        }
    }
}
