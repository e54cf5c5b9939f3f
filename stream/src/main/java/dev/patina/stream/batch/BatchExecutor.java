package dev.patina.stream.batch;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.plan.AggCall;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.plan.SortKey;
import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a {@link LogicalPlan} over one consistent {@link ReadView} of the store: each node becomes a
 * pull-based iterator of rows. Filters and projections stream; sorts, aggregations, set operations
 * and the build side of joins hold their input in memory.
 */
public final class BatchExecutor {
  private final ReadView view;
  private final BooleanSupplier cancelled;
  private final Function<Relation, List<Object[]>> maintainedViews;
  private final Function<Relation, TableLayout> maintainedLayouts;

  /**
   * @param maintainedViews the rows of a materialized view a streaming job maintains (its table has
   *     the streaming engine's layout)
   */
  public BatchExecutor(
      ReadView view,
      BooleanSupplier cancelled,
      Function<Relation, List<Object[]>> maintainedViews) {
    this(view, cancelled, maintainedViews, mv -> null);
  }

  /**
   * @param maintainedLayouts the state table layout of a maintained materialized view's rows (see
   *     {@code StreamingBackend.keyedLayout}), or null when they cannot be read by key
   */
  public BatchExecutor(
      ReadView view,
      BooleanSupplier cancelled,
      Function<Relation, List<Object[]>> maintainedViews,
      Function<Relation, TableLayout> maintainedLayouts) {
    this.view = view;
    this.cancelled = cancelled;
    this.maintainedViews = maintainedViews;
    this.maintainedLayouts = maintainedLayouts;
  }

  /** All rows of {@code plan}. */
  public List<Object[]> collect(LogicalPlan plan) {
    List<Object[]> out = new ArrayList<>();
    try (CloseableIterator<Object[]> it = execute(plan)) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  public CloseableIterator<Object[]> execute(LogicalPlan plan) {
    return switch (plan) {
      case LogicalPlan.Scan s when s.table().maintained() ->
          CloseableIterator.of(maintainedViews.apply(s.table()));
      case LogicalPlan.Scan s -> new StateTable(s.table().layout(), view).scan();
      case LogicalPlan.Values v -> values(v);
      case LogicalPlan.TableFunction t -> CloseableIterator.of(TableFunctionRows.rows(t));
      case LogicalPlan.Filter f when f.input() instanceof LogicalPlan.Scan s -> {
        CloseableIterator<Object[]> looked = KeyLookup.lookup(s, f.predicate(), view, layoutOf(s));
        yield filter(looked != null ? looked : execute(s), f.predicate());
      }
      case LogicalPlan.Filter f -> filter(execute(f.input()), f.predicate());
      case LogicalPlan.Project p -> project(execute(p.input()), p.exprs());
      case LogicalPlan.Aggregate a -> CloseableIterator.of(aggregate(a));
      case LogicalPlan.Join j -> CloseableIterator.of(join(j));
      case LogicalPlan.Sort s -> CloseableIterator.of(sort(s));
      case LogicalPlan.Limit l when l.withTies() && l.input() instanceof LogicalPlan.Sort s ->
          CloseableIterator.of(limitWithTies(collect(s), l, s.keys()));
      case LogicalPlan.Limit l -> limit(execute(l.input()), l.limit(), l.offset());
      case LogicalPlan.Distinct d -> distinct(execute(d.input()), null);
      case LogicalPlan.DistinctOn d ->
          distinct(execute(d.input()), d.keys().stream().mapToInt(Integer::intValue).toArray());
      case LogicalPlan.SetOp s -> CloseableIterator.of(setOp(s));
      case LogicalPlan.OverWindow w -> CloseableIterator.of(WindowRows.over(w, collect(w.input())));
      case LogicalPlan.ProjectSet ps -> CloseableIterator.of(projectSet(ps));
      case LogicalPlan.TimeWindow w -> CloseableIterator.of(WindowRows.time(w, collect(w.input())));
      case LogicalPlan.GapFill g -> CloseableIterator.of(GapFillRows.fill(g, collect(g.input())));
      case LogicalPlan.Changelog c ->
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "changelog CTEs can only be read by a materialized view: a batch query has no"
                  + " changes to list");
      case LogicalPlan.TemporalScan t ->
          throw new SqlException(
              dev.patina.stream.pgwire.SqlState.FEATURE_NOT_SUPPORTED,
              "Not supported: do not support temporal join for batch queries (use it in a"
                  + " materialized view)");
    };
  }

