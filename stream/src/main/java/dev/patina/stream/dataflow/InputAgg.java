package dev.patina.stream.dataflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Results of the aggregates that keep their inputs: each entry of the ordered map is {@code group
 * key ++ order values ++ argument values ++ count}.
 */
final class InputAgg {
  private InputAgg() {}

  static Object result(AggCall call, TreeMap<RowKey, Object[]> inputs) {
    if (inputs.isEmpty() && call.kind() != AggKind.GENERIC) {
      return null; // a GENERIC call decides (approx_count_distinct of nothing is 0)
    }
    int nargs = call.args().length;
    return switch (call.kind()) {
      case MIN, MAX, FIRST_VALUE -> arg(inputs.firstEntry().getValue(), nargs, 0);
      case LAST_VALUE -> arg(inputs.lastEntry().getValue(), nargs, 0);
      case STRING_AGG -> {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object[] e : inputs.values()) {
          for (long n = count(e); n > 0; n--) {
            if (!first) {
              Object delim = arg(e, nargs, 1);
              sb.append(delim == null ? "" : delim);
            }
            sb.append(arg(e, nargs, 0));
            first = false;
          }
        }
        yield sb.toString();
      }
      case ARRAY_AGG -> {
        List<Object> list = new ArrayList<>();
        for (Map.Entry<RowKey, Object[]> e : inputs.entrySet()) {
          for (long n = count(e.getValue()); n > 0; n--) {
            list.add(arg(e.getValue(), nargs, 0));
          }
        }
        yield java.util.Collections.unmodifiableList(list);
      }
      case GENERIC -> {
        List<Object[]> tuples = new ArrayList<>();
        for (Object[] e : inputs.values()) {
          Object[] args = java.util.Arrays.copyOfRange(e, e.length - 1 - nargs, e.length - 1);
          for (long n = count(e); n > 0; n--) {
            tuples.add(args);
          }
        }
        yield call.finisher().result().apply(tuples);
      }
      default -> throw new IllegalArgumentException(call.kind() + " keeps no inputs");
    };
  }

  private static long count(Object[] entry) {
    return (Long) entry[entry.length - 1];
  }

  /** Argument {@code i} of an entry whose last columns are the arguments and the count. */
  private static Object arg(Object[] entry, int nargs, int i) {
    return entry[entry.length - 1 - nargs + i];
  }
}
