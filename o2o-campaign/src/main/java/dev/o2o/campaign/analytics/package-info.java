/**
 * Coupon analytics: issued → claimed → verified in store → redeemed funnels by campaign,
 * store, channel, segment and distance band with Wilson intervals; days to redeem; and the
 * incremental effect of a campaign against its holdout with a confidence interval.
 * Statistics are mergeable sufficient statistics, so partial results from partitions combine.
 */
package dev.o2o.campaign.analytics;
