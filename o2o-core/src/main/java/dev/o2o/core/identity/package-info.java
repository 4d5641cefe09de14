/**
 * Identity resolution: joins the identifiers one person leaves in different systems (phone at
 * the POS, member card at the counter, device in the app, account in the mini-program) into one
 * stable {@link dev.o2o.core.CustomerKey}.
 *
 * <p>Start with {@link dev.o2o.core.identity.IdentityGraph#create(IdentityConfig)}, feed it
 * {@link dev.o2o.core.identity.IdentityLink}s, and resolve
 * {@link dev.o2o.core.identity.Identifier}s. Raw identifier values are never logged.
 */
package dev.o2o.core.identity;
