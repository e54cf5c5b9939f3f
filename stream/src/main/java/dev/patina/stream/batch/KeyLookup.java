package dev.patina.stream.batch;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Volatility;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.MultisetRows;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * Primary-key access for a filter over a scan: conjuncts {@code pk_i = constant} fixing a prefix of
 * the primary key (the last fixed column may instead be {@code pk_i IN (constants)}) become prefix
 * scans of the relation's state table, whose keys are memcomparable-encoded primary keys. The
 * caller still applies the whole predicate to the rows read.
 *
 * <p>Only a column compared without a cast, to a constant of exactly its type, of a type whose
 * equality is equality of encoded keys (integers, text, boolean, date and time types; not numeric
 * or floating point, where {@code 1.0 = 1.00} and {@code -0.0 = 0.0}), fixes a key column.
 */
public final class KeyLookup {
  private static final Set<ScalarType> KEY_EQUALITY =
      Set.of(
          ScalarType.BOOLEAN,
          ScalarType.INT16,
          ScalarType.INT32,
          ScalarType.INT64,
          ScalarType.SERIAL,
          ScalarType.VARCHAR,
          ScalarType.DATE,
          ScalarType.TIME,
          ScalarType.TIMESTAMP,
          ScalarType.TIMESTAMPTZ);

  /** Types whose encoded key order is {@code <}'s order (not text: UTF-8 bytes vs UTF-16). */
  private static final Set<ScalarType> KEY_ORDER =
      Set.of(
          ScalarType.INT16,
          ScalarType.INT32,
          ScalarType.INT64,
          ScalarType.SERIAL,
          ScalarType.DATE,
          ScalarType.TIME,
          ScalarType.TIMESTAMP,
          ScalarType.TIMESTAMPTZ);

  private KeyLookup() {}

