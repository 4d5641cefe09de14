package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The in-memory {@link CampaignStore}. One lock guards all state: reservations touch a
 * customer's counters and a campaign's budget together, and a single lock is the simplest way
 * to keep both exact; the production path is the database's.
 */
final class InMemoryCampaignStore implements CampaignStore {

    private record Key(String a, String b) {
    }

    private final Object lock = new Object();
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, List<PlannedAction>> decisions = new HashMap<>();
    /** (trigger, customer) -> fire instants. */
    private final Map<Key, List<Instant>> fires = new HashMap<>();
    /** (customer, local day) -> contacts. */
    private final Map<Key, Integer> daily = new HashMap<>();
    private final Map<String, Long> campaignFires = new HashMap<>();
    private final Map<String, Long> spent = new HashMap<>();
    private final Map<String, String> results = new HashMap<>();
    private final Map<Key, MissionProgress> missions = new HashMap<>();
    private final Map<String, Invite> invites = new HashMap<>();
    private final Map<Key, Invite> invitesByInviter = new HashMap<>();
    private final Map<Key, ReferralLink> referrals = new HashMap<>();
    private final List<Key> referralOrder = new ArrayList<>();
    /** Merges applied, by merge id. */
    private final Map<String, CampaignMove> merges = new HashMap<>();

    @Override
    public boolean claimEvent(String eventId) {
        synchronized (lock) {
            return seenEvents.add(eventId);
        }
    }

    @Override
    public void saveDecision(String eventId, List<PlannedAction> actions) {
        synchronized (lock) {
            decisions.putIfAbsent(eventId, List.copyOf(actions));
        }
    }

    @Override
    public Optional<List<PlannedAction>> decision(String eventId) {
        return find(decisions, eventId);
    }

    private static long countBetween(List<Instant> instants, Instant fromExclusive, Instant toExclusive) {
        long n = 0;
        for (Instant t : instants) {
            if (t.isAfter(fromExclusive) && t.isBefore(toExclusive)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Reservation.Outcome reserve(Reservation r) {
        synchronized (lock) {
            Key fireKey = new Key(r.triggerId(), r.customer().value());
            List<Instant> past = fires.getOrDefault(fireKey, List.of());
            Key dayKey = new Key(r.customer().value(), r.day());
            int contacts = daily.getOrDefault(dayKey, 0);
            Reservation.Outcome outcome = ReservationRules.customerChecks(r, (from, to) -> countBetween(past, from, to),
                    contacts);
            if (outcome != Reservation.Outcome.RESERVED) {
                return outcome;
            }
            long spentNow = spent.getOrDefault(r.campaignId(), 0L);
            long firesNow = campaignFires.getOrDefault(r.campaignId(), 0L);
            outcome = ReservationRules.campaignChecks(r, firesNow, spentNow);
            if (outcome != Reservation.Outcome.RESERVED) {
                return outcome;
            }
            fires.computeIfAbsent(fireKey, k -> new ArrayList<>()).add(r.at());
            daily.put(dayKey, contacts + 1);
            spent.put(r.campaignId(), spentNow + r.costMinor());
            campaignFires.put(r.campaignId(), firesNow + 1);
            return Reservation.Outcome.RESERVED;
        }
    }

    /** Under the one lock: atomic, and the lock is taken once per event rather than once per trigger. */
    @Override
    public List<Reservation.Outcome> reserveAndDecide(String eventId, List<Reservation> reservations,
                                                      Function<List<Reservation.Outcome>, List<PlannedAction>> decision) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        Reservation.Outcome[] outcomes = new Reservation.Outcome[reservations.size()];
        synchronized (lock) {
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = reserve(reservations.get(i));
            }
            List<Reservation.Outcome> list = List.of(outcomes);
            decisions.putIfAbsent(eventId, List.copyOf(decision.apply(list)));
            return list;
        }
    }

    @Override
    public Optional<List<Reservation.Outcome>> claimAndDecide(String eventId, List<Reservation> reservations,
                                                              Function<List<Reservation.Outcome>, List<PlannedAction>> decision) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        synchronized (lock) {
            if (!seenEvents.add(eventId)) {
                return Optional.empty();
            }
            return Optional.of(reserveAndDecide(eventId, reservations, decision));
        }
    }

