package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The member state earning rules need, kept so that caps and once-only rules survive a restart:
 * the {@link Member} (tier, purchase count, birthday, zone, tags) and the {@link EarningHistory}
 * (points per rule and local day, QR codes claimed).
 *
 * <p>Use: load the member, evaluate, post the earning to the ledger, then {@link #record} the
 * evaluation under the posting's source reference, so that a retried order records nothing twice:
 * <pre>{@code
 * Member m = members.member(key).orElse(Member.of(key, zone));
 * Evaluation ev = rules.evaluate(m, event, members.history(key));
 * ev.toEarn(account, available, expires).ifPresent(ledger::post);
 * members.record(key, orderId, ev);
 * members.save(m.withPurchases(m.purchases() + 1));
 * }</pre>
 * A scan that earned claims its QR code the way {@link EarningEvent.QrScan} earns: a shared code (a
 * poster) for the scanning member only, so {@link EarningHistory#codeClaimed} is true in that member's
 * history and every other member may still earn on it once; a one-time code
 * ({@link EarningEvent.QrScan#oneTime}) for every member. Caps are exact when a member's evaluations
 * are not run concurrently (evaluate-then-record is two steps); the host serialises them per member,
 * for example by the member's queue partition.
 *
 * <p>Every store passes {@code dev.o2o.testkit.points.MemberStoreConformanceTest}. Implementations
 * are thread-safe.
 */
public interface MemberStore {

    /** A store in memory (lost with the process). */
    static MemberStore inMemory() {
        return new InMemoryMemberStore();
    }

    /**
     * A store in H2 or PostgreSQL tables named with the prefix, on core's JDBC layer at READ
     * COMMITTED with its default retries. It creates no table: call {@link #createSchema()} once
     * before use.
     *
     * @param tablePrefix for example {@code "member_"}: a lower-case letter followed by up to 30
     *                    lower-case letters, digits or underscores
     */
    static MemberStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcMemberStore(Transactions.of(Objects.requireNonNull(dataSource, "dataSource")),
                TablePrefix.of(tablePrefix));
    }

    /**
     * Creates this store's tables and indexes if they do not exist yet ({@code CREATE ... IF NOT
     * EXISTS}: safe at every start, and calling it twice changes nothing). A JDBC store never creates
     * tables by itself, so call this once before first use (or run the DDL resource yourself); the
     * in-memory store has no schema and this does nothing.
     *
     * @throws dev.o2o.core.jdbc.TransactionException if a statement fails
     */
    default void createSchema() {
    }

    /** Saves a member, replacing what was stored under its key. */
    void save(Member member);

    /** The stored member. */
    Optional<Member> member(CustomerKey key);

    /**
     * Records the awards of an evaluation (per rule and for {@link EarningHistory#ALL_RULES}, on its
     * local date) and the QR code of a scan that earned, atomically and once per {@code key}.
     *
     * @param key the evaluation's idempotency key, for example the order id or the posting's source
     *            reference (an id of at most 200 characters)
     * @return false if an evaluation was recorded under the key before (nothing changes)
     */
    boolean record(CustomerKey member, String key, Evaluation evaluation);

    /** The member's history, read from the store at each call. */
    EarningHistory history(CustomerKey member);

    /**
     * Moves everything of {@code from} to {@code to}: earned points are added to {@code to}'s per rule
     * and day (so caps count the merged member once), claimed codes (a code both claimed stays claimed
     * once) and recorded keys follow, and the purchase counts are added. {@code to}'s member fields win;
     * a birthday is taken from {@code from} if {@code to} has none, a member row moves whole if
     * {@code to} has none. Returns the rows moved.
     */
    long reassign(CustomerKey from, CustomerKey to);

    /**
     * This store as a {@link CustomerDataStore} named {@code "members"}: a merge
     * {@link #reassign reassigns}; an unmerge moves nothing back (earnings cannot be split by who made
     * them: the survivor's caps keep counting them, the split-off key starts afresh); an erasure
     * reassigns to the pseudonym and removes the birthday and tags, keeping the counters.
     */
    default CustomerDataStore asCustomerData() {
        return CustomerDataStore.reassigning("members", "rows", this::reassign, (customer, replacement) -> {
            long rows = reassign(customer, replacement);
            member(replacement).ifPresent(m -> save(new Member(replacement, m.zone(), Optional.empty(), m.tier(),
                    m.tierMultiplier(), Set.of(), m.purchases())));
            return rows;
        });
    }
}
