/**
 * Consent: per customer and purpose (marketing messages, profiling, location, or a purpose of the
 * host's), a history of grants and withdrawals with their instant and source, kept in a
 * {@link dev.o2o.core.consent.ConsentStore} (in memory, H2 or PostgreSQL). Campaigns and
 * recommendations ask it through the small {@link dev.o2o.core.consent.ConsentCheck} interface.
 */
package dev.o2o.core.consent;