  /** The state table layout of a scanned relation's rows, or null when they have none. */
  private TableLayout layoutOf(LogicalPlan.Scan s) {
    return s.table().maintained() ? maintainedLayouts.apply(s.table()) : s.table().layout();
  }

  private void checkCancel() {
    if (cancelled.getAsBoolean()) {
      throw SqlException.canceled();
    }
  }

  private CloseableIterator<Object[]> values(LogicalPlan.Values v) {
    List<Object[]> rows = new ArrayList<>();
    Object[] empty = new Object[0];
    for (List<BoundExpr> r : v.rows()) {
      Object[] row = new Object[r.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = r.get(i).eval(empty);
      }
      rows.add(row);
    }
    return CloseableIterator.of(rows);
  }

  /** A lazily filtered or mapped iterator. */
  private abstract static class Lazy implements CloseableIterator<Object[]> {
    final CloseableIterator<Object[]> in;
    Object[] next;
    boolean done;

    Lazy(CloseableIterator<Object[]> in) {
      this.in = in;
    }

    /** The next output row, or null at the end. */
    abstract Object[] compute();

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = compute();
        done = next == null;
      }
      return next != null;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object[] r = next;
      next = null;
      return r;
    }

    @Override
    public void close() {
      in.close();
    }
  }

  private CloseableIterator<Object[]> filter(CloseableIterator<Object[]> in, BoundExpr pred) {
    return new Lazy(in) {
      Object[] compute() {
        while (in.hasNext()) {
          checkCancel();
          Object[] r = in.next();
          if (Boolean.TRUE.equals(pred.eval(r))) {
            return r;
          }
        }
        return null;
      }
    };
  }

  private static CloseableIterator<Object[]> project(
      CloseableIterator<Object[]> in, List<BoundExpr> exprs) {
    BoundExpr[] es = exprs.toArray(new BoundExpr[0]);
    return new Lazy(in) {
      Object[] compute() {
        if (!in.hasNext()) {
          return null;
        }
        Object[] r = in.next();
        Object[] out = new Object[es.length];
        for (int i = 0; i < es.length; i++) {
          out[i] = es[i].eval(r);
        }
        return out;
      }
    };
  }

  private static CloseableIterator<Object[]> limit(
      CloseableIterator<Object[]> in, long limit, long offset) {
    return new Lazy(in) {
      long skipped;
      long emitted;

      Object[] compute() {
        while (skipped < offset && in.hasNext()) {
          in.next();
          skipped++;
        }
        if ((limit >= 0 && emitted >= limit) || !in.hasNext()) {
          return null;
        }
        emitted++;
        return in.next();
      }
    };
  }

  private List<Object[]> projectSet(LogicalPlan.ProjectSet ps) {
    int width = ps.input().schema().size();
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : collect(ps.input())) {
      List<List<Object[]>> results = new ArrayList<>();
      int n = 0;
      for (LogicalPlan.TableFunction t : ps.calls()) {
        List<Object[]> rows = TableFunctionRows.rows(t, r);
        results.add(rows);
        n = Math.max(n, rows.size());
      }
      for (int i = 0; i < n; i++) {
        Object[] row = Arrays.copyOf(r, width + results.size());
        for (int k = 0; k < results.size(); k++) {
          List<Object[]> rows = results.get(k);
          row[width + k] = i < rows.size() ? rows.get(i)[0] : null;
        }
        out.add(row);
      }
    }
    return out;
  }

  private static List<Object[]> limitWithTies(
      List<Object[]> rows, LogicalPlan.Limit l, List<SortKey> keys) {
    Comparator<Object[]> cmp = comparator(keys);
    List<Object[]> out = new ArrayList<>();
    for (int i = (int) Math.min(l.offset(), rows.size()); i < rows.size(); i++) {
      if (out.size() >= l.limit()
          && (out.isEmpty() || cmp.compare(out.getLast(), rows.get(i)) != 0)) {
        break;
      }
      out.add(rows.get(i));
    }
    return out;
  }

  private static CloseableIterator<Object[]> distinct(CloseableIterator<Object[]> in, int[] keys) {
    Set<RowKey> seen = new HashSet<>();
    return new Lazy(in) {
      Object[] compute() {
        while (in.hasNext()) {
          Object[] r = in.next();
          Object[] k = r;
          if (keys != null) {
            k = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
              k[i] = r[keys[i]];
            }
          }
          if (seen.add(new RowKey(k))) {
            return r;
          }
        }
        return null;
      }
    };
  }

  private List<Object[]> sort(LogicalPlan.Sort s) {
    List<Object[]> rows = collect(s.input());
    rows.sort(comparator(s.keys()));
    return rows;
  }

  static Comparator<Object[]> comparator(List<SortKey> keys) {
    Comparator<Object[]> c = null;
    for (SortKey k : keys) {
      Comparator<Object> vc = Ordering.comparator(k.descending(), k.nullsFirst());
      Comparator<Object[]> rc = (a, b) -> vc.compare(a[k.column()], b[k.column()]);
      c = c == null ? rc : c.thenComparing(rc);
    }
    return c == null ? (a, b) -> 0 : c;
  }

  // ---- aggregation

  private List<Object[]> aggregate(LogicalPlan.Aggregate a) {
    List<BoundExpr> keys = a.groupKeys();
    List<AggCall> calls = a.aggs();
    Map<RowKey, List<Object[]>> groups = new LinkedHashMap<>();
    try (CloseableIterator<Object[]> in = execute(a.input())) {
      while (in.hasNext()) {
        checkCancel();
        Object[] r = in.next();
        Object[] k = new Object[keys.size()];
        for (int i = 0; i < k.length; i++) {
          k[i] = keys.get(i).eval(r);
        }
        groups.computeIfAbsent(new RowKey(k), x -> new ArrayList<>()).add(r);
      }
    }
    if (groups.isEmpty() && keys.isEmpty()) {
      groups.put(new RowKey(new Object[0]), List.of());
    }
    List<Object[]> out = new ArrayList<>();
    for (Map.Entry<RowKey, List<Object[]>> g : groups.entrySet()) {
      Object[] row = Arrays.copyOf(g.getKey().values, keys.size() + calls.size());
      for (int c = 0; c < calls.size(); c++) {
        row[keys.size() + c] = aggregateGroup(calls.get(c), g.getValue());
      }
      out.add(row);
    }
    return out;
  }

  private static Object aggregateGroup(AggCall call, List<Object[]> rows) {
    int nargs = call.args().size();
    int nord = call.orderArgs().size();
    List<Object[]> inputs = new ArrayList<>();
    for (Object[] r : rows) {
      if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(r))) {
        continue;
      }
      Object[] args = new Object[nargs + nord];
      for (int i = 0; i < nargs; i++) {
        args[i] = call.args().get(i).eval(r);
      }
      for (int i = 0; i < nord; i++) {
        args[nargs + i] = call.orderArgs().get(i).eval(r);
      }
      inputs.add(args);
    }
    return aggregateValues(call, inputs);
  }

  /**
   * {@code call} over a group's evaluated inputs (past FILTER): each tuple is the values of its
   * arguments, then of its ORDER BY expressions. NULL arguments, DISTINCT and ORDER BY are applied
   * here. The streaming engine computes aggregates it has no incremental state for this way, from
   * the inputs it keeps, so that both engines answer alike.
   */
  public static Object aggregateValues(AggCall call, List<Object[]> tuples) {
    int nargs = call.args().size();
    boolean skipNulls = Accumulator.skipsNulls(call);
    List<Object[]> inputs = new ArrayList<>();
    for (Object[] args : tuples) {
      boolean hasNull = false;
      for (int i = 0; i < nargs; i++) {
        hasNull |= args[i] == null && (i == 0 || !call.name().equals("string_agg"));
      }
      if (!(hasNull && skipNulls)) {
        inputs.add(args);
      }
    }
    if (call.distinct()) {
      Set<RowKey> seen = new HashSet<>();
      List<Object[]> d = new ArrayList<>();
      for (Object[] in : inputs) {
        if (seen.add(new RowKey(Arrays.copyOf(in, nargs)))) {
          d.add(in);
        }
      }
      inputs = d;
    }
    if (!call.orderBy().isEmpty()) {
      List<SortKey> shifted = new ArrayList<>();
      for (SortKey k : call.orderBy()) {
        shifted.add(new SortKey(nargs + k.column(), k.descending(), k.nullsFirst()));
      }
      inputs.sort(comparator(shifted));
    }
    Accumulator acc = Accumulator.create(call);
    for (Object[] in : inputs) {
      acc.add(in);
    }
    return acc.result();
  }

  // ---- joins

  private List<Object[]> join(LogicalPlan.Join j) {
    List<Object[]> left = collect(j.left());
    List<Object[]> right = collect(j.right());
    int lw = j.left().schema().size();
    int rw = j.right().schema().size();
    BoundExpr cond = j.condition();
    List<Object[]> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    Map<RowKey, List<Integer>> index = null;
    if (!j.leftKeys().isEmpty()) {
      index = new HashMap<>();
      for (int i = 0; i < right.size(); i++) {
        Object[] k = keyOf(right.get(i), j.rightKeys());
        if (k != null) {
          index.computeIfAbsent(new RowKey(k), x -> new ArrayList<>()).add(i);
        }
      }
    }
    List<Integer> all = null;
    for (Object[] l : left) {
      checkCancel();
      boolean matched = false;
      Iterable<Integer> candidates;
      if (index != null) {
        Object[] k = keyOf(l, j.leftKeys());
        List<Integer> c = k == null ? null : index.get(new RowKey(k));
        candidates = c == null ? List.of() : c;
      } else {
        if (all == null) {
          all = new ArrayList<>();
          for (int i = 0; i < right.size(); i++) {
            all.add(i);
          }
        }
        candidates = all;
      }
      for (int ri : candidates) {
        Object[] r = right.get(ri);
        Object[] both = concat(l, r, lw, rw);
        if (cond == null || Boolean.TRUE.equals(cond.eval(both))) {
          matched = true;
          rightMatched[ri] = true;
          if (j.type() == LogicalPlan.JoinType.SEMI || j.type() == LogicalPlan.JoinType.ANTI) {
            break;
          }
          out.add(both);
        }
      }
      switch (j.type()) {
        case LEFT, FULL -> {
          if (!matched) {
            out.add(concat(l, null, lw, rw));
          }
        }
        case SEMI -> {
          if (matched) {
            out.add(l);
          }
        }
        case ANTI -> {
          if (!matched) {
            out.add(l);
          }
        }
        default -> {}
      }
    }
    if (j.type() == LogicalPlan.JoinType.RIGHT || j.type() == LogicalPlan.JoinType.FULL) {
      for (int i = 0; i < right.size(); i++) {
        if (!rightMatched[i]) {
          out.add(concat(null, right.get(i), lw, rw));
        }
      }
    }
    return out;
  }

  private static Object[] keyOf(Object[] row, List<Integer> cols) {
    Object[] k = new Object[cols.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = row[cols.get(i)];
      if (k[i] == null) {
        return null;
      }
    }
    return k;
  }

  private static Object[] concat(Object[] l, Object[] r, int lw, int rw) {
    Object[] out = new Object[lw + rw];
    if (l != null) {
      System.arraycopy(l, 0, out, 0, lw);
    }
    if (r != null) {
      System.arraycopy(r, 0, out, lw, rw);
    }
    return out;
  }

  // ---- set operations

  private List<Object[]> setOp(LogicalPlan.SetOp s) {
    List<Object[]> left = collect(s.left());
    List<Object[]> right = collect(s.right());
    List<Object[]> out = new ArrayList<>();
    switch (s.op()) {
      case UNION -> {
        if (s.all()) {
          out.addAll(left);
          out.addAll(right);
        } else {
          Set<RowKey> seen = new HashSet<>();
          for (Iterator<Object[]> it = concatIt(left, right); it.hasNext(); ) {
            Object[] r = it.next();
            if (seen.add(new RowKey(r))) {
              out.add(r);
            }
          }
        }
      }
      case INTERSECT, EXCEPT -> {
        Map<RowKey, Integer> counts = new HashMap<>();
        for (Object[] r : right) {
          counts.merge(new RowKey(r), 1, Integer::sum);
        }
        Set<RowKey> emitted = new HashSet<>();
        boolean intersect = s.op() == LogicalPlan.SetOperator.INTERSECT;
        for (Object[] r : left) {
          RowKey k = new RowKey(r);
          int c = counts.getOrDefault(k, 0);
          if (s.all()) {
            if (intersect == c > 0) {
              out.add(r);
            }
            if (c > 0) {
              counts.put(k, c - 1);
            }
          } else if (intersect == c > 0 && emitted.add(k)) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private static Iterator<Object[]> concatIt(List<Object[]> a, List<Object[]> b) {
    List<Object[]> all = new ArrayList<>(a);
    all.addAll(b);
    return all.iterator();
  }

  /**
   * The rows of an {@link LogicalPlan.OverWindow} over {@code input} (its input's rows): the
   * streaming engine computes a changed partition with it.
   */
  public static List<Object[]> overWindow(LogicalPlan.OverWindow w, List<Object[]> input) {
    return WindowRows.over(w, input);
  }

  /** The value type a plan column carries (for callers that format results). */
  public static List<DataType> types(LogicalPlan p) {
    return p.schema().stream().map(f -> f.type()).toList();
  }

  static BoundExpr plus(DataType a, DataType b) {
    return Operators.binary("+", new BoundExpr.InputRef(0, a), new BoundExpr.InputRef(1, b));
  }
}
