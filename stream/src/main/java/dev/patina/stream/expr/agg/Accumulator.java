package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Ordering;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The running state of one aggregate call for one group. {@link #apply} takes an input row (the row
 * the call's argument, FILTER and ORDER BY expressions read) with sign +1 to add it or -1 to
 * retract a row added before; {@link #result} is the aggregate over the rows present. The state
 * round-trips through {@link #serialize} and {@link AggCall#restore}, so the streaming engine can
 * keep it in a state table across checkpoints.
 *
 * <p>Not thread-safe: one accumulator belongs to one group of one operator.
 */
public final class Accumulator {
  private final AggCall call;
  private final Kernel kernel;
  private final Multiset distinct;

  Accumulator(AggCall call, Kernel kernel) {
    this.call = call;
    this.kernel = kernel;
    this.distinct = call.distinct() ? new Multiset(Ordering::compareRows) : null;
  }

  public AggCall call() {
    return call;
  }

  /** Adds (sign +1) or retracts (sign -1) one input row. */
  public void apply(Object[] row, int sign) {
    if (sign != 1 && sign != -1) {
      throw new IllegalArgumentException("sign must be +1 or -1: " + sign);
    }
    if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(row))) {
      return;
    }
    List<BoundExpr> args = call.args();
    List<SortKey> keys = call.orderBy();
    Object[] values = new Object[args.size() + keys.size()];
    for (int i = 0; i < args.size(); i++) {
      Object v = args.get(i).eval(row);
      if (v == null && i < call.strictArgs()) {
        return; // the aggregate ignores rows with a NULL argument
      }
      values[i] = v;
    }
    for (int i = 0; i < keys.size(); i++) {
      values[args.size() + i] = keys.get(i).expr().eval(row);
    }
    if (distinct != null) {
      long before = distinct.rows.getOrDefault(values, 0L);
      distinct.add(values, sign);
      long after = before + sign;
      if (before == 0 && after > 0) {
        kernel.add(values, 1);
      } else if (before > 0 && after == 0) {
        kernel.add(values, -1);
      }
      return;
    }
    kernel.add(values, sign);
  }

  /** The aggregate's value over the rows present (NULL, or 0 for count, when there are none). */
  public Object result() {
    return kernel.result();
  }

  /** The state as bytes, for {@link AggCall#restore}. */
  public byte[] serialize() {
    return StateCodec.encode(
        out -> {
          out.writeBoolean(distinct != null);
          if (distinct != null) {
            distinct.write(out);
          }
          kernel.write(out);
        });
  }

  void restore(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      boolean hasDistinct = in.readBoolean();
      if (hasDistinct != (distinct != null)) {
        throw new IOException("accumulator state does not match the aggregate call");
      }
      if (distinct != null) {
        distinct.read(in);
      }
      kernel.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
