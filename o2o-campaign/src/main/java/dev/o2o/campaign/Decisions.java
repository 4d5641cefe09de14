package dev.o2o.campaign;

import java.util.List;
import java.util.Objects;

/**
 * What the engine decided for one event: the actions to run and the suppressed triggers
 * with their reasons.
 *
 * <p>On a replayed event ({@link #replay} true) the actions are those planned the first time
 * (none if the first evaluation has not finished); run them through
 * {@link ActionRunner} or check {@link CampaignStore#result} so none runs twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param event      the event
 * @param actions    actions to run, in priority order
 * @param suppressed triggers that matched but did not act
 * @param replay     true if the event id had been seen before
 */
public record Decisions(CampaignEvent event, List<PlannedAction> actions, List<Suppression> suppressed, boolean replay) {

    public Decisions {
        Objects.requireNonNull(event, "event");
        actions = List.copyOf(actions);
        suppressed = List.copyOf(suppressed);
    }
}
