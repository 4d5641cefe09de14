/** Numerical internals of the CLV models (special functions, optimizer); not public API. */
package dev.o2o.segmentation.clv.internal;
