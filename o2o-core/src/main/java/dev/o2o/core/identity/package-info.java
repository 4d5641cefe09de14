/**
 * Identity resolution: joins the identifiers one person leaves in different systems (phone at
 * the POS, member card at the counter, device in the app, account in the mini-program) into one
 * stable {@link dev.o2o.core.CustomerKey}.
 *
 * <p>Start with {@link dev.o2o.core.identity.IdentityGraph#create(IdentityConfig)}, feed it
 * {@link dev.o2o.core.identity.IdentityLink}s, and resolve
 * {@link dev.o2o.core.identity.Identifier}s. Raw identifier values are never logged. To keep the
 * graph across restarts, open it over an {@link dev.o2o.core.identity.IdentityStore} with
 * {@link dev.o2o.core.identity.IdentityGraph#open}: keys follow from the identifiers (see
 * {@link dev.o2o.core.identity.IdentityGraph}), so a rebuilt graph has the keys it had.
 */
package dev.o2o.core.identity;
