/** The conformance kit of {@link dev.o2o.core.consent.ConsentStore}. */
package dev.o2o.testkit.consent;
