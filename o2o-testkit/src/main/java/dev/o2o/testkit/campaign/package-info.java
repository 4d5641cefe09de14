/**
 * The conformance kit for {@link dev.o2o.campaign.CampaignStore} implementations: extend
 * {@link dev.o2o.testkit.campaign.CampaignStoreConformanceTest} and return a fresh store.
 */
package dev.o2o.testkit.campaign;
