package dev.patina.stream.expr.agg;

import dev.patina.stream.pgwire.SqlException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sorted multiset of rows (value tuples) with counts: the materialized input of aggregates that
 * cannot be undone arithmetically (min, max, string_agg, percentiles). Retracting a row that is not
 * there is an error: it means the change stream is inconsistent.
 */
final class Multiset {
  final TreeMap<Object[], Long> rows;
  long size;

  Multiset(Comparator<Object[]> order) {
    this.rows = new TreeMap<>(order);
  }

  void add(Object[] row, int sign) {
    long c = rows.getOrDefault(row, 0L) + sign;
    if (c < 0) {
      throw new SqlException("XX000", "aggregate state: retracting a value that was never added");
    }
    if (c == 0) {
      rows.remove(row);
    } else {
      rows.put(row, c);
    }
    size += sign;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(rows.size());
    for (Map.Entry<Object[], Long> e : rows.entrySet()) {
      StateCodec.writeRow(out, e.getKey());
      out.writeLong(e.getValue());
    }
  }

  void read(DataInputStream in) throws IOException {
    rows.clear();
    size = 0;
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Object[] row = StateCodec.readRow(in);
      long c = in.readLong();
      rows.put(row, c);
      size += c;
    }
  }
}
