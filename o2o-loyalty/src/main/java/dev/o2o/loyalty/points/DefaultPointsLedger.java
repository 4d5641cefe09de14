package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.LoyaltyGuard;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/** The ledger rules over any {@link LedgerStore}. Thread-safe (stateless apart from the store). */
final class DefaultPointsLedger implements PointsLedger {

    private static final int MAX_ATTEMPTS = 8;

    private final LedgerStore store;
    private final Clock clock;
    private final BackfillLimits backfill;
    private final LoyaltyGuard guard;

    DefaultPointsLedger(LedgerStore store, Clock clock) {
        this(store, clock, BackfillLimits.defaults());
    }

    DefaultPointsLedger(LedgerStore store, Clock clock, BackfillLimits backfill) {
        this(store, clock, backfill, LoyaltyGuard.allowAll());
    }

    DefaultPointsLedger(LedgerStore store, Clock clock, BackfillLimits backfill, LoyaltyGuard guard) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backfill = Objects.requireNonNull(backfill, "backfill");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public LedgerStore store() {
        return store;
    }

    private static LedgerEntry append(LedgerStore.Transaction tx, CustomerKey account, EntryType type, String sourceRef,
                                      Instant instant, OptionalLong reverses, long shortfall, String note,
                                      List<LotMovement> movements, long newLotPoints, Instant availableAt,
                                      Optional<Instant> expiresAt) {
        return tx.append(new EntryDraft(account, type, sourceRef, instant, reverses, shortfall, note, movements,
                newLotPoints, availableAt, expiresAt));
    }

