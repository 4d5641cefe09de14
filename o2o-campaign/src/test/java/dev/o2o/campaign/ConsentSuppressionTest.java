package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.engine;
import static dev.o2o.campaign.Fixtures.pingOffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.consent.ConsentChange;
import dev.o2o.core.consent.ConsentPurpose;
import dev.o2o.core.consent.ConsentStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine asks a consent check before a trigger acts, and caps are not used up by refusals. */
class ConsentSuppressionTest {

    private static final GeoPoint NEAR_S1 = GeoPoint.of(31.2500, 121.4737);
    private final ConsentStore consent = ConsentStore.inMemory();
    private final CampaignStore store = CampaignStore.inMemory();
    private final CampaignEngine engine = engine(store).consent(consent).campaign(Campaign.of("c"))
            .trigger(Trigger.builder("welcome", "c").when(EventPredicate.checkIn()).action(Action.notify("push", "hi"))
                    .build())
            .trigger(pingOffer("geo", "c").build()).build();
    private int seq;

    private List<SuppressionReason> checkIn(String who, Duration after) {
        return engine.evaluate(CampaignEvent.checkIn("e" + seq++, c(who), T0.plus(after), "s1")).suppressed().stream()
                .map(Suppression::reason).toList();
    }

    @Test
    void marketingNeedsAGrantInForceAtTheEventsInstant() {
        consent.record(ConsentChange.grant(c("yes"), ConsentPurpose.MARKETING_MESSAGES, T0.minusSeconds(60), "app"));
        consent.record(ConsentChange.grant(c("gone"), ConsentPurpose.MARKETING_MESSAGES, T0.minusSeconds(60), "app"));
        consent.record(ConsentChange.withdraw(c("gone"), ConsentPurpose.MARKETING_MESSAGES, T0.plusSeconds(30), "sms-stop"));

        assertEquals(List.of(), checkIn("yes", Duration.ZERO));
        assertEquals(List.of(SuppressionReason.NO_CONSENT), checkIn("never", Duration.ZERO));
        assertEquals(List.of(), checkIn("gone", Duration.ZERO));
        assertEquals(List.of(SuppressionReason.NO_CONSENT), checkIn("gone", Duration.ofMinutes(1)));
        // only the two check-ins with consent fired: a refusal uses no contact or cap
        assertEquals(2, store.fires("c"));
    }

    @Test
    void aLocationOfferAlsoNeedsLocationConsent() {
        consent.record(ConsentChange.grant(c("a"), ConsentPurpose.MARKETING_MESSAGES, T0, "app"));
        CampaignEvent first = CampaignEvent.ping("p1", c("a"), T0, NEAR_S1);
        assertEquals(List.of(SuppressionReason.NO_CONSENT),
                engine.evaluate(first).suppressed().stream().map(Suppression::reason).toList());

        consent.record(ConsentChange.grant(c("a"), ConsentPurpose.LOCATION, T0, "app-prompt"));
        Decisions d = engine.evaluate(CampaignEvent.ping("p2", c("a"), T0.plusSeconds(1), NEAR_S1));
        assertEquals(1, d.actions().size());
        assertEquals(List.of(), d.suppressed());
    }

    @Test
    void consentCanBeSetOnce() {
        CampaignEngine.Builder b = engine(CampaignStore.inMemory()).consent(consent);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> b.consent(consent));
    }
}
