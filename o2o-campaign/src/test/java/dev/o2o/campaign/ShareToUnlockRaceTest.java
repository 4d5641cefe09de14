package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.test.TestClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Share-to-unlock under interleaved claims: Referrals says it is thread-safe and that a race is
 * harmless. Two claims that both saved before either counted each saw one claim past the
 * threshold, so neither planned the inviter's unlock reward and it was lost for good.
 */
class ShareToUnlockRaceTest {

    private static final ReferralProgram PROGRAM = ReferralProgram.of("friends", Duration.ofDays(14),
            Action.awardPoints(200, cny("2.00")), Action.issueCoupon("welcome", cny("10.00")))
            .withShareToUnlock(2, Action.issueCoupon("gift", cny("30.00")));

    @Test
    void aClaimThatSavesWhileAnotherIsBetweenSavingAndCountingStillUnlocks() {
        CampaignStore memory = CampaignStore.inMemory();
        List<Runnable> afterSave = new ArrayList<>();
        // a store that runs another thread's claim right after this one saved it (the interleaving, made explicit)
        CampaignStore store = (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                    Object out;
                    try {
                        out = method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("saveReferral") && !afterSave.isEmpty()) {
                        afterSave.remove(0).run();
                    }
                    return out;
                });
        Referrals r = Referrals.create(PROGRAM, store, new TestClock(T0), SelfReferralCheck.sameKey());
        String code = r.inviteCode(c("alice")).code();
        assertEquals(List.of(), r.claim(code, c("f1"), Optional.empty()).actions());
        List<PlannedAction> third = new ArrayList<>();
        afterSave.add(() -> third.addAll(r.claim(code, c("f3"), Optional.empty()).actions()));
        List<PlannedAction> second = r.claim(code, c("f2"), Optional.empty()).actions();
        List<String> planned = new ArrayList<>();
        second.forEach(p -> planned.add("f2 " + p.key()));
        third.forEach(p -> planned.add("f3 " + p.key()));
        // f2 is alice's second claim: it plans the unlock, once
        assertEquals(List.of("f2 referral:friends:unlock:alice"), planned);
    }
}
