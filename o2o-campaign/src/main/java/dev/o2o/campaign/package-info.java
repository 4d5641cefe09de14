/**
 * Campaign automation: decide when to issue what to whom.
 *
 * <p>A {@link dev.o2o.campaign.Trigger} joins an event predicate, an audience, actions and
 * constraints (frequency caps, quiet hours, cool-down, budget, global cap, holdout); the
 * {@link dev.o2o.campaign.CampaignEngine} turns each {@link dev.o2o.campaign.CampaignEvent}
 * into {@link dev.o2o.campaign.Decisions}: the actions to run and, for each suppressed
 * trigger, the reason. The host runs the actions (or lets an
 * {@link dev.o2o.campaign.ActionRunner} do it) and their results are recorded so that a retry
 * never repeats one. Missions and referrals keep their progress in the same
 * {@link dev.o2o.campaign.CampaignStore}.
 */
package dev.o2o.campaign;
