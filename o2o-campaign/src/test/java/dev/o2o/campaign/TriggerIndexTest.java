package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static dev.o2o.campaign.Fixtures.engine;
import static dev.o2o.campaign.Fixtures.pingOffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.campaign.CampaignEvent.Kind;
import dev.o2o.core.GeoPoint;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine tests a trigger only on the event kinds its predicate names; decisions keep priority order across kinds. */
class TriggerIndexTest {

    private static final GeoPoint NEAR_S1 = GeoPoint.of(31.2500, 121.4737);

    @Test
    void builtInPredicatesNameTheirKindAndAndIntersects() {
        assertEquals(Set.of(Kind.LOCATION_PING), EventPredicate.ping().kinds());
        assertEquals(Set.of(Kind.ORDER), EventPredicate.orderAtLeast(cny("10.00")).kinds());
        assertEquals(Set.of(Kind.CUSTOM), EventPredicate.custom("x").kinds());
        assertEquals(Set.of(Kind.POINTS_THRESHOLD), EventPredicate.pointsReached(10).kinds());
        assertEquals(Set.of(), EventPredicate.checkIn().and(EventPredicate.ping()).kinds());
        EventPredicate anyBigValue = e -> e.value() > 5;
        assertEquals(EnumSet.allOf(Kind.class), anyBigValue.kinds());
        assertEquals(Set.of(Kind.ORDER), anyBigValue.and(EventPredicate.order()).kinds());
        // the kind still guards test: an order predicate refuses a ping whatever the rest says
        EventPredicate order = EventPredicate.order();
        assertEquals(false, order.test(CampaignEvent.ping("p", c("a"), T0, NEAR_S1)));
        assertEquals(true, order.test(CampaignEvent.onlineOrder("o", c("a"), T0, cny("1.00"))));
    }

    @Test
    void aLambdaPredicateIsTestedOnEveryKindAndSuppressionsKeepPriorityOrder() {
        // priorities: ping offer 9, lambda (any ping or check-in of customer "a") 5, ping offer 1
        EventPredicate customerA = e -> e.customer().value().equals("a");
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo")).maxContactsPerDay(2)
                .trigger(pingOffer("high", "geo").priority(9).build())
                .trigger(Trigger.builder("mid", "geo").priority(5).when(customerA).action(Action.issueCoupon("welcome", cny("1.00"))).build())
                .trigger(pingOffer("low", "geo").priority(1).build())
                .trigger(Trigger.builder("checkin", "geo").priority(7).when(EventPredicate.checkIn())
                        .action(Action.issueCoupon("gift", cny("1.00"))).build())
                .build();
        Decisions ping = e.evaluate(CampaignEvent.ping("p1", c("a"), T0, NEAR_S1));
        assertEquals(List.of("high", "mid"), ping.actions().stream().map(PlannedAction::ruleId).toList());
        assertEquals(List.of(new Suppression("geo", "low", SuppressionReason.DAILY_CONTACT_LIMIT)), ping.suppressed());
        // a check-in of "a" next day: the check-in trigger and the lambda, in priority order
        Decisions checkIn = e.evaluate(CampaignEvent.checkIn("c1", c("a"), T0.plusSeconds(86_400), "s1"));
        assertEquals(List.of("checkin", "mid"), checkIn.actions().stream().map(PlannedAction::ruleId).toList());
        // customer "b" pings: the lambda does not match, both offers act
        Decisions other = e.evaluate(CampaignEvent.ping("p2", c("b"), T0, NEAR_S1));
        assertEquals(List.of("high", "low"), other.actions().stream().map(PlannedAction::ruleId).toList());
    }
}
