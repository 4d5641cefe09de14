package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.StoreChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Makes the points ledger follow customer merges: the absorbed account's points move to the
 * surviving account as {@link EntryType#TRANSFER} entries, never by renaming the account.
 *
 * <h2>What a merge writes</h2>
 * In one transaction holding both accounts' locks: on the absorbed account one TRANSFER entry
 * with source reference {@code merge:<mergeId>} that empties every lot with points left (pending
 * and not yet expired-by-run lots included); on the surviving account, per lot moved, one
 * TRANSFER entry {@code merge:<mergeId>:<lotId>} whose new lot has the moved points and the
 * original lot's availability and expiry (its earning instant becomes the merge's). The idempotency
 * keys make a retry a replay: the same merge id moves nothing twice. An account with no points
 * gets no entries.
 *
 * <h2>Unmerge policy</h2>
 * Undoing a merge moves back, from the survivor to the returned key, what is left in the lots the
 * merge created there, lot by lot with their expiry ({@code unmerge:<mergeId>} and
 * {@code unmerge:<mergeId>:<lotId>}). Points the survivor has spent or that expired from those lots
 * are not restored (reported as {@code notReturned}); points earned on the survivor, before or after
 * the merge, stay there. Once undone, a merge id cannot be applied again: a new link makes a new
 * merge with a new id.
 *
 * <h2>Limits of the ledger model</h2>
 * Transferred points do not count as {@link PointsLedger#qualifyingPoints qualifying points} of the
 * survivor (they were earned by EARN entries of the absorbed account), and a refund of an order
 * earned on the absorbed account before the merge, posted as a reversal there, finds the points
 * gone and records a shortfall.
 *
 * <p>Erasure: {@link #erase} asks the store to {@link LedgerStore#renameForErasure rename} the
 * account, keeping every entry, lot and balance.
 *
 * <p>Thread-safe: every operation is one store transaction.
 */
public final class LedgerMerges implements CustomerDataStore {

    private static final int MAX_ATTEMPTS = 8;

    private final LedgerStore store;
    private final Clock clock;

    private LedgerMerges(LedgerStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Merges for a ledger whose accounts are the customer keys. */
    public static LedgerMerges of(LedgerStore store, Clock clock) {
        return new LedgerMerges(store, clock);
    }

    @Override
    public String name() {
        return "points";
    }

    @Override
    public StoreChange merge(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        CustomerKey from = merge.absorbed();
        CustomerKey to = merge.survivor();
        requireDistinct(from, to, merge);
        String ref = "merge:" + merge.mergeId();
        return withRetry(accounts(from, to), tx -> {
            Optional<LedgerEntry> done = tx.entry(new IdempotencyKey(EntryType.TRANSFER, ref));
            if (done.isPresent()) {
                return change(true, -done.get().points(), done.get().movements().size(), 0);
            }
            List<Lot> lots = tx.openLots(from);
            long moved = move(tx, from, to, lots, ref, "merge " + merge.mergeId());
            return change(false, moved, lots.size(), 0);
        });
    }

    @Override
    public StoreChange unmerge(CustomerMerge merge, CustomerKey returnTo) {
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(returnTo, "returnTo");
        CustomerKey from = merge.survivor();
        CustomerKey to = returnTo;
        requireDistinct(from, to, merge);
        String mergeRef = "merge:" + merge.mergeId();
        String ref = "unmerge:" + merge.mergeId();
        return withRetry(accounts(from, to), tx -> {
            Optional<LedgerEntry> done = tx.entry(new IdempotencyKey(EntryType.TRANSFER, ref));
            Optional<LedgerEntry> out = tx.entry(new IdempotencyKey(EntryType.TRANSFER, mergeRef));
            long transferred = out.map(e -> -e.points()).orElse(0L);
            if (done.isPresent()) {
                long back = -done.get().points();
                return change(true, back, done.get().movements().size(), transferred - back);
            }
            List<Lot> left = new ArrayList<>();
            for (LotMovement m : out.map(LedgerEntry::movements).orElse(List.of())) {
                Optional<LedgerEntry> in = tx.entry(new IdempotencyKey(EntryType.TRANSFER, mergeRef + ":" + m.lotId()));
                if (in.isEmpty() || !in.get().account().equals(from)) {
                    continue; // moved on by a later merge of the survivor: undo that one first
                }
                tx.lot(from, in.get().id()).filter(l -> l.remaining() > 0).ifPresent(left::add);
            }
            long back = move(tx, from, to, left, ref, "unmerge " + merge.mergeId());
            return change(false, back, left.size(), transferred - back);
        });
    }

    @Override
    public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(replacement, "replacement");
        long entries = store.renameForErasure(customer, replacement);
        return new StoreChange(name(), false, Map.of("accountsRenamed", entries > 0 ? 1L : 0L, "entries", entries));
    }

    /** Empties {@code lots} of {@code from} into new lots of {@code to}; returns the points moved. */
    private long move(LedgerStore.Transaction tx, CustomerKey from, CustomerKey to, List<Lot> lots, String ref, String note) {
        if (lots.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<LotMovement> out = new ArrayList<>(lots.size());
        long points = 0;
        for (Lot lot : lots) {
            out.add(new LotMovement(lot.id(), -lot.remaining()));
            points += lot.remaining();
        }
        LedgerEntry given = tx.append(new EntryDraft(from, EntryType.TRANSFER, ref, now, OptionalLong.empty(), 0,
                note + ": " + lots.size() + " lot(s) to the surviving account", out, 0, now, Optional.empty()));
        for (Lot lot : lots) {
            tx.append(new EntryDraft(to, EntryType.TRANSFER, ref + ":" + lot.id(), now, OptionalLong.empty(), 0,
                    note + ": lot " + lot.id() + " of entry " + given.id(), List.of(), lot.remaining(),
                    lot.availableAt(), lot.expiresAt()));
        }
        return points;
    }

    private <T> T withRetry(SortedSet<CustomerKey> accounts, Function<LedgerStore.Transaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.inTransaction(accounts, work);
            } catch (DuplicateKeyException e) {
                // a concurrent application of the same merge won: the next attempt replays it
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private StoreChange change(boolean replayed, long points, long lots, long notReturned) {
        return new StoreChange(name(), replayed, Map.of("points", points, "lots", lots, "notReturned", notReturned));
    }

    private static SortedSet<CustomerKey> accounts(CustomerKey a, CustomerKey b) {
        SortedSet<CustomerKey> set = new TreeSet<>();
        set.add(a);
        set.add(b);
        return set;
    }

    private static void requireDistinct(CustomerKey from, CustomerKey to, CustomerMerge merge) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("both keys of merge " + merge.mergeId() + " are one ledger account");
        }
    }
}
