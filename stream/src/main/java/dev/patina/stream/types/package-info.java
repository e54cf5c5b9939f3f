/**
 * Runtime types and values of Patina's streaming SQL database, and their PostgreSQL wire formats.
 *
 * <p>{@link dev.patina.stream.types.DataType} names a type the way RisingWave does (boolean, int16
 * ... jsonb, list, struct) and knows its PostgreSQL OID. Values are plain Java objects (see {@link
 * dev.patina.stream.types.DataType#javaClass()}); {@link dev.patina.stream.types.PgText} and {@link
 * dev.patina.stream.types.PgBinary} encode and decode them in PostgreSQL's text and binary formats,
 * producing the text that RisingWave itself sends where the two differ.
 */
package dev.patina.stream.types;
