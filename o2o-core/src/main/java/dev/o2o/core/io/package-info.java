/**
 * Streaming ingestion and export of touchpoints and orders (NDJSON and CSV) with line-level
 * error reports. Start at {@link dev.o2o.core.io.Ingest}, whose class comment lists the limits
 * the readers guarantee on hostile input (amount sizes and exponents, record length, quoting,
 * undecodable bytes, byte order marks, blank lines, repeated JSON keys). Other CSV files with a
 * header row are read with {@link dev.o2o.core.io.CsvReader}, which keeps the same guarantees.
 */
package dev.o2o.core.io;
