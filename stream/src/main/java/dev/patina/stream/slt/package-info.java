/**
 * A sqllogictest runner for RisingWave's dialect of the format, as a JDBC client.
 *
 * <p>{@link dev.patina.stream.slt.SltParser} reads a {@code .slt} script into {@link
 * dev.patina.stream.slt.SltRecord}s; {@link dev.patina.stream.slt.SltRunner} runs them against a
 * database reached over JDBC and formats results as the {@code sqllogictest} crate does with its
 * {@code postgres} engine (the one RisingWave's CI uses): text values as the server sends them,
 * NULL as {@code NULL}, the empty string as {@code (empty)}, rows joined by single spaces with
 * whitespace normalized, {@code rowsort}/{@code valuesort} sorting the formatted values. {@link
 * dev.patina.stream.slt.PostgresOracle} maps the few RisingWave statements that have a trivial
 * PostgreSQL equivalent, for runs against a real PostgreSQL.
 */
package dev.patina.stream.slt;
