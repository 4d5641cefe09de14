package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.TransactionException;
import dev.o2o.core.jdbc.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Where campaign state lives: seen event ids and their decisions, trigger fires (caps,
 * cool-downs, daily contacts, budgets, global caps), action results, mission progress and
 * referral links. Implementations must pass the conformance kit
 * {@code dev.o2o.testkit.campaign.CampaignStoreConformanceTest} in o2o-testkit.
 *
 * <p>Implementations must be thread-safe, and {@link #reserve} exact under concurrency: no
 * interleaving of calls lets a cap, a daily limit or a budget be exceeded.
 */
public interface CampaignStore {

    /** A thread-safe store in memory (state is lost with the process). */
    static CampaignStore inMemory() {
        return new InMemoryCampaignStore();
    }

    /**
     * A store in H2 or PostgreSQL tables named with the prefix, through core's JDBC layer
     * ({@link Transactions} at READ COMMITTED with its default retry). It creates no
     * table: call {@link #createSchema()} once before use. It holds instants in epoch nanoseconds,
     * 1677-09-21T00:12:43.145224192Z..2262-04-11T23:47:16.854775807Z, and refuses others with an
     * {@link IllegalArgumentException} before it writes ({@link CampaignEvent} refuses an event
     * outside that range on every store).
     */
    static CampaignStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcCampaignStore(Transactions.of(Objects.requireNonNull(dataSource, "dataSource")),
                TablePrefix.of(tablePrefix));
    }

    /**
     * Creates this store's tables and indexes if they do not exist yet ({@code CREATE ... IF NOT
     * EXISTS}: safe at every start, and calling it twice changes nothing). A JDBC store never creates
     * tables by itself, so call this once before first use (or run the DDL resource yourself); the
     * in-memory store has no schema and this does nothing.
     *
     * @throws TransactionException if a statement fails
     */
    default void createSchema() {
    }

    /** Marks the event id seen; false if it had been seen before. */
    boolean claimEvent(String eventId);

    /** Saves the actions planned for an event, for replays. */
    void saveDecision(String eventId, List<PlannedAction> actions);

    /** The actions planned for an event, if its evaluation finished. */
    Optional<List<PlannedAction>> decision(String eventId);

    /** Atomically checks the reservation's constraints and, if they all pass, records the fire. */
    Reservation.Outcome reserve(Reservation reservation);

    /**
     * One event's trigger phase in one step: reserves each fire in order, exactly as
     * {@link #reserve} called once per reservation would (a later one sees the fires reserved
     * before it), then saves as the event's decision ({@link #saveDecision}) what
     * {@code decision} makes of the outcomes. The engine evaluates an event with it.
     *
     * <p>The default does just that, call by call. The built-in stores do it atomically: the
     * in-memory store under its lock, the JDBC store in one transaction that locks each customer
     * once, reads the customer's fires and contact counts with one query and locks only the
     * totals of campaigns that may fire (a few statements per event instead of several per
     * trigger).
     *
     * @param eventId      the claimed event ({@link #claimEvent})
     * @param reservations the fires to reserve, in priority order
     * @param decision     the actions to save, from the outcomes (one per reservation, in order);
     *                     must be side-effect free: a store may call it again when it retries
     * @return the outcome of each reservation, in order
     */
    default List<Reservation.Outcome> reserveAndDecide(String eventId, List<Reservation> reservations,
                                                       Function<List<Reservation.Outcome>,
                                                               List<PlannedAction>> decision) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        List<Reservation.Outcome> outcomes = new ArrayList<>(reservations.size());
        for (Reservation r : reservations) {
            outcomes.add(reserve(r));
        }
        saveDecision(eventId, decision.apply(List.copyOf(outcomes)));
        return List.copyOf(outcomes);
    }

    /**
     * {@link #claimEvent} and {@link #reserveAndDecide} as one step: if the event id was seen
     * before, nothing is reserved or saved and the result is empty; otherwise the event is claimed,
     * the fires reserved and the decision saved. The engine uses it when it runs no missions or
     * referrals (which must see the claim first).
     *
     * <p>The default makes the two calls. The built-in stores do it atomically; the JDBC store in
     * one transaction that records the event with its decision last, and rolls back if the id was
     * there (a concurrent duplicate waits for the first to commit, then sees its fires).
     *
     * @return the outcome of each reservation, in order; empty for an event seen before
     */
    default Optional<List<Reservation.Outcome>> claimAndDecide(String eventId, List<Reservation> reservations,
                                                               Function<List<Reservation.Outcome>,
                                                                       List<PlannedAction>> decision) {
        Objects.requireNonNull(decision, "decision");
        if (!claimEvent(eventId)) {
            return Optional.empty();
        }
        return Optional.of(reserveAndDecide(eventId, reservations, decision));
    }

    /** Fires recorded for the campaign. */
    long fires(String campaignId);

    /** Budget consumed by the campaign, in minor units. */
    long spentMinor(String campaignId);

    /**
     * Records an action's result; false (and no change) if one was recorded under the key.
     *
     * @param actionKey the key, a text of at most 800 characters
     * @param result    the result, a text (tabs and line breaks are kept)
     * @throws IllegalArgumentException naming the parameter if the key is longer, or either holds NUL
     *                                  or an unpaired surrogate (no database stores them exactly); nothing
     *                                  is recorded
     */
    boolean recordResult(String actionKey, String result);

    /** The recorded result of an action. */
    Optional<String> result(String actionKey);

    /** A customer's progress in a mission. */
    Optional<MissionProgress> mission(CustomerKey customer, String missionId);

    /** All missions the customer is enrolled in. */
    List<MissionProgress> missions(CustomerKey customer);

    /**
     * Saves mission progress if nobody saved in between: version 1 inserts if absent, version
     * {@code n > 1} replaces version {@code n - 1}. False (and no change) otherwise.
     */
    boolean saveMission(MissionProgress progress);

    /** Saves an invite; false if the code exists or the inviter already has a code in the programme. */
    boolean saveInvite(Invite invite);

    /** The invite with this code. */
    Optional<Invite> invite(String code);

    /** The inviter's code in the programme. */
    Optional<Invite> inviteOf(String programId, CustomerKey inviter);

    /** All invites of the programme. */
    List<Invite> invites(String programId);

    /**
     * Saves a claim; false if the invitee has claimed a code in the programme before. A claim is
     * saved unconverted and converted by {@link #markConverted}.
     *
     * @throws IllegalArgumentException naming the programme and the conversion if the link is
     *                                  converted already (whether or not the invitee has a claim);
     *                                  nothing is saved
     */
    boolean saveReferral(ReferralLink link);

    /** The invitee's claim in the programme. */
    Optional<ReferralLink> referral(String programId, CustomerKey invitee);

    /** All claims of the programme, in claim order. */
    List<ReferralLink> referrals(String programId);

    /** Marks the invitee converted by a first order; true only the first time. */
    boolean markConverted(String programId, CustomerKey invitee, String orderId, Instant at);

    /**
     * A customer merge: the state kept under {@code from} follows {@code to}, atomically, recorded
     * under {@code mergeId}: trigger fires and daily contact counts (so caps, cool-downs and contact
     * limits count the merged customer once), mission progress (in a mission both were enrolled in,
     * the further progress is kept, see {@link CampaignMerges}), invite codes and referral claims
     * (unless the survivor has its own in the same programme: then they stay and are counted as
     * {@code kept}), and the inviter of every claim of {@code from}'s codes. Saved decisions and
     * action results are history and keep their keys. The same merge id again changes nothing and
     * returns the first counts, {@code replayed}.
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException}.
     *
     * @param mergeId the merge, an id of at most 200 characters
     * @throws IllegalArgumentException naming {@code mergeId} if it is not such an id
     *                                  ({@link dev.o2o.core.Ids#requireId}); nothing moves
     */
    default CampaignMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support customer merges");
    }

    /**
     * Erasure: replaces the key by {@code replacement} everywhere the store's API shows it: fires,
     * contact counts, missions, invites, referral claims, the customer of saved decisions and the
     * {@code ':'}-separated segments of action keys in decisions and results. Totals (fires, spend)
     * are kept.
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException}.
     *
     * @throws IllegalStateException if the replacement key holds campaign state already
     */
    default CampaignMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support erasure");
    }
}
