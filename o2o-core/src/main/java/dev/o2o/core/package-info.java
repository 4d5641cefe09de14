/**
 * The o2o domain: money, channels, customers, touchpoints, orders and stores.
 *
 * <p>All values are immutable records validated in their constructors.
 *
 * <h2>Numeric limits</h2>
 * <ul>
 *   <li>{@link dev.o2o.core.Money}: at most 30 digits before the point, at the currency's scale;
 *       amounts read from text (ingestion, {@code Money.of(String, String)},
 *       {@code Money.parse}) are below 10<sup>12</sup>, at most 64 characters, and an exponent
 *       has at most three digits.</li>
 *   <li>{@link dev.o2o.core.OrderLine}: quantity 1 to 1,000,000, unit price below 10<sup>12</sup>.</li>
 *   <li>{@link dev.o2o.core.Order}: at most 2,000 lines, total below 10<sup>12</sup>, so
 *       {@code units()} (at most 2,000,000,000) fits an {@code int}.</li>
 * </ul>
 */
package dev.o2o.core;
