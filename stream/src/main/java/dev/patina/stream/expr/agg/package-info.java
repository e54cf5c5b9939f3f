/**
 * Aggregate functions as accumulators, shared by the batch executor and the streaming hash
 * aggregation: {@link dev.patina.stream.expr.agg.AggCall#bind} types a call (RisingWave's result
 * types), {@link dev.patina.stream.expr.agg.AggCall#create} gives an {@link
 * dev.patina.stream.expr.agg.Accumulator} that adds and retracts input rows (DISTINCT, FILTER and
 * ORDER BY inside the call included) and serializes its state for state tables.
 */
package dev.patina.stream.expr.agg;
