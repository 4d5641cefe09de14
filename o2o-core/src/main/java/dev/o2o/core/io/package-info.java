/**
 * Streaming ingestion and export of touchpoints and orders (NDJSON and CSV) with line-level
 * error reports. Start at {@link dev.o2o.core.io.Ingest}.
 */
package dev.o2o.core.io;
