/**
 * o2o's own algorithms run as Apache Spark jobs, for data that outgrows one machine: RFM
 * scoring ({@link dev.o2o.spark.RfmJob}), identity stitching
 * ({@link dev.o2o.spark.IdentityStitching}), multi-touch attribution
 * ({@link dev.o2o.spark.AttributionJob}), customer profiles ({@link dev.o2o.spark.ProfilesJob}) and
 * customer lifetime ({@link dev.o2o.spark.ClvJob}), batch top-K of a fitted recommendation model
 * ({@link dev.o2o.spark.RecommendJob}) and batch scoring of a fitted prediction model
 * ({@link dev.o2o.spark.ScoringJob}), with
 * the {@code spark-submit} entry point {@link dev.o2o.spark.Jobs}.
 *
 * <p>Every job takes Datasets in a documented schema ({@link dev.o2o.spark.InputSchema}),
 * checks it before any stage runs, and returns Datasets whose values equal the single-machine
 * library's on the same data. Spark is a {@code provided} dependency: bring the Spark 4.x of
 * your cluster. Only Spark's Java Dataset API is used; no Guava on executors.
 */
package dev.o2o.spark;
