package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.Money;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * Amounts the campaign module takes in are held below core's one limit, 10^12 major units
 * ({@link Money#requireBelowLimit}); larger ones used to be accepted and then failed inside
 * {@link CampaignEngine#evaluate} with a bare {@code ArithmeticException: Overflow} (minor units
 * past a long), or wrapped a mission's spend sum negative.
 */
class AmountLimitTest {

    /** 10^17 CNY: 10^19 fen, more than a long holds. */
    private static final Money HUGE = new Money(new BigDecimal("1E+17"), Currency.getInstance("CNY"));
    /** 5 * 10^16 CNY: 5 * 10^18 fen, a long, but two of them are not. */
    private static final Money HALF_HUGE = new Money(new BigDecimal("5E+16"), Currency.getInstance("CNY"));

    @Test
    void campaignBudgetAtOrAboveTheLimitIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Campaign.of("geo").withBudget(HUGE));
        assertEquals("campaign 'geo': budget is out of range: 1.000E+17 CNY; must be below 10^12", e.getMessage());
        // the largest amount is still a budget
        assertEquals(cny("999999999999.99"), Campaign.of("geo").withBudget(cny("999999999999.99")).budget().orElseThrow());
    }

    @Test
    void actionCostAtOrAboveTheLimitIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Action.issueCoupon("gift", HUGE));
        assertEquals("cost is out of range: 1.000E+17 CNY; must be below 10^12", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Action.awardPoints(10, HUGE));
        assertEquals("cost is out of range: 1.000E+17 CNY; must be below 10^12", e.getMessage());
    }

    @Test
    void orderAmountAtOrAboveTheLimitIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CampaignEvent.onlineOrder("o1", c("a"), T0, HALF_HUGE));
        assertEquals("amount of event 'o1' is out of range: 5.000E+16 CNY; must be below 10^12", e.getMessage());
    }

    @Test
    void spendMissionStepsNearTheLargestLongStillComplete() {
        Mission.Spend m = Mission.spend("spend", cny("100.00"), Action.issueCoupon("gift", cny("1.00")));
        MissionStep big = new MissionStep("o1", MissionStep.Kind.ONLINE_ORDER, "", T0, Long.MAX_VALUE - 1);
        MissionStep small = new MissionStep("o2", MissionStep.Kind.ONLINE_ORDER, "", T0, 4_000);
        // the sum of the two wraps negative: it left the mission incomplete
        assertEquals(true, m.isComplete(java.util.List.of(small, big, big)));
        assertEquals(false, m.isComplete(java.util.List.of(small, small)));
        assertEquals(true, m.isComplete(java.util.List.of(small, small, small)));
    }

    @Test
    void spendMissionTotalAtOrAboveTheLimitIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mission.spend("big", HUGE, Action.issueCoupon("gift", cny("1.00"))));
        assertEquals("mission 'big': total is out of range: 1.000E+17 CNY; must be below 10^12", e.getMessage());
    }
}
