package dev.patina.stream.expr.agg;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The state of one aggregate over the rows of a group: {@link #add} sees each row's evaluated
 * arguments followed by its ORDER BY key values, with sign +1 (insert) or -1 (retract a row added
 * before). FILTER and DISTINCT are handled around it by {@link Accumulator}.
 */
interface Kernel {
  void add(Object[] values, int sign);

  /** The aggregate's value over the rows added and not retracted. */
  Object result();

  void write(DataOutputStream out) throws IOException;

  void read(DataInputStream in) throws IOException;
}
