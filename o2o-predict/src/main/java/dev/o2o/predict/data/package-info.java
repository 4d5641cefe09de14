/**
 * Data for the learners: a column-oriented {@link dev.o2o.predict.data.Frame} read from CSV with a typed schema, missing values as a first-class state, and the encoding of categorical columns into a numeric {@link dev.o2o.predict.data.Matrix}.
 */
package dev.o2o.predict.data;
