package dev.o2o.campaign;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.kpi.RateEstimate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A referral programme at work: invite codes, claims (self-referrals refused), two-sided
 * rewards on the invitee's first order within the window, share-to-unlock, and statistics.
 *
 * <p>Rewards come back as {@link PlannedAction}s with keys stable per programme, side and
 * customer, so each is planned at most once whatever the replays. Thread-safe: all state is in
 * the {@link CampaignStore}.
 */
public final class Referrals {

    private final ReferralProgram program;
    private final CampaignStore store;
    private final Clock clock;
    private final SelfReferralCheck selfCheck;

    private Referrals(ReferralProgram program, CampaignStore store, Clock clock, SelfReferralCheck selfCheck) {
        this.program = Objects.requireNonNull(program, "program");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.selfCheck = Objects.requireNonNull(selfCheck, "selfCheck");
    }

    /** Referrals of a programme over a store. */
    public static Referrals create(ReferralProgram program, CampaignStore store, Clock clock, SelfReferralCheck selfCheck) {
        return new Referrals(program, store, clock, selfCheck);
    }

    /** The programme. */
    public ReferralProgram program() {
        return program;
    }

    /**
     * The inviter's code, created on first call: 10 base-32 characters from a hash of the
     * programme and the inviter (so codes reveal nothing), with a suffix on the rare collision.
     */
    public Invite inviteCode(CustomerKey inviter) {
        Objects.requireNonNull(inviter, "inviter");
        for (int attempt = 0; ; attempt++) {
            Optional<Invite> existing = store.inviteOf(program.id(), inviter);
            if (existing.isPresent()) {
                return existing.get();
            }
            byte[] h = Hashing.sha256().hashString(program.id() + '\0' + inviter.value() + '\0' + attempt,
                    StandardCharsets.UTF_8).asBytes();
            String code = BaseEncoding.base32().omitPadding().encode(h).substring(0, 10);
            store.saveInvite(new Invite(code, program.id(), inviter, clock.instant()));
        }
    }

    /** Claims a code for an invitee at the clock's instant. */
    public ClaimResult claim(String code, CustomerKey invitee, Optional<Identifier> inviteeDevice) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(invitee, "invitee");
        Objects.requireNonNull(inviteeDevice, "inviteeDevice");
        Optional<Invite> invite = store.invite(code).filter(i -> i.programId().equals(program.id()));
        if (invite.isEmpty()) {
            return new ClaimResult(ClaimResult.Status.UNKNOWN_CODE, List.of());
        }
        CustomerKey inviter = invite.get().inviter();
        if (selfCheck.isSelf(inviter, invitee, inviteeDevice)) {
            return new ClaimResult(ClaimResult.Status.SELF_REFERRAL, List.of());
        }
        if (!store.saveReferral(new ReferralLink(program.id(), code, inviter, invitee, clock.instant(), Optional.empty(),
                Optional.empty()))) {
            return new ClaimResult(ClaimResult.Status.ALREADY_CLAIMED, List.of());
        }
        List<PlannedAction> actions = new ArrayList<>();
        if (program.unlockClaims() > 0) {
            // the inviter's unlockClaims-th claim in claim order plans it: a count taken after saving
            // could include claims saved since, so that no claim saw the threshold itself; the key
            // makes a repeat harmless
            List<ReferralLink> claims = store.referrals(program.id()).stream()
                    .filter(l -> l.inviter().equals(inviter)).toList();
            if (claims.size() >= program.unlockClaims()
                    && claims.get(program.unlockClaims() - 1).invitee().equals(invitee)) {
                actions.add(new PlannedAction("referral:" + program.id() + ":unlock:" + inviter.value(), inviter,
                        program.id(), "unlock", program.unlockReward().get()));
            }
        }
        return new ClaimResult(ClaimResult.Status.CLAIMED, actions);
    }

    /**
     * The two-sided rewards if this order is the invitee's first within the window of the
     * claim; empty otherwise (not an order, no claim, outside the window, or converted before).
     */
    public List<PlannedAction> onOrder(CampaignEvent order) {
        Objects.requireNonNull(order, "order");
        if (order.kind() != CampaignEvent.Kind.ORDER) {
            return List.of();
        }
        Optional<ReferralLink> link = store.referral(program.id(), order.customer());
        if (link.isEmpty() || link.get().converted()) {
            return List.of();
        }
        Instant claimed = link.get().claimedAt();
        // compared as a duration: claimed.plus(window) overflows for a window as long as a Duration goes
        if (order.at().isBefore(claimed) || Duration.between(claimed, order.at()).compareTo(program.window()) > 0) {
            return List.of();
        }
        if (!store.markConverted(program.id(), order.customer(), order.id(), order.at())) {
            return List.of();
        }
        String base = "referral:" + program.id() + ":" + order.customer().value();
        return List.of(
                new PlannedAction(base + ":inviter", link.get().inviter(), program.id(), "inviter", program.inviterReward()),
                new PlannedAction(base + ":invitee", order.customer(), program.id(), "invitee", program.inviteeReward()));
    }

    /** K-factor and invite conversion per inviter segment (segments in name order). */
    public List<ReferralStats> stats(Function<CustomerKey, String> segmentOf) {
        Objects.requireNonNull(segmentOf, "segmentOf");
        Map<String, long[]> counts = new TreeMap<>();
        for (Invite i : store.invites(program.id())) {
            counts.computeIfAbsent(segmentOf.apply(i.inviter()), s -> new long[3])[0]++;
        }
        for (ReferralLink l : store.referrals(program.id())) {
            long[] c = counts.computeIfAbsent(segmentOf.apply(l.inviter()), s -> new long[3]);
            c[1]++;
            if (l.converted()) {
                c[2]++;
            }
        }
        List<ReferralStats> out = new ArrayList<>();
        counts.forEach((segment, c) -> out.add(new ReferralStats(segment, c[0], c[1], c[2],
                c[0] == 0 ? 0 : (double) c[2] / c[0], RateEstimate.wilson(c[2], c[1]))));
        return out;
    }
}
