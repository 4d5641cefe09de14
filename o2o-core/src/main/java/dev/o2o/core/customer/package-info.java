/**
 * What happens to the data other stores keep about a customer when identity resolution changes:
 * a {@link dev.o2o.core.customer.CustomerMerge} (two keys become one), its undoing after a wrong
 * link, and an erasure. Every store that keeps data by customer key (points ledger, coupons,
 * campaign state, ...) implements the small {@link dev.o2o.core.customer.CustomerDataStore}
 * interface; {@link dev.o2o.core.customer.CustomerMerges} applies one change to all registered
 * stores and returns one report. Built-in adapters: {@code LedgerMerges}, {@code MemberStore#asCustomerData}
 * and {@code CouponMerges} (o2o-loyalty), {@code CampaignMerges} (o2o-campaign),
 * {@link dev.o2o.core.customer.CustomerDataStore#profiles} and
 * {@link dev.o2o.core.customer.CustomerDataStore#consents} (here); any other store (a persistent
 * profile or identity store, a host's own table) joins by implementing the interface.
 */
package dev.o2o.core.customer;
