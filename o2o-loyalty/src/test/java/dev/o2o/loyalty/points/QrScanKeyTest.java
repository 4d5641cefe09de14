package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.test.TestClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 23: a QR code earns once per member and code, never across members (unless it is one-time). */
class QrScanKeyTest {

    static final Instant T0 = Instant.parse("2026-05-06T02:00:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), new TestClock(T0));
    private final RuleSet rules = RuleSet.builder().add(EarningRule.qrScan("qr", 5)).build();

    private PostingResult scan(String account, EarningEvent.QrScan event, MemberHistory history) {
        Member m = Member.of(CustomerKey.of(account), SHANGHAI);
        Evaluation ev = rules.evaluate(m, event, history);
        history.record(ev);
        return ev.toEarn(CustomerKey.of(account), Optional.empty(), Optional.empty()).map(ledger::post)
                .orElse(PostingResult.rejected(PostingResult.Status.NOTHING_TO_REVERSE, "no award"));
    }

    @Test
    void aPosterCodeScannedByASecondMemberEarnsAndNotTwiceByTheSameMember() {
        MemberHistory h1 = new MemberHistory();
        MemberHistory h2 = new MemberHistory();
        EarningEvent.QrScan poster = new EarningEvent.QrScan("POSTER-7", "s1", T0);
        assertEquals(PostingResult.Status.POSTED, scan("m1", poster, h1).status());
        assertEquals(PostingResult.Status.POSTED, scan("m2", poster, h2).status());
        assertEquals(5, ledger.balance(CustomerKey.of("m1")).available());
        assertEquals(5, ledger.balance(CustomerKey.of("m2")).available());
        // the same member again: the rule awards nothing, and a replayed posting changes nothing
        assertEquals(0, rules.evaluate(Member.of(CustomerKey.of("m1"), SHANGHAI), poster, h1).total());
        Posting.Earn again = new Evaluation(poster, T0.atZone(SHANGHAI).toLocalDate(),
                java.util.List.of(new PointsAward("qr", 5, PointsAward.Kind.BONUS, "again")), 5)
                .toEarn(CustomerKey.of("m1"), Optional.empty(), Optional.empty()).orElseThrow();
        assertEquals(PostingResult.Status.REPLAYED, ledger.post(again).status());
        assertEquals(5, ledger.balance(CustomerKey.of("m1")).available());
    }

    @Test
    void aOneTimeCodeEarnsForOneMemberOnly() {
        EarningEvent.QrScan receipt = EarningEvent.QrScan.oneTime("RECEIPT-1", "s1", T0);
        assertEquals(PostingResult.Status.POSTED, scan("m1", receipt, new MemberHistory()).status());
        assertEquals(PostingResult.Status.KEY_CONFLICT, scan("m2", receipt, new MemberHistory()).status());
        assertEquals(0, ledger.balance(CustomerKey.of("m2")).total());
    }

    @Test
    void perMemberReferencesAreUnambiguousAndFitTheIdLimit() {
        EarningEvent.QrScan a = new EarningEvent.QrScan("b:c", "s1", T0);
        EarningEvent.QrScan b = new EarningEvent.QrScan("c", "s1", T0);
        // account "a" with code "b:c" and account "a:b" with code "c" must not share a key
        org.junit.jupiter.api.Assertions.assertNotEquals(a.ledgerRef(CustomerKey.of("a")), b.ledgerRef(CustomerKey.of("a:b")));
        String longCode = "C".repeat(190);
        String ref = new EarningEvent.QrScan(longCode, "s1", T0).ledgerRef(CustomerKey.of("member-" + "9".repeat(100)));
        org.junit.jupiter.api.Assertions.assertTrue(ref.startsWith("qr#") && ref.length() == 3 + 64, ref);
        assertEquals("qr:" + longCode, EarningEvent.QrScan.oneTime(longCode, "s1", T0).ledgerRef(CustomerKey.of("m1")));
    }
}
