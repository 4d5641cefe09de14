package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.PEOPLE_SQUARE;
import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.engine;
import static dev.o2o.campaign.Fixtures.pingOffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A trigger's cool-down or frequency window may be as long as a {@link Duration} goes ("once per
 * customer, ever"). The reservation's window bounds {@code at - window} and {@code at + window}
 * used to leave the instants' range: the in-memory store failed with {@code DateTimeException},
 * the JDBC store with {@code ArithmeticException: long overflow} (window in nanoseconds) or an
 * {@code IllegalArgumentException} naming an instant outside its years 1678..2262 that was no
 * event's.
 */
class TriggerLongWindowTest {

    private static final AtomicInteger DB = new AtomicInteger();
    private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private static List<CampaignStore> stores() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:trigger_long_window_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        CampaignStore jdbc = CampaignStore.jdbc(ds, "camp_");
        jdbc.createSchema();
        return List.of(CampaignStore.inMemory(), jdbc);
    }

    private static List<SuppressionReason> twoPings(CampaignEngine e) {
        assertEquals(1, e.evaluate(CampaignEvent.ping("p1", c("a"), T0, PEOPLE_SQUARE.location())).actions().size());
        Decisions second = e.evaluate(CampaignEvent.ping("p2", c("a"), T0.plus(Duration.ofDays(400)),
                PEOPLE_SQUARE.location()));
        assertEquals(List.of(), second.actions());
        return second.suppressed().stream().map(Suppression::reason).toList();
    }

    @Test
    void coolDownAsLongAsADurationGoesAllowsOneFireEver() {
        for (Duration coolDown : List.of(LONGEST, ChronoUnit.FOREVER.getDuration())) {
            for (CampaignStore store : stores()) {
                CampaignEngine e = engine(store).campaign(Campaign.of("geo"))
                        .trigger(pingOffer("t", "geo").coolDown(coolDown).build()).build();
                assertEquals(List.of(SuppressionReason.COOL_DOWN), twoPings(e), coolDown + " on " + store);
            }
        }
    }

    @Test
    void coolDownOfThreeCenturiesOnTheJdbcStore() {
        // longer than a long holds in nanoseconds: ArithmeticException 'long overflow'
        CampaignEngine e = engine(stores().get(1)).campaign(Campaign.of("geo"))
                .trigger(pingOffer("t", "geo").coolDown(Duration.ofDays(300 * 365)).build()).build();
        assertEquals(List.of(SuppressionReason.COOL_DOWN), twoPings(e));
    }

    @Test
    void coolDownOfTwoAndAHalfCenturiesOnTheJdbcStore() {
        // T0 + 250 years is past 2262: the store refused 'instant outside the JDBC store's range'
        CampaignEngine e = engine(stores().get(1)).campaign(Campaign.of("geo"))
                .trigger(pingOffer("t", "geo").coolDown(Duration.ofDays(250 * 365)).build()).build();
        assertEquals(List.of(SuppressionReason.COOL_DOWN), twoPings(e));
    }

    @Test
    void frequencyWindowAsLongAsADurationGoesCapsFiresEver() {
        for (CampaignStore store : stores()) {
            CampaignEngine e = engine(store).campaign(Campaign.of("geo"))
                    .trigger(pingOffer("t", "geo").frequencyCap(1, LONGEST).build()).build();
            assertEquals(List.of(SuppressionReason.FREQUENCY_CAP), twoPings(e), "on " + store);
        }
    }
}
