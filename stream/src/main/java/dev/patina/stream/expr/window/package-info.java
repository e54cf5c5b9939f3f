/**
 * Window functions as plain functions over one sorted partition, for the batch executor and the
 * streaming over-window operator: {@link dev.patina.stream.expr.window.WindowCall#bind} types a
 * call (ranking, lag/lead, first/last/nth_value, or any aggregate over a frame) and {@link
 * dev.patina.stream.expr.window.WindowCall#evaluate} computes it for every row of a partition;
 * {@link dev.patina.stream.expr.window.WindowFrame#bind} reads ROWS / RANGE / GROUPS / SESSION
 * frames.
 */
package dev.patina.stream.expr.window;