    @Override
    public PostingResult post(Posting posting) {
        Objects.requireNonNull(posting, "posting");
        CustomerKey account = posting.account();
        checkBackfill(posting);
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                return store.inTransaction(account, tx -> apply(tx, posting, now));
            } catch (DuplicateKeyException e) {
                // another account took the same key concurrently: the next attempt finds its outcome
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Refuses, before any transaction, a posting whose own instant is outside the back-fill limits. */
    private void checkBackfill(Posting p) {
        if (p.postedAt().isPresent()) {
            backfill.check(p.postedAt().get(), clock.instant(), p);
        }
    }

    @Override
    public List<PostingResult> postAll(List<? extends Posting> postings) {
        List<Posting> list = List.copyOf(postings);
        if (list.isEmpty()) {
            return List.of();
        }
        SortedSet<CustomerKey> accounts = new TreeSet<>();
        List<IdempotencyKey> keys = new ArrayList<>(list.size());
        for (Posting p : list) {
            checkBackfill(p);
            accounts.add(p.account());
            keys.add(p.key());
        }
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                return store.inTransaction(accounts, tx -> {
                    tx.prefetch(keys);
                    List<PostingResult> out = new ArrayList<>(list.size());
                    for (Posting p : list) {
                        out.add(apply(tx, p, now));
                    }
                    return out;
                });
            } catch (DuplicateKeyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private PostingResult apply(LedgerStore.Transaction tx, Posting p, Instant clockNow) {
        IdempotencyKey key = p.key();
        Optional<LedgerEntry> existing = tx.entry(key);
        if (existing.isPresent()) {
            LedgerEntry e = existing.get();
            if (!e.account().equals(p.account())) {
                return PostingResult.rejected(PostingResult.Status.KEY_CONFLICT,
                        "key " + key.masked() + " was posted for another account");
            }
            return PostingResult.replayed(e);
        }
        Optional<LedgerStore.Rejection> refused = tx.rejection(key);
        if (refused.isPresent()) {
            LedgerStore.Rejection r = refused.get();
            if (!r.account().equals(p.account())) {
                return PostingResult.rejected(PostingResult.Status.KEY_CONFLICT,
                        "key " + key.masked() + " was posted for another account");
            }
            return PostingResult.rejectedAgain(r.status(), r.message());
        }
        // a back-filled posting is applied as of its own instant (checked against the clock before the transaction)
        Instant now = p.postedAt().orElse(clockNow);
        GuardVerdict verdict = guard.check(new GuardEvent.PointsPosting(p, now));
        if (verdict.denied()) {
            // not remembered as the key's first outcome: a denial writes nothing
            return PostingResult.rejected(PostingResult.Status.RISK_DENIED, "refused by the risk guard: " + verdict.reason());
        }
        PostingResult result = applyNew(tx, p, now);
        if (!result.isSuccess()) {
            // the first outcome of the key, so that a retry after the balance changed is refused alike
            String message = result.message();
            if (message.length() > LedgerStore.Rejection.MAX_MESSAGE) {
                message = message.substring(0, LedgerStore.Rejection.MAX_MESSAGE);
            }
            tx.recordRejection(new LedgerStore.Rejection(p.account(), p.type(), p.sourceRef(), result.status(),
                    message));
            return message.length() == result.message().length() ? result : PostingResult.rejected(result.status(), message);
        }
        return result;
    }

    private PostingResult applyNew(LedgerStore.Transaction tx, Posting p, Instant now) {
        if (p instanceof Posting.Earn earn) {
            Instant availableAt = earn.availableAt().orElse(now);
            if (earn.expiresAt().isPresent() && !earn.expiresAt().get().isAfter(availableAt)) {
                throw new IllegalArgumentException("expiresAt " + earn.expiresAt().get() + " of earning "
                        + Ids.describe(earn.sourceRef()) + " must be after its availability " + availableAt);
            }
            return PostingResult.posted(append(tx, p.account(), EntryType.EARN, p.sourceRef(), now,
                    OptionalLong.empty(), 0, earn.note(), List.of(), earn.points(), availableAt, earn.expiresAt()));
        }
        if (p instanceof Posting.Redeem redeem) {
            return consume(tx, p, redeem.points(), now, true, redeem.note(), EntryType.REDEEM);
        }
        if (p instanceof Posting.Adjust adjust) {
            if (adjust.points() > 0) {
                if (adjust.expiresAt().isPresent() && !adjust.expiresAt().get().isAfter(now)) {
                    throw new IllegalArgumentException("expiresAt " + adjust.expiresAt().get() + " of adjustment "
                            + Ids.describe(adjust.sourceRef()) + " must be after now " + now);
                }
                return PostingResult.posted(append(tx, p.account(), EntryType.ADJUST,
                        p.sourceRef(), now, OptionalLong.empty(), 0, adjust.note(), List.of(), adjust.points(), now,
                        adjust.expiresAt()));
            }
            return consume(tx, p, -adjust.points(), now, false, adjust.note(), EntryType.ADJUST);
        }
        return reverse(tx, (Posting.Reverse) p, now);
    }

    /** Takes {@code points} from lots earliest-expiry first (only spendable ones if {@code spendableOnly}). */
    private PostingResult consume(LedgerStore.Transaction tx, Posting p, long points, Instant now,
                                  boolean spendableOnly, String note, EntryType type) {
        Taker taker = new Taker(points, now, spendableOnly);
        tx.forEachOpenLot(p.account(), taker);
        long need = taker.need;
        List<LotMovement> moves = taker.moves;
        if (need > 0) {
            return PostingResult.rejected(PostingResult.Status.INSUFFICIENT_POINTS, "account needs " + points
                    + " " + (spendableOnly ? "spendable " : "") + "points, has " + (points - need));
        }
        return PostingResult.posted(append(tx, p.account(), type, p.sourceRef(), now,
                OptionalLong.empty(), 0, note, moves, 0, now, Optional.empty()));
    }

    /** Takes points from lots in the order visited; only spendable ones if asked. */
    private static final class Taker implements LedgerStore.LotVisitor {
        long need;
        final Instant now;
        final boolean spendableOnly;
        List<LotMovement> moves = List.of();

        Taker(long need, Instant now, boolean spendableOnly) {
            this.need = need;
            this.now = now;
            this.spendableOnly = spendableOnly;
        }

        @Override
        public boolean visit(long lotId, long remaining, Instant availableAt, Instant expiresAt) {
            if (spendableOnly && (availableAt.isAfter(now) || !expiresAt.isAfter(now))) {
                return true;
            }
            long take = Math.min(need, remaining);
            LotMovement m = new LotMovement(lotId, -take);
            if (moves.isEmpty()) {
                moves = List.of(m);
            } else {
                if (moves.size() == 1) {
                    List<LotMovement> grown = new ArrayList<>(4);
                    grown.add(moves.get(0));
                    moves = grown;
                }
                moves.add(m);
            }
            need -= take;
            return need > 0;
        }
    }

    private PostingResult reverse(LedgerStore.Transaction tx, Posting.Reverse r, Instant now) {
        Optional<LedgerEntry> found = tx.entry(r.original());
        if (found.isEmpty() || !found.get().account().equals(r.account())) {
            return PostingResult.rejected(PostingResult.Status.ORIGINAL_NOT_FOUND,
                    "no posting " + r.original().masked() + " on this account");
        }
        LedgerEntry original = found.get();
        if (now.isBefore(original.instant())) {
            throw new IllegalArgumentException("reversal " + r.key().masked() + " at " + now
                    + " would precede the entry it reverses, posted at " + original.instant());
        }
        if (original.type() == EntryType.EXPIRE || original.type() == EntryType.REVERSE
                || original.type() == EntryType.TRANSFER || original.points() == 0) {
            return PostingResult.rejected(PostingResult.Status.NOT_REVERSIBLE,
                    original.type() + " entry " + original.id() + " cannot be reversed");
        }
        long magnitude = Math.abs(original.points());
        long target = BigInteger.valueOf(magnitude).multiply(BigInteger.valueOf(r.numerator()))
                .divide(BigInteger.valueOf(r.denominator())).longValueExact();
        List<LedgerEntry> earlier = tx.reversalsOf(r.account(), original.id());
        long done = 0;
        for (LedgerEntry e : earlier) {
            done += Math.abs(e.points()) + e.shortfall();
        }
        long amount = target - done;
        if (amount <= 0) {
            return PostingResult.rejected(PostingResult.Status.NOTHING_TO_REVERSE, "earlier reversals moved "
                    + done + " of " + magnitude + " points, the requested share is " + target);
        }
        List<LotMovement> moves = new ArrayList<>(4);
        long shortfall = 0;
        if (original.points() > 0) {
            // take back earned points: from the lot they created first, then from any other lot
            long need = amount;
            Optional<Lot> own = tx.lot(r.account(), original.id());
            if (own.isPresent() && own.get().remaining() > 0) {
                long take = Math.min(need, own.get().remaining());
                moves.add(new LotMovement(original.id(), -take));
                need -= take;
            }
            if (need > 0) {
                for (Lot lot : tx.openLots(r.account())) {
                    if (need == 0) {
                        break;
                    }
                    if (lot.id() == original.id()) {
                        continue;
                    }
                    long take = Math.min(need, lot.remaining());
                    moves.add(new LotMovement(lot.id(), -take));
                    need -= take;
                }
            }
            shortfall = need;
        } else {
            // restore spent points into exactly the lots they came from, latest expiry first
            Map<Long, Long> restored = new HashMap<>();
            for (LedgerEntry e : earlier) {
                for (LotMovement m : e.movements()) {
                    restored.merge(m.lotId(), m.points(), Long::sum);
                }
            }
            List<LotMovement> consumed = original.movements();
            long need = amount;
            for (int i = consumed.size() - 1; i >= 0 && need > 0; i--) {
                LotMovement m = consumed.get(i);
                long left = -m.points() - restored.getOrDefault(m.lotId(), 0L);
                if (left <= 0) {
                    continue;
                }
                long give = Math.min(need, left);
                moves.add(new LotMovement(m.lotId(), give));
                need -= give;
            }
            if (need != 0) {
                throw new IllegalStateException("reversal of entry " + original.id() + " cannot place " + need
                        + " points back into the lots it used");
            }
        }
        String note = r.note().isEmpty() ? "reverses " + r.numerator() + "/" + r.denominator() + " of entry "
                + original.id() : r.note();
        return PostingResult.posted(append(tx, r.account(), EntryType.REVERSE, r.sourceRef(), now,
                OptionalLong.of(original.id()), shortfall, note, moves, 0, now, Optional.empty()));
    }

    @Override
    public ExpiryRun expire(Instant upTo) {
        Objects.requireNonNull(upTo, "upTo");
        Instant now = clock.instant();
        if (upTo.isAfter(now)) {
            // the entries are dated now: a later upTo would take points that are still spendable
            throw new IllegalArgumentException("upTo " + upTo + " of an expiry run is after the clock's instant " + now
                    + ": lots would expire before their expiry");
        }
        int entries = 0;
        long points = 0;
        List<ExpiryRun.Failure> failures = new ArrayList<>();
        for (CustomerKey account : store.accountsWithLotsDueBy(upTo)) {
            long[] counts;
            try {
                counts = store.inTransaction(account, tx -> expireAccount(tx, account, upTo));
            } catch (RuntimeException e) {
                // this account's transaction did not commit; the others go on and the counts stay true
                failures.add(new ExpiryRun.Failure(account, e));
                continue;
            }
            entries += (int) counts[0];
            points += counts[1];
        }
        return new ExpiryRun(upTo, entries, points, failures);
    }

    private long[] expireAccount(LedgerStore.Transaction tx, CustomerKey account, Instant upTo) {
        Instant now = clock.instant();
        long entries = 0;
        long points = 0;
        for (Lot lot : tx.openLots(account)) {
            if (!lot.expiredAt(upTo)) {
                break; // lots come earliest expiry first
            }
            // the movement count versions the key, so a lot refilled by a reversal can expire again
            String ref = "lot:" + lot.id() + ":" + tx.movementCount(account, lot.id());
            if (tx.entry(new IdempotencyKey(EntryType.EXPIRE, ref)).isPresent()) {
                continue;
            }
            append(tx, account, EntryType.EXPIRE, ref, now, OptionalLong.empty(), 0,
                    "expired at " + lot.expiresAt().get(), List.of(new LotMovement(lot.id(), -lot.remaining())), 0,
                    now, Optional.empty());
            entries++;
            points += lot.remaining();
        }
        return new long[] {entries, points};
    }

    @Override
    public Balance balance(CustomerKey account) {
        Instant now = clock.instant();
        long available = 0;
        long pending = 0;
        long due = 0;
        for (Lot lot : store.lots(account)) {
            if (lot.remaining() == 0) {
                continue;
            }
            if (lot.expiredAt(now)) {
                due += lot.remaining();
            } else if (lot.availableAt().isAfter(now)) {
                pending += lot.remaining();
            } else {
                available += lot.remaining();
            }
        }
        return new Balance(available + pending + due, available, pending, due);
    }

    @Override
    public InvariantCheck check(CustomerKey account) {
        // under the lock, so that the three counts see the same state
        return store.inTransaction(account, tx -> {
            long lots = 0;
            for (Lot lot : tx.openLots(account)) {
                lots += lot.remaining();
            }
            return new InvariantCheck(account, tx.balance(account), tx.entrySum(account), lots);
        });
    }

    @Override
    public long qualifyingPoints(CustomerKey account, Instant from, Instant to) {
        List<LedgerEntry> entries = store.entries(account);
        Map<Long, LedgerEntry> earns = new HashMap<>();
        long sum = 0;
        for (LedgerEntry e : entries) {
            if (e.type() == EntryType.EARN) {
                earns.put(e.id(), e);
                if (!e.instant().isBefore(from) && e.instant().isBefore(to)) {
                    sum += e.points();
                }
            }
        }
        for (LedgerEntry e : entries) {
            if (e.type() == EntryType.REVERSE && e.reverses().isPresent()) {
                LedgerEntry orig = earns.get(e.reverses().getAsLong());
                if (orig != null && !orig.instant().isBefore(from) && orig.instant().isBefore(to)) {
                    // the whole reversed share counts, including what could not be clawed back
                    sum -= Math.abs(e.points()) + e.shortfall();
                }
            }
        }
        return sum;
    }
}
