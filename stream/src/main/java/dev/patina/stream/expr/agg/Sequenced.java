package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows in the order they were added, for order-sensitive aggregates without ORDER BY (string_agg,
 * array_agg): PostgreSQL concatenates in input order. Retracting a row removes its oldest
 * occurrence, which is the one a sliding window frame drops.
 */
final class Sequenced {
  private final TreeMap<Long, Object[]> bySeq = new TreeMap<>();
  private final TreeMap<Object[], ArrayDeque<Long>> seqs = new TreeMap<>(Ordering::compareRows);
  private long next;

  void add(Object[] row, int sign) {
    if (sign > 0) {
      long s = next++;
      bySeq.put(s, row);
      seqs.computeIfAbsent(row, k -> new ArrayDeque<>()).addLast(s);
      return;
    }
    ArrayDeque<Long> q = seqs.get(row);
    if (q == null) {
      throw new SqlException("XX000", "aggregate state: retracting a value that was never added");
    }
    bySeq.remove(q.pollFirst());
    if (q.isEmpty()) {
      seqs.remove(row);
    }
  }

  int size() {
    return bySeq.size();
  }

  List<Object[]> rows() {
    return new ArrayList<>(bySeq.values());
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(next);
    out.writeInt(bySeq.size());
    for (Map.Entry<Long, Object[]> e : bySeq.entrySet()) {
      out.writeLong(e.getKey());
      StateCodec.writeRow(out, e.getValue());
    }
  }

  void read(DataInputStream in) throws IOException {
    bySeq.clear();
    seqs.clear();
    next = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      long s = in.readLong();
      Object[] row = StateCodec.readRow(in);
      bySeq.put(s, row);
      seqs.computeIfAbsent(row, k -> new ArrayDeque<>()).addLast(s);
    }
  }
}