  /**
   * The store key range {@code [from, to)} ({@code to} null: to the end) holding every row the
   * conjuncts {@code k <, <=, >, >= constant} on the first key column {@code k} allow (an empty
   * range when a bound is NULL), or null when there is no such conjunct.
   */
  static byte[][] range(StateTable t, TableLayout layout, BoundExpr predicate) {
    if (layout == null || layout.pk().isEmpty()) {
      return null;
    }
    int col = layout.pk().get(0);
    DataType type = layout.columnTypes().get(col);
    if (!(type instanceof ScalarType st) || !KEY_ORDER.contains(st)) {
      return null;
    }
    boolean desc = layout.pkOrders().get(0).descending();
    byte[] all = t.keyPrefix(new Object[0]);
    byte[] from = all;
    byte[] to = dev.patina.stream.state.TableKeys.prefixEnd(all);
    boolean any = false;
    for (BoundExpr c : conjuncts(predicate)) {
      if (!(c instanceof BoundExpr.Call call)
          || !call.strict()
          || call.args().size() != 2
          || !Set.of("<", "<=", ">", ">=").contains(call.name())) {
        continue;
      }
      String op = call.name();
      BoundExpr k;
      if (isColumn(call.args().get(0), col, type)) {
        k = call.args().get(1);
      } else if (isColumn(call.args().get(1), col, type)) {
        k = call.args().get(0);
        op = op.replace('<', '!').replace('>', '<').replace('!', '>'); // c < k: k > c
      } else {
        continue;
      }
      if (!isConstantOf(k, type)) {
        continue;
      }
      Object v = k.eval(new Object[0]);
      any = true;
      if (v == null) {
        return new byte[][] {all, all};
      }
      byte[] at = t.keyPrefix(new Object[] {v});
      byte[] after = dev.patina.stream.state.TableKeys.prefixEnd(at);
      boolean lower = op.startsWith(">") != desc; // a bound below in key order
      boolean inclusive = op.endsWith("=");
      if (lower) {
        byte[] f = inclusive ? at : after;
        if (Arrays.compareUnsigned(f, from) > 0) {
          from = f;
        }
      } else {
        byte[] e = inclusive ? after : at;
        if (to == null || (e != null && Arrays.compareUnsigned(e, to) < 0)) {
          to = e;
        }
      }
    }
    if (!any) {
      return null;
    }
    if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
      to = from;
    }
    return new byte[][] {from, to};
  }

  /**
   * The key prefixes the predicate fixes, one per lookup (each in key column order, all of the same
   * length; an empty list: no row can match), or null when it fixes no key column.
   */
  public static List<Object[]> prefixes(TableLayout layout, BoundExpr predicate) {
    if (layout == null) {
      return null;
    }
    List<BoundExpr> conj = conjuncts(predicate);
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[0]);
    for (int i = 0; i < layout.pk().size(); i++) {
      int col = layout.pk().get(i);
      DataType type = layout.columnTypes().get(col);
      if (!(type instanceof ScalarType st) || !KEY_EQUALITY.contains(st)) {
        break;
      }
      List<Object> values = valuesFor(conj, col, type);
      if (values == null) {
        break;
      }
      List<Object[]> next = new ArrayList<>();
      for (Object[] p : out) {
        for (Object v : values) {
          Object[] q = Arrays.copyOf(p, i + 1);
          q[i] = v;
          next.add(q);
        }
      }
      out = next;
      if (values.size() != 1 || out.isEmpty()) {
        break; // an IN list ends the prefix (keeps the number of lookups small)
      }
    }
    return out.size() == 1 && out.get(0).length == 0 ? null : out;
  }

  /** The rows of {@code s} whose keys the predicate fixes, or null when it fixes none. */
  static CloseableIterator<Object[]> lookup(
      LogicalPlan.Scan s, BoundExpr predicate, ReadView view, TableLayout layout) {
    List<Object[]> prefixes;
    try {
      prefixes = prefixes(layout, predicate);
    } catch (RuntimeException e) {
      return null; // a constant that fails to evaluate: let the full scan raise it (or not)
    }
    if (prefixes == null) {
      if (layout == null) {
        return null;
      }
      StateTable t = new StateTable(layout, view);
      byte[][] r;
      try {
        r = range(t, layout, predicate);
      } catch (RuntimeException e) {
        return null;
      }
      if (r == null) {
        return null;
      }
      CloseableIterator<Object[]> rows =
          Arrays.equals(r[0], r[1]) ? CloseableIterator.of(List.of()) : t.scanKeys(r[0], r[1]);
      int width = s.schema().size();
      return layout.columnTypes().size() == width ? rows : MultisetRows.expand(rows, width);
    }
    StateTable t = new StateTable(layout, view);
    // distinct prefixes in key order, so rows come out in key order and once
    TreeMap<byte[], Object[]> byKey = new TreeMap<>(Arrays::compareUnsigned);
    for (Object[] p : prefixes) {
      byKey.put(t.keyPrefix(p), p);
    }
    List<Object[]> ordered = new ArrayList<>(byKey.values());
    int width = s.schema().size();
    CloseableIterator<Object[]> rows = concat(t, ordered);
    return layout.columnTypes().size() == width ? rows : MultisetRows.expand(rows, width);
  }

  /** The rows with each of the key prefixes, in turn. */
  private static CloseableIterator<Object[]> concat(StateTable t, List<Object[]> ordered) {
    return new CloseableIterator<>() {
      int i;
      CloseableIterator<Object[]> cur;

      @Override
      public boolean hasNext() {
        while (cur == null || !cur.hasNext()) {
          if (cur != null) {
            cur.close();
            cur = null;
          }
          if (i >= ordered.size()) {
            return false;
          }
          cur = t.scanPrefix(ordered.get(i++));
        }
        return true;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return cur.next();
      }

      @Override
      public void close() {
        if (cur != null) {
          cur.close();
        }
      }
    };
  }

  /** A description of the lookup for EXPLAIN, or null when there is none. */
  public static String describe(TableLayout layout, BoundExpr predicate) {
    List<Object[]> ps;
    try {
      ps = prefixes(layout, predicate);
    } catch (RuntimeException e) {
      return null;
    }
    if (ps == null) {
      try {
        return layout != null && range(new StateTable(layout, null), layout, predicate) != null
            ? "key range scan on the first key column"
            : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
    int n = ps.isEmpty() ? 0 : ps.get(0).length;
    return (n == layout.pk().size() ? "point get" : "key prefix scan")
        + " ("
        + ps.size()
        + " lookup"
        + (ps.size() == 1 ? "" : "s")
        + " on "
        + n
        + " of "
        + layout.pk().size()
        + " key columns)";
  }

  private static List<BoundExpr> conjuncts(BoundExpr e) {
    List<BoundExpr> out = new ArrayList<>();
    if (e instanceof BoundExpr.And a) {
      for (BoundExpr x : a.args()) {
        out.addAll(conjuncts(x));
      }
    } else {
      out.add(e);
    }
    return out;
  }

  /**
   * The values column {@code col} must take by the conjuncts ({@code = c}: one, empty if c is NULL;
   * {@code IN}: the non-NULL members), or null when no conjunct fixes it.
   */
  private static List<Object> valuesFor(List<BoundExpr> conj, int col, DataType type) {
    List<Object> in = null;
    for (BoundExpr c : conj) {
      if (c instanceof BoundExpr.Call call
          && call.name().equals("=")
          && call.strict()
          && call.args().size() == 2) {
        BoundExpr a = call.args().get(0);
        BoundExpr b = call.args().get(1);
        BoundExpr k = isColumn(a, col, type) ? b : isColumn(b, col, type) ? a : null;
        if (k != null && isConstantOf(k, type)) {
          Object v = k.eval(new Object[0]);
          return v == null ? List.of() : List.of(v);
        }
      } else if (c instanceof BoundExpr.InList l
          && !l.negated()
          && in == null
          && isColumn(l.arg(), col, type)
          && l.list().stream().allMatch(x -> isConstantOf(x, type))) {
        List<Object> vs = new ArrayList<>();
        for (BoundExpr x : l.list()) {
          Object v = x.eval(new Object[0]);
          if (v != null) {
            vs.add(v);
          }
        }
        in = vs;
      }
    }
    return in;
  }

  private static boolean isColumn(BoundExpr e, int col, DataType type) {
    return e instanceof BoundExpr.InputRef r && r.index() == col && r.type().equals(type);
  }

  private static boolean isConstantOf(BoundExpr e, DataType type) {
    return e.type().equals(type)
        && e.inputRefs().isEmpty()
        && e.volatility() != Volatility.VOLATILE;
  }
}
