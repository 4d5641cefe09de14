package dev.o2o.campaign;

/** Why a matching trigger did not act, in the order the engine checks. */
public enum SuppressionReason {
    /** The event id was seen before; replays never repeat an action. */
    DUPLICATE_EVENT,
    /** The customer directory does not know the customer. */
    UNKNOWN_CUSTOMER,
    /** The customer is not in the trigger's audience. */
    NOT_IN_AUDIENCE,
    /** The customer is in the campaign's control group. */
    HOLDOUT,
    /**
     * The engine's {@link dev.o2o.core.consent.ConsentCheck} says the customer does not consent, at
     * the event's instant, to marketing messages (or, for a location-based offer, to the use of
     * location).
     */
    NO_CONSENT,
    /** The event's local time in the customer's zone is in the trigger's quiet hours. */
    QUIET_HOURS,
    /** The trigger fired for this customer within its cool-down. */
    COOL_DOWN,
    /** The trigger's per-customer frequency cap is reached. */
    FREQUENCY_CAP,
    /** The customer's contacts for that local day are at the engine's limit. */
    DAILY_CONTACT_LIMIT,
    /** The campaign's budget would be exceeded. */
    BUDGET,
    /** The campaign's global cap on fires is reached. */
    GLOBAL_CAP
}