    @Override
    public long fires(String campaignId) {
        synchronized (lock) {
            return campaignFires.getOrDefault(campaignId, 0L);
        }
    }

    @Override
    public long spentMinor(String campaignId) {
        synchronized (lock) {
            return spent.getOrDefault(campaignId, 0L);
        }
    }

    @Override
    public boolean recordResult(String actionKey, String result) {
        StoreValues.requireResult(actionKey, result);
        synchronized (lock) {
            return results.putIfAbsent(actionKey, result) == null;
        }
    }

    @Override
    public Optional<String> result(String actionKey) {
        return find(results, actionKey);
    }

    @Override
    public Optional<MissionProgress> mission(CustomerKey customer, String missionId) {
        return find(missions, new Key(customer.value(), missionId));
    }

    @Override
    public List<MissionProgress> missions(CustomerKey customer) {
        return sortedWhere(missions.values(), p -> p.customer().equals(customer),
                Comparator.comparing(MissionProgress::missionId));
    }

    @Override
    public boolean saveMission(MissionProgress progress) {
        synchronized (lock) {
            Key key = new Key(progress.customer().value(), progress.missionId());
            MissionProgress current = missions.get(key);
            long expected = current == null ? 0 : current.version();
            if (progress.version() != expected + 1) {
                return false;
            }
            missions.put(key, progress);
            return true;
        }
    }

    @Override
    public boolean saveInvite(Invite invite) {
        synchronized (lock) {
            Key byInviter = new Key(invite.programId(), invite.inviter().value());
            if (invites.containsKey(invite.code()) || invitesByInviter.containsKey(byInviter)) {
                return false;
            }
            invites.put(invite.code(), invite);
            invitesByInviter.put(byInviter, invite);
            return true;
        }
    }

    @Override
    public Optional<Invite> invite(String code) {
        return find(invites, code);
    }

    @Override
    public Optional<Invite> inviteOf(String programId, CustomerKey inviter) {
        return find(invitesByInviter, new Key(programId, inviter.value()));
    }

    @Override
    public List<Invite> invites(String programId) {
        return sortedWhere(invites.values(), i -> i.programId().equals(programId), Comparator.comparing(Invite::code));
    }

    @Override
    public boolean saveReferral(ReferralLink link) {
        link.requireUnconverted();
        synchronized (lock) {
            Key key = new Key(link.programId(), link.invitee().value());
            if (referrals.containsKey(key)) {
                return false;
            }
            referrals.put(key, link);
            referralOrder.add(key);
            return true;
        }
    }

    @Override
    public Optional<ReferralLink> referral(String programId, CustomerKey invitee) {
        return find(referrals, new Key(programId, invitee.value()));
    }

    @Override
    public List<ReferralLink> referrals(String programId) {
        synchronized (lock) {
            return referralOrder.stream().filter(k -> k.a().equals(programId)).map(referrals::get).toList();
        }
    }

    @Override
    public boolean markConverted(String programId, CustomerKey invitee, String orderId, Instant at) {
        synchronized (lock) {
            Key key = new Key(programId, invitee.value());
            ReferralLink link = referrals.get(key);
            if (link == null || link.converted()) {
                return false;
            }
            referrals.put(key, new ReferralLink(link.programId(), link.code(), link.inviter(), link.invitee(),
                    link.claimedAt(), Optional.of(orderId), Optional.of(at)));
            return true;
        }
    }

