package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static dev.o2o.campaign.Fixtures.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event the engine refuses leaves nothing behind. A spend mission refuses an order in another
 * currency; that refusal came after the event id was claimed, so the same event sent again (after
 * the host fixed nothing, or converted the amount) was a "duplicate" with no actions: its triggers
 * never fired.
 */
class RefusedEventTest {

    @Test
    void anOrderASpendMissionRefusesIsNotClaimed() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.spend("spend300", cny("300.00"), Action.issueCoupon("gift", cny("20.00"))))
                .campaign(Campaign.of("thanks"))
                .trigger(Trigger.builder("thanks-t", "thanks").when(EventPredicate.order())
                        .action(Action.notify("push", "thank-you")).build())
                .build();
        e.enrol(c("a"), "spend300");
        CampaignEvent usd = CampaignEvent.onlineOrder("o1", c("a"), T0.plusSeconds(1), Money.of("12.00", "USD"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> e.evaluate(usd));
        assertEquals("mission 'spend300': order 'o1' is in USD, the mission in CNY", refused.getMessage());
        // refused again, not taken for a duplicate
        assertEquals(refused.getMessage(), assertThrows(IllegalArgumentException.class, () -> e.evaluate(usd)).getMessage());
        // the same order id, in the mission's currency: its trigger fires
        Decisions fixed = e.evaluate(CampaignEvent.onlineOrder("o1", c("a"), T0.plusSeconds(1), cny("90.00")));
        assertFalse(fixed.replay());
        assertEquals(List.of("o1/thanks-t/0"), fixed.actions().stream().map(PlannedAction::key).toList());
    }
}
