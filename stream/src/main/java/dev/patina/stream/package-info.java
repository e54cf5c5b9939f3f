/**
 * Patina's streaming SQL database (RisingWave's counterpart): the PostgreSQL wire protocol, a SQL
 * parser for RisingWave's dialect, a planner, batch executors and a dataflow engine that maintains
 * materialized views incrementally over state tables.
 */
package dev.patina.stream;
