package dev.o2o.loyalty.points;

import java.time.LocalDate;

/**
 * A member's earlier awards, for caps and once-only rules. Dates are the member's local dates.
 * Hosts back it by their own storage; {@link MemberHistory} keeps it in memory.
 *
 * <p>Implementations must be safe for the threads that use them.
 */
public interface EarningHistory {

    /** The rule id that stands for all rules in {@link #earned}. */
    String ALL_RULES = "*";

    /** Points awarded by {@code ruleId} (or {@link #ALL_RULES}) on local dates {@code from..to} inclusive. */
    long earned(String ruleId, LocalDate from, LocalDate to);

    /** Points ever awarded by {@code ruleId}. */
    long earnedTotal(String ruleId);

    /**
     * Whether a scan of the QR code can no longer earn for this member: this member's scan of it earned
     * points, or, for a one-time code ({@link EarningEvent.QrScan#oneTime}), anyone's did.
     */
    boolean codeClaimed(String code);

    /** A history with nothing in it. */
    static EarningHistory empty() {
        return EmptyHistory.INSTANCE;
    }
}

/** The empty history. */
enum EmptyHistory implements EarningHistory {
    INSTANCE;

    @Override
    public long earned(String ruleId, LocalDate from, LocalDate to) {
        return 0;
    }

    @Override
    public long earnedTotal(String ruleId) {
        return 0;
    }

    @Override
    public boolean codeClaimed(String code) {
        return false;
    }
}
