/**
 * Privacy tools: keyed pseudonymization of identifiers, display masking, erasure of a customer
 * (right to be forgotten) and a Laplace mechanism for publishing counts with differential
 * privacy.
 */
package dev.o2o.core.privacy;
