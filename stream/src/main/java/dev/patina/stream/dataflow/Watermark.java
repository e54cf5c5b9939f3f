package dev.patina.stream.dataflow;

/**
 * RisingWave's {@code Watermark} message: no row that arrives later on this edge has a value below
 * {@code value} in column {@code column} (rows below it that do arrive are late and are dropped
 * where the watermark is generated). Watermarks only grow; operators that know which output columns
 * follow an input column derive watermarks for them (a projection that keeps the column or computes
 * a non-decreasing function of it, such as {@code tumble_start}; the group keys of an aggregation),
 * and the others drop them. Operators that emit at barriers forward watermarks after their barrier
 * output, so that a watermark never overtakes the rows it covers.
 *
 * @param column the column of the sender's output
 * @param value a non-null value of that column's type
 */
public record Watermark(int column, Object value) {
  public Watermark {
    java.util.Objects.requireNonNull(value, "value");
  }

  /** Whether {@code v} (non-null) is below this watermark: a late value. */
  boolean above(Object v) {
    return dev.patina.stream.expr.Ordering.compare(v, value) < 0;
  }

  /** Whether this watermark is past {@code other} (null: none yet). */
  boolean after(Watermark other) {
    return other == null || dev.patina.stream.expr.Ordering.compare(value, other.value) > 0;
  }
}
