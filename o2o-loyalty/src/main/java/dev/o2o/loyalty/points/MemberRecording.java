package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ObjLongConsumer;

/** What both member stores record of an evaluation, and how they combine two members. Stateless. */
final class MemberRecording {

    private MemberRecording() {
    }

    /** Each non-zero award by rule, and the total under {@link EarningHistory#ALL_RULES}. */
    static void forEachAward(Evaluation evaluation, ObjLongConsumer<String> add) {
        for (PointsAward a : evaluation.awards()) {
            if (a.points() == 0) {
                continue;
            }
            add.accept(a.ruleId(), a.points());
            add.accept(EarningHistory.ALL_RULES, a.points());
        }
    }

    /**
     * The scan whose code an evaluation claims: a scan that earned points. Its code is claimed for the
     * scanning member, and for every member if {@link EarningEvent.QrScan#oneTime} is set.
     */
    static Optional<EarningEvent.QrScan> claimingScan(Evaluation evaluation) {
        if (evaluation.event() instanceof EarningEvent.QrScan scan && evaluation.total() > 0) {
            return Optional.of(scan);
        }
        return Optional.empty();
    }

    /** {@code survivor}'s fields (or {@code absorbed}'s if there is none) with the purchases added. */
    static Member combined(Member survivor, Member absorbed, CustomerKey to) {
        if (survivor == null) {
            return new Member(to, absorbed.zone(), absorbed.birthday(), absorbed.tier(), absorbed.tierMultiplier(),
                    absorbed.tags(), absorbed.purchases());
        }
        return new Member(to, survivor.zone(), survivor.birthday().or(absorbed::birthday), survivor.tier(),
                survivor.tierMultiplier(), survivor.tags(), survivor.purchases() + absorbed.purchases());
    }

    static void requireDistinct(CustomerKey from, CustomerKey to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("the two customer keys must differ: " + to);
        }
    }
}
