/**
 * The o2o domain: money, channels, customers, touchpoints, orders and stores.
 *
 * <p>All values are immutable records validated in their constructors.
 */
package dev.o2o.core;
