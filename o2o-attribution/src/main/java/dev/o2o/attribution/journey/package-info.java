/** Customer journeys: building them from touchpoints and orders, reading path-aggregated files, interning. */
package dev.o2o.attribution.journey;