    @Override
    public CampaignMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        StoreValues.requireMergeId(mergeId);
        CustomerRename.requireDistinct(from, to);
        synchronized (lock) {
            CampaignMove done = merges.get(mergeId);
            if (done != null) {
                return done.asReplay();
            }
            CampaignMove move = move(from, to);
            merges.put(mergeId, move);
            return move;
        }
    }

    @Override
    public CampaignMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        CustomerRename.requireDistinct(customer, replacement);
        synchronized (lock) {
            String to = replacement.value();
            if (!holds(customer)) {
                return new CampaignMove(false, 0, 0, 0, 0, 0); // nothing to erase (also when run again)
            }
            if (holds(replacement)) {
                throw new IllegalStateException("the replacement key of an erasure holds campaign state already");
            }
            CampaignMove move = move(customer, replacement);
            for (Map.Entry<String, List<PlannedAction>> e : decisions.entrySet()) {
                List<PlannedAction> renamed = CustomerRename.renamed(e.getValue(), customer, replacement);
                if (renamed != null) {
                    e.setValue(renamed);
                }
            }
            for (String key : new ArrayList<>(results.keySet())) {
                String renamed = CustomerRename.segments(key, customer.value(), to);
                if (!renamed.equals(key)) {
                    results.put(renamed, results.remove(key));
                }
            }
            return move;
        }
    }

    /** Whether any fire, mission, invite or referral names the key; the caller holds the lock. */
    private boolean holds(CustomerKey key) {
        String k = key.value();
        return fires.keySet().stream().anyMatch(f -> f.b().equals(k))
                || missions.keySet().stream().anyMatch(m -> m.a().equals(k))
                || invitesByInviter.keySet().stream().anyMatch(i -> i.b().equals(k))
                || referrals.values().stream().anyMatch(l -> l.invitee().equals(key) || l.inviter().equals(key));
    }

    /** Moves every record of {@code from} to {@code to}; the caller holds the lock. */
    private CampaignMove move(CustomerKey from, CustomerKey to) {
        long fireCount = 0;
        for (Key k : new ArrayList<>(fires.keySet())) {
            if (k.b().equals(from.value())) {
                List<Instant> moved = fires.remove(k);
                fireCount += moved.size();
                fires.computeIfAbsent(new Key(k.a(), to.value()), x -> new ArrayList<>()).addAll(moved);
            }
        }
        for (Key k : new ArrayList<>(daily.keySet())) {
            if (k.a().equals(from.value())) {
                daily.merge(new Key(to.value(), k.b()), daily.remove(k), Integer::sum);
            }
        }
        long missionCount = 0;
        for (Key k : new ArrayList<>(missions.keySet())) {
            if (k.a().equals(from.value())) {
                Key target = new Key(to.value(), k.b());
                missions.put(target, CustomerRename.combined(missions.get(target), missions.remove(k), to));
                missionCount++;
            }
        }
        long inviteCount = 0;
        long kept = 0;
        for (Invite i : new ArrayList<>(invites.values())) {
            if (!i.inviter().equals(from)) {
                continue;
            }
            Key target = new Key(i.programId(), to.value());
            if (invitesByInviter.containsKey(target)) {
                kept++;
                continue;
            }
            Invite moved = new Invite(i.code(), i.programId(), to, i.createdAt());
            invites.put(i.code(), moved);
            invitesByInviter.remove(new Key(i.programId(), from.value()));
            invitesByInviter.put(target, moved);
            inviteCount++;
        }
        long referralCount = 0;
        for (int n = 0; n < referralOrder.size(); n++) {
            Key k = referralOrder.get(n);
            ReferralLink l = referrals.get(k);
            boolean asInvitee = l.invitee().equals(from);
            boolean asInviter = l.inviter().equals(from);
            if (!asInvitee && !asInviter) {
                continue;
            }
            Key key = k;
            CustomerKey invitee = l.invitee();
            if (asInvitee) {
                Key target = new Key(l.programId(), to.value());
                if (referrals.containsKey(target)) {
                    kept++;
                } else {
                    key = target;
                    invitee = to;
                }
            }
            if (key == k && !asInviter) {
                continue;
            }
            ReferralLink moved = new ReferralLink(l.programId(), l.code(), asInviter ? to : l.inviter(), invitee,
                    l.claimedAt(), l.firstOrderId(), l.convertedAt());
            if (key != k) {
                referrals.remove(k);
                referralOrder.set(n, key);
            }
            referrals.put(key, moved);
            // as JDBC counts its updates: the invitee moved, the inviter re-pointed
            referralCount += (key != k ? 1 : 0) + (asInviter ? 1 : 0);
        }
        return new CampaignMove(false, fireCount, missionCount, inviteCount, referralCount, kept);
    }

    /** The value under {@code key}, read under the lock. */
    private <V> Optional<V> find(Map<?, V> map, Object key) {
        synchronized (lock) {
            return Optional.ofNullable(map.get(key));
        }
    }

    /** The values that match {@code filter}, in {@code order}, read under the lock. */
    private <T> List<T> sortedWhere(Collection<T> values, Predicate<T> filter, Comparator<T> order) {
        synchronized (lock) {
            return values.stream().filter(filter).sorted(order).toList();
        }
    }
}
