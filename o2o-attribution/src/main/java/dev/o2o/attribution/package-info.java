/** Multi-touch attribution over online-to-offline journeys, and experiment statistics. */
package dev.o2o.attribution;
