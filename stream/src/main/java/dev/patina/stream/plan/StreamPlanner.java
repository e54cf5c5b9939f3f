package dev.patina.stream.plan;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.dataflow.AggCall;
import dev.patina.stream.dataflow.AggKind;
import dev.patina.stream.dataflow.Conflict;
import dev.patina.stream.dataflow.JobPlan;
import dev.patina.stream.dataflow.JoinType;
import dev.patina.stream.dataflow.Node;
import dev.patina.stream.dataflow.ScalarExpr;
import dev.patina.stream.dataflow.StreamGraphBuilder;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.state.OrderType;
import dev.patina.stream.types.DataType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

/**
 * Turns a materialized view's bound plan into a streaming job of {@code dataflow} operators: scans
 * become table sources (a snapshot, then the table's changes), filters, projections, aggregates,
 * joins, TopN, unions, time windows and window functions become their incremental counterparts, and
 * the result is materialized into the view's table as a multiset of rows. Plans the operators
 * cannot maintain (INTERSECT/EXCEPT, joins without equality, percentiles, set-returning functions)
 * raise {@link Unsupported}; the engine then computes such a view when it is read.
 */
public final class StreamPlanner {
  /** The plan needs an operator the streaming engine does not have. */
  public static final class Unsupported extends RuntimeException {
    public Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads a relation's rows as a stream: engine tables and maintained views. */
  private final StreamGraphBuilder b;

  private final BiFunction<LogicalPlan.OverWindow, List<Object[]>, List<Object[]>> windows;

  private final java.time.ZoneId zone;

  /** The over window emitted on window close (EMIT ON WINDOW CLOSE over window functions). */
  private LogicalPlan.OverWindow eowcWindow;

  /** Whether {@link #eowcWindow} became an emit-on-window-close over window. */
  private boolean eowcDone;

  /**
   * An aggregate's result from a group's evaluated inputs (the batch executor's code), for calls
   * without an incremental state of their own; null: such calls are not maintained.
   */
  private final BiFunction<dev.patina.stream.plan.AggCall, List<Object[]>, Object> aggregates;

  private StreamPlanner(
      StreamGraphBuilder b,
      BiFunction<LogicalPlan.OverWindow, List<Object[]>, List<Object[]>> windows,
      BiFunction<dev.patina.stream.plan.AggCall, List<Object[]>, Object> aggregates,
      java.time.ZoneId zone) {
    this.b = b;
    this.windows = windows;
    this.aggregates = aggregates;
    this.zone = zone;
  }

  /**
   * The job maintaining {@code mv} from {@code plan}; state table ids come from {@code ids} (fresh
   * ones at creation, the saved ones in the same order on recovery).
   */
  public static JobPlan plan(Relation mv, LogicalPlan plan, IntSupplier ids) {
    return plan(mv, plan, ids, null, null);
  }

  /**
   * @param windows computes an {@link LogicalPlan.OverWindow}'s rows for one partition (the batch
   *     executor's window functions); null: window functions are not maintained
   */
  public static JobPlan plan(
      Relation mv,
      LogicalPlan plan,
      IntSupplier ids,
      BiFunction<LogicalPlan.OverWindow, List<Object[]>, List<Object[]>> windows,
      BiFunction<dev.patina.stream.plan.AggCall, List<Object[]>, Object> aggregates) {
    if (constant(plan)) {
      throw new Unsupported(
          "a view of constants is computed when read: it keeps the rows in VALUES order, as"
              + " RisingWave's row ids do, where a maintained multiset would sort them");
    }
    StreamGraphBuilder b = new StreamGraphBuilder(mv.name(), ids);
    StreamPlanner p =
        new StreamPlanner(
            b,
            windows,
            aggregates,
            mv.timeZone() == null ? null : java.time.ZoneId.of(mv.timeZone()));
    LogicalPlan optimized = Optimizer.optimize(plan);
    Node out;
    if (emitsOnWindowClose(mv)) {
      try {
        out = p.emitOnWindowClose(optimized);
      } catch (Unsupported e) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "The query cannot be executed in Emit-On-Window-Close mode: " + e.getMessage());
      }
    } else {
      try {
        out = p.node(optimized);
      } catch (Unsupported e) {
        if (readsTemporalScan(plan)) {
          // computing the view when read would fail on every read: refuse it now
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "Not supported: a temporal join in a materialized view that cannot be maintained: "
                  + e.getMessage());
        }
        throw e;
      }
    }
    b.materialize(out, mv.id(), new int[0], Conflict.NONE);
    return b.build();
  }

  /**
   * Whether {@code p} reads no relation and every expression in it is immutable: its rows are fixed
   * when the view is created, and computing them when read gives the same rows.
   */
  static boolean constant(LogicalPlan p) {
    List<BoundExpr> exprs = new ArrayList<>();
    switch (p) {
      case LogicalPlan.Values v -> v.rows().forEach(exprs::addAll);
      case LogicalPlan.Project pr -> exprs.addAll(pr.exprs());
      case LogicalPlan.Filter f -> exprs.add(f.predicate());
      case LogicalPlan.Aggregate a -> {
        exprs.addAll(a.groupKeys());
        for (dev.patina.stream.plan.AggCall c : a.aggs()) {
          exprs.addAll(c.args());
          exprs.addAll(c.orderArgs());
          if (c.filter() != null) {
            exprs.add(c.filter());
          }
        }
      }
      case LogicalPlan.OverWindow w -> {
        for (WindowCall c : w.calls()) {
          exprs.addAll(c.args());
          exprs.addAll(c.partitionBy());
          exprs.addAll(c.orderBy());
        }
      }
      case LogicalPlan.Sort s -> {}
      case LogicalPlan.Limit l -> {}
      case LogicalPlan.Distinct d -> {}
      case LogicalPlan.DistinctOn d -> {}
      case LogicalPlan.SetOp so -> {}
      default -> {
        return false;
      }
    }
    for (BoundExpr e : exprs) {
      if (e.volatility() != dev.patina.stream.expr.Volatility.IMMUTABLE) {
        return false;
      }
    }
    for (LogicalPlan in : p.inputs()) {
      if (!constant(in)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code mv} was created with EMIT ON WINDOW CLOSE (its definition says). */
  static boolean emitsOnWindowClose(Relation mv) {
    return mv.definition() != null
        && SqlParser.parseOne(mv.definition()) instanceof Statement.CreateView v
        && v.emit() == Statement.EmitMode.ON_WINDOW_CLOSE;
  }

  /**
   * EMIT ON WINDOW CLOSE (RisingWave's semantics): window functions whose ORDER BY column has a
   * watermark become an emit-on-window-close over window (rows sorted as the watermark passes them,
   * each emitted once when its frame is complete); anything else (aggregations grouped by a window,
   * group TopN) is held back until the watermark of an output column passes it, so that each
   * window's rows are emitted once, when the window closes.
   */
  private Node emitOnWindowClose(LogicalPlan plan) {
    LogicalPlan top = plan;
    while (top instanceof LogicalPlan.Project
        || top instanceof LogicalPlan.Filter
        || top instanceof LogicalPlan.Sort) {
      top = top.inputs().get(0);
    }
    if (top instanceof LogicalPlan.OverWindow w) {
      eowcWindow = w;
    }
    Node out = node(plan);
    if (eowcDone) {
      return out;
    }
    java.util.Set<Integer> marked = b.watermarkColumns(out);
    if (marked.isEmpty()) {
      throw new Unsupported(
          "no output column carries a watermark; group by a window of a column with one");
    }
    return b.eowcSort(out, marked.iterator().next());
  }

  /**
   * The expression evaluated in the view's creating session's TimeZone (null: UTC), marked with the
   * input column it grows with, if any, for watermarks.
   */
  private ScalarExpr scalar(BoundExpr e) {
    BoundExpr pinned = zone == null ? e : e.withTimeZone(zone);
    int source = growsWith(e);
    return source >= 0
        ? ScalarExpr.monotone(pinned.type(), pinned::eval, source)
        : ScalarExpr.of(pinned);
  }

  /**
   * The input column {@code e} never decreases with, or -1: {@code col + interval} and {@code col -
   * interval} of a date or time column and a constant interval, through which a watermark passes
   * (RisingWave derives watermarks through such monotonic expressions).
   */
  static int growsWith(BoundExpr e) {
    if (!(e instanceof BoundExpr.Call c)
        || c.args().size() != 2
        || !(c.type() == DataType.TIMESTAMP
            || c.type() == DataType.TIMESTAMPTZ
            || c.type() == DataType.DATE)) {
      return -1;
    }
    BoundExpr a = c.args().get(0);
    BoundExpr b = c.args().get(1);
    if ((c.name().equals("+") || c.name().equals("-"))
        && a instanceof BoundExpr.InputRef r
        && isInterval(b)) {
      return r.index();
    }
    if (c.name().equals("+") && b instanceof BoundExpr.InputRef r && isInterval(a)) {
      return r.index();
    }
    return -1;
  }

  private static boolean isInterval(BoundExpr e) {
    return e instanceof BoundExpr.Literal l && l.value() != null && l.type() == DataType.INTERVAL;
  }

  private static List<DataType> types(LogicalPlan p) {
    return p.schema().stream().map(Field::type).toList();
  }

  private Node node(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Scan s -> scan(s.table());
      case LogicalPlan.Values v -> {
        List<Object[]> rows = new ArrayList<>();
        for (List<BoundExpr> r : v.rows()) {
          Object[] row = new Object[r.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = r.get(i).eval(new Object[0]);
          }
          rows.add(row);
        }
        yield b.values(types(v), rows);
      }
      case LogicalPlan.TableFunction t ->
          throw new Unsupported("set-returning functions in materialized views");
      case LogicalPlan.Filter f -> b.filter(node(f.input()), scalar(f.predicate()));
      case LogicalPlan.Project pr -> {
        Pruned pj = pr.input() instanceof LogicalPlan.Join j ? pruned(pr, j) : null;
        LogicalPlan in = pj == null ? pr.input() : pj.join();
        List<BoundExpr> exprs = pr.exprs();
        if (pj != null) {
          exprs = exprs.stream().map(e -> e.remapInputs(i -> pj.map()[i])).toList();
        }
        yield b.project(node(in), exprs.stream().map(this::scalar).toList());
      }
      case LogicalPlan.Changelog c -> b.changelog(node(c.input()));
      case LogicalPlan.Aggregate a -> aggregate(a);
      case LogicalPlan.Join j -> join(j);
      case LogicalPlan.Sort s -> node(s.input());
      case LogicalPlan.Limit l -> limit(l);
      case LogicalPlan.Distinct d -> {
        Node in = node(d.input());
        int[] all = new int[in.width()];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        yield b.hashAgg(in, all, List.of());
      }
      case LogicalPlan.DistinctOn d -> {
        LogicalPlan input = d.input();
        int[] keys = d.keys().stream().mapToInt(Integer::intValue).toArray();
        if (input instanceof LogicalPlan.Sort s) {
          yield topN(node(s.input()), keys, s.keys(), 0, 1, false);
        }
        yield topN(node(input), keys, List.of(), 0, 1, false);
      }
      case LogicalPlan.SetOp s -> {
        if (s.op() != LogicalPlan.SetOperator.UNION) {
          if (s.all()) {
            throw new Unsupported(s.op() + " ALL in materialized views");
          }
          yield intersectOrExcept(node(s.left()), node(s.right()), s.op());
        }
        Node u = b.union(List.of(node(s.left()), node(s.right())));
        if (s.all()) {
          yield u;
        }
        int[] all = new int[u.width()];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        yield b.hashAgg(u, all, List.of());
      }
      case LogicalPlan.ProjectSet ps ->
          throw new Unsupported("set-returning functions in materialized views");
      case LogicalPlan.OverWindow w -> overWindow(w);
      case LogicalPlan.TimeWindow w -> timeWindow(w);
      case LogicalPlan.GapFill g -> throw new Unsupported("GAP_FILL in materialized views");
      case LogicalPlan.TemporalScan t -> throw danglingTemporalScan();
    };
  }

  /**
   * INTERSECT or EXCEPT (without ALL) as RisingWave plans them: both sides tagged and unioned, a
   * hash aggregation counting each distinct row's occurrences per side, a filter on the counts
   * (INTERSECT: on both sides; EXCEPT: on the left only), then the row. Deletes retract counts, so
   * a row appears and disappears as the sides change.
   */
  private Node intersectOrExcept(Node left, Node right, LogicalPlan.SetOperator op) {
    int width = left.width();
    Node taggedLeft = b.project(left, tagged(left.types(), true));
    Node taggedRight = b.project(right, tagged(right.types(), false));
    Node both = b.union(List.of(taggedLeft, taggedRight));
    int[] keys = new int[width];
    for (int i = 0; i < width; i++) {
      keys[i] = i;
    }
    AggCall count =
        new AggCall(
            AggKind.COUNT_STAR, new int[0], DataType.INT64, false, -1, new int[0], List.of());
    Node counted =
        b.hashAgg(both, keys, List.of(count.withFilter(width), count.withFilter(width + 1)));
    boolean intersect = op == LogicalPlan.SetOperator.INTERSECT;
    Node kept =
        b.filter(
            counted,
            new ScalarExpr(
                DataType.BOOLEAN,
                row -> {
                  long inLeft = (Long) row[width];
                  long inRight = (Long) row[width + 1];
                  return inLeft > 0 && (intersect ? inRight > 0 : inRight == 0);
                }));
    List<ScalarExpr> columns = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      columns.add(ScalarExpr.column(i, left.types().get(i)));
    }
    return b.project(kept, columns);
  }

  /** The side's columns, then two booleans: from the left, from the right. */
  private static List<ScalarExpr> tagged(List<DataType> types, boolean fromLeft) {
    List<ScalarExpr> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      out.add(ScalarExpr.column(i, types.get(i)));
    }
    out.add(new ScalarExpr(DataType.BOOLEAN, row -> fromLeft));
    out.add(new ScalarExpr(DataType.BOOLEAN, row -> !fromLeft));
    return out;
  }

  /** A join over narrowed sides; {@code map[old] = new} output column (-1: pruned). */
  private record Pruned(LogicalPlan.Join join, int[] map) {}

  /**
   * A projection over an outer or inner join reads only some columns of the sides: the sides are
   * narrowed to them before the join (column pruning). Besides smaller join state, this lets the
   * narrowing projection drop updates that only changed the pruned columns (noop update
   * elimination), which would otherwise reach the view as a delete and an insert of each joined
   * row. Null when nothing is pruned.
   */
  static Pruned pruned(LogicalPlan.Project pr, LogicalPlan.Join j) {
    if (j.type() == LogicalPlan.JoinType.SEMI
        || j.type() == LogicalPlan.JoinType.ANTI
        || j.right() instanceof LogicalPlan.TemporalScan) {
      // a temporal join looks rows up in its right table as it is: nothing to narrow there
      return null;
    }
    int n = j.left().schema().size();
    java.util.BitSet used = new java.util.BitSet();
    for (BoundExpr e : pr.exprs()) {
      used.or(e.inputRefs());
    }
    if (j.condition() != null) {
      used.or(j.condition().inputRefs());
    }
    j.leftKeys().forEach(used::set);
    j.rightKeys().forEach(k -> used.set(n + k));
    int width = j.schema().size();
    if (used.cardinality() == width) {
      return null;
    }
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    int[] map = new int[width];
    java.util.Arrays.fill(map, -1);
    for (int i = 0; i < width; i++) {
      if (used.get(i)) {
        map[i] = left.size() + right.size();
        if (i < n) {
          left.add(i);
        } else {
          right.add(i - n);
        }
      }
    }
    LogicalPlan l = narrow(j.left(), left);
    LogicalPlan r = narrow(j.right(), right);
    BoundExpr cond = j.condition() == null ? null : j.condition().remapInputs(i -> map[i]);
    List<Integer> lk = j.leftKeys().stream().map(i -> map[i]).toList();
    List<Integer> rk = j.rightKeys().stream().map(i -> map[n + i] - left.size()).toList();
    return new Pruned(
        new LogicalPlan.Join(
            l, r, j.type(), cond, lk, rk, LogicalPlan.Join.schemaOf(l, r, j.type())),
        map);
  }

  private static LogicalPlan narrow(LogicalPlan p, List<Integer> cols) {
    if (cols.size() == p.schema().size()) {
      return p;
    }
    List<BoundExpr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (int c : cols) {
      Field f = p.schema().get(c);
      exprs.add(new BoundExpr.InputRef(c, f.type()));
      fields.add(f);
    }
    return new LogicalPlan.Project(p, exprs, fields);
  }

  /** Window functions sharing one PARTITION BY: a changed partition is computed again. */
  private Node overWindow(LogicalPlan.OverWindow w) {
    if (windows == null) {
      throw new Unsupported("window functions in materialized views");
    }
    List<BoundExpr> partition = w.calls().get(0).partitionBy();
    for (WindowCall c : w.calls()) {
      if (!c.partitionBy().equals(partition)) {
        throw new Unsupported("window functions with different PARTITION BY");
      }
    }
    Node in = node(w.input());
    if (w == eowcWindow) {
      int order = eowcOrderColumn(w, in);
      if (order >= 0) {
        eowcDone = true;
        return b.eowcOverWindow(
            b.eowcSort(in, order),
            partition.stream().map(this::scalar).toList(),
            order,
            rows -> windows.apply(w, rows),
            types(w),
            EowcFrames.closed(w.calls(), order));
      }
    }
    return b.overWindow(
        in,
        partition.stream().map(this::scalar).toList(),
        rows -> windows.apply(w, rows),
        types(w));
  }

  /**
   * The column every call of {@code w} orders by, ascending, if it carries a watermark in {@code
   * in}; else -1 (the window functions are computed as usual and their output held back instead).
   */
  private int eowcOrderColumn(LogicalPlan.OverWindow w, Node in) {
    int col = -1;
    for (WindowCall c : w.calls()) {
      if (c.orderBy().size() != 1
          || !(c.orderBy().get(0) instanceof BoundExpr.InputRef r)
          || c.orderKeys().get(0).descending()
          || (col >= 0 && r.index() != col)) {
        return -1;
      }
      col = r.index();
    }
    return col >= 0 && b.watermarkColumns(in).contains(col) ? col : -1;
  }

  private Node scan(Relation r) {
    List<DataType> types = r.columns().stream().map(c -> c.type()).toList();
    if (r.kind() == RelationKind.TABLE) {
      Node source = b.source(r.layout());
      for (Statement.Watermark wm : watermarks(r)) {
        int col = r.columnIndex(wm.column());
        if (col < 0) {
          throw new SqlException(
              SqlState.UNDEFINED_COLUMN, "column \"" + wm.column() + "\" does not exist");
        }
        BoundExpr e =
            new ExprBinder(null, Binder.scopeOfRelation(r, null), null, "WATERMARK")
                .bind(wm.expr());
        DataType t = r.columns().get(col).type();
        if (!e.type().equals(t)) {
          e = Casts.cast(e, t, CastContext.ASSIGNMENT);
        }
        source = b.watermarkFilter(source, col, scalar(e));
      }
      return source;
    }
    if (r.kind() == RelationKind.MATERIALIZED_VIEW && r.maintained()) {
      return b.table(r.id(), types);
    }
    throw new Unsupported("reading " + r.kind().sqlName() + " " + r.name() + " in a stream");
  }

  /** The {@code WATERMARK FOR} clauses of a table's CREATE TABLE. */
  private static List<Statement.Watermark> watermarks(Relation t) {
    if (t.definition() != null
        && SqlParser.parseOne(t.definition()) instanceof Statement.CreateTable c) {
      return c.watermarks();
    }
    return List.of();
  }

  private Node aggregate(LogicalPlan.Aggregate a) {
    Node in = node(a.input());
    // one projection computes keys, arguments, filters and ORDER BY values as columns
    List<BoundExpr> cols = new ArrayList<>(a.groupKeys());
    List<AggCall> calls = new ArrayList<>();
    for (dev.patina.stream.plan.AggCall c : a.aggs()) {
      AggKind kind = kind(c);
      if (kind == null
          || (c.type() == DataType.INTERVAL && kind != AggKind.MIN && kind != AggKind.MAX)) {
        calls.add(generic(c, cols));
        continue;
      }
      int[] args = new int[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = column(cols, c.args().get(i));
      }
      if (kind == AggKind.COUNT && args.length == 0) {
        kind = AggKind.COUNT_STAR;
      }
      AggCall call = new AggCall(kind, args, c.type(), false, -1, new int[0], List.of());
      if (c.distinct()) {
        call = call.withDistinct();
      }
      if (c.filter() != null) {
        call = call.withFilter(column(cols, c.filter()));
      }
      if (!c.orderBy().isEmpty()) {
        int[] oc = new int[c.orderBy().size()];
        List<OrderType> ot = new ArrayList<>();
        for (int i = 0; i < oc.length; i++) {
          SortKey k = c.orderBy().get(i);
          oc[i] = column(cols, c.orderArgs().get(k.column()));
          ot.add(new OrderType(k.descending(), k.nullsFirst()));
        }
        call = call.withOrder(oc, ot);
      }
      calls.add(call);
    }
    Node projected = b.project(in, cols.stream().map(this::scalar).toList());
    int[] keys = new int[a.groupKeys().size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i;
    }
    return b.hashAgg(projected, keys, calls);
  }

  private static int column(List<BoundExpr> cols, BoundExpr e) {
    int i = cols.indexOf(e);
    if (i >= 0 && i >= 0) {
      return i;
    }
    cols.add(e);
    return cols.size() - 1;
  }

  private static AggKind kind(dev.patina.stream.plan.AggCall c) {
    return switch (c.name()) {
      case "count" -> c.args().isEmpty() ? AggKind.COUNT_STAR : AggKind.COUNT;
      case "sum" -> AggKind.SUM;
      case "avg" -> AggKind.AVG;
      case "min" -> AggKind.MIN;
      case "max" -> AggKind.MAX;
      case "bool_and" -> AggKind.BOOL_AND;
      case "bool_or" -> AggKind.BOOL_OR;
      case "string_agg" -> AggKind.STRING_AGG;
      case "array_agg" -> AggKind.ARRAY_AGG;
      case "first_value" -> AggKind.FIRST_VALUE;
      case "last_value" -> AggKind.LAST_VALUE;
      default -> null;
    };
  }

  /**
   * A call without an incremental state of its own (percentiles, mode, approx_percentile,
   * variances, interval sums ...): the hash aggregation keeps its inputs (arguments, then ORDER BY
   * values) per group and computes it from them with the batch executor's code when they change.
   */
  private AggCall generic(dev.patina.stream.plan.AggCall c, List<BoundExpr> cols) {
    if (aggregates == null) {
      throw new Unsupported("aggregate " + c.name() + " in materialized views");
    }
    int nargs = c.args().size();
    int[] args = new int[nargs + c.orderArgs().size()];
    for (int i = 0; i < nargs; i++) {
      args[i] = column(cols, c.args().get(i));
    }
    for (int i = 0; i < c.orderArgs().size(); i++) {
      args[nargs + i] = column(cols, c.orderArgs().get(i));
    }
    AggCall call =
        AggCall.generic(
            args, c.type(), new AggCall.Finisher(c.name(), tuples -> aggregates.apply(c, tuples)));
    if (c.distinct()) {
      call = call.withDistinct();
    }
    if (c.filter() != null) {
      call = call.withFilter(column(cols, c.filter()));
    }
    if (!c.orderBy().isEmpty()) {
      int[] oc = new int[c.orderBy().size()];
      List<OrderType> ot = new ArrayList<>();
      for (int i = 0; i < oc.length; i++) {
        SortKey k = c.orderBy().get(i);
        oc[i] = args[nargs + k.column()];
        ot.add(new OrderType(k.descending(), k.nullsFirst()));
      }
      call = call.withOrder(oc, ot);
    }
    return call;
  }

  private static SqlException danglingTemporalScan() {
    return new SqlException(
        SqlState.FEATURE_NOT_SUPPORTED,
        "Not supported: exist dangling temporal scan (FOR SYSTEM_TIME AS OF PROCTIME() belongs to"
            + " the right side of an inner or left join)");
  }

  /**
   * The right side of a temporal join: the table read, the table column of each output column,
   * conditions on the right side's columns that the optimizer pushed into it, the lookup keys.
   */
  private record TemporalRight(
      Relation table, int[] columns, List<BoundExpr> filters, List<List<Integer>> lookupKeys) {}

  /** {@code p} as the right side of a temporal join, or null when it reads no temporal scan. */
  private static TemporalRight temporalRight(LogicalPlan p) {
    List<BoundExpr> filters = new ArrayList<>();
    while (p instanceof LogicalPlan.Filter f) {
      filters.add(f.predicate());
      p = f.input();
    }
    if (!(p instanceof LogicalPlan.TemporalScan t)) {
      return null;
    }
    LogicalPlan in = t.input();
    int[] cols = null; // output column -> column of the scan below
    while (in instanceof LogicalPlan.Project pr) {
      int[] next = new int[pr.exprs().size()];
      for (int i = 0; i < next.length; i++) {
        if (!(pr.exprs().get(i) instanceof BoundExpr.InputRef r)) {
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "Not supported: a computed column on the right side of a temporal join");
        }
        next[i] = r.index();
      }
      if (cols != null) {
        for (int i = 0; i < cols.length; i++) {
          cols[i] = next[cols[i]];
        }
      } else {
        cols = next;
      }
      in = pr.input();
    }
    if (!(in instanceof LogicalPlan.Scan s)) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "Not supported: the right side of a temporal join is a view computed when read");
    }
    if (s.table().kind() != RelationKind.TABLE) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "temporal joins with a materialized view on the right side are not supported yet");
    }
    if (cols == null) {
      cols = new int[s.schema().size()];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = i;
      }
    }
    return new TemporalRight(s.table(), cols, filters, t.lookupKeys());
  }

  private static boolean readsTemporalScan(LogicalPlan p) {
    return p instanceof LogicalPlan.TemporalScan
        || p.inputs().stream().anyMatch(StreamPlanner::readsTemporalScan);
  }

  /** Whether {@code p} only ever inserts (an append-only table, filtered and projected). */
  private static boolean appendOnly(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Scan s -> s.table().kind() == RelationKind.TABLE && s.table().appendOnly();
      case LogicalPlan.Values v -> true;
      case LogicalPlan.Filter f -> appendOnly(f.input());
      case LogicalPlan.Project pr -> appendOnly(pr.input());
      default -> false;
    };
  }

  /**
   * {@code left JOIN table FOR SYSTEM_TIME AS OF PROCTIME() ON ...}: a temporal join operator
   * looking each left row up in the table when it arrives, then a projection to the columns the
   * right side shows (an index's or all of the table's).
   */
  private Node temporalJoin(LogicalPlan.Join j, TemporalRight tr) {
    JoinType type =
        switch (j.type()) {
          case INNER -> JoinType.INNER;
          case LEFT -> JoinType.LEFT_OUTER;
          default -> throw danglingTemporalScan();
        };
    if (j.rightKeys().isEmpty()) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "Not supported: temporal join without an equality between the two sides");
    }
    boolean covered = false;
    for (List<Integer> key : tr.lookupKeys()) {
      covered |= j.rightKeys().containsAll(key);
    }
    if (!covered) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "Not supported: Temporal join requires the lookup table's primary key contained exactly"
              + " in the equivalence condition (or an index's columns)");
    }
    int n = j.left().schema().size();
    int[] map = tr.columns();
    List<BoundExpr> conds = new ArrayList<>();
    if (j.condition() != null) {
      conds.add(j.condition());
    }
    for (BoundExpr f : tr.filters()) {
      conds.add(f.remapInputs(i -> i + n));
    }
    ScalarExpr cond = null;
    if (!conds.isEmpty()) {
      BoundExpr c = conds.size() == 1 ? conds.get(0) : dev.patina.stream.expr.Operators.and(conds);
      cond = scalar(c.remapInputs(i -> i < n ? i : n + map[i - n]));
    }
    Node left = node(j.left());
    Node out =
        b.temporalJoin(
            type,
            left,
            tr.table().layout(),
            j.leftKeys().stream().mapToInt(Integer::intValue).toArray(),
            j.rightKeys().stream().mapToInt(k -> map[k]).toArray(),
            cond,
            appendOnly(j.left()));
    boolean identity = map.length == tr.table().columns().size();
    for (int i = 0; identity && i < map.length; i++) {
      identity = map[i] == i;
    }
    if (identity) {
      return out;
    }
    List<ScalarExpr> exprs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      exprs.add(ScalarExpr.column(i, out.types().get(i)));
    }
    for (int c : map) {
      exprs.add(ScalarExpr.column(n + c, out.types().get(n + c)));
    }
    return b.project(out, exprs);
  }

  private Node join(LogicalPlan.Join j) {
    TemporalRight temporal = temporalRight(j.right());
    if (temporal != null) {
      return temporalJoin(j, temporal);
    }
    if (j.leftKeys().isEmpty()) {
      throw new Unsupported("joins without an equality between the sides");
    }
    JoinType type =
        switch (j.type()) {
          case INNER -> JoinType.INNER;
          case LEFT -> JoinType.LEFT_OUTER;
          case RIGHT -> JoinType.RIGHT_OUTER;
          case FULL -> JoinType.FULL_OUTER;
          case SEMI -> JoinType.LEFT_SEMI;
          case ANTI -> JoinType.LEFT_ANTI;
        };
    Node out =
        b.hashJoin(
            type,
            node(j.left()),
            node(j.right()),
            j.leftKeys().stream().mapToInt(Integer::intValue).toArray(),
            j.rightKeys().stream().mapToInt(Integer::intValue).toArray(),
            j.condition() == null ? null : scalar(j.condition()));
    int[] lk = streamKey(j.left());
    int[] rk = streamKey(j.right());
    if (type == JoinType.FULL_OUTER && lk != null && rk != null) {
      // RisingWave drops full join rows whose stream key (both sides' keys) is all NULL: with a
      // NULL primary key on both sides the two padded rows would be the same key twice
      // (risingwave#8084, #8520)
      int n = j.left().schema().size();
      int[] key = new int[lk.length + rk.length];
      for (int i = 0; i < lk.length; i++) {
        key[i] = lk[i];
      }
      for (int i = 0; i < rk.length; i++) {
        key[lk.length + i] = n + rk[i];
      }
      out =
          b.filter(
              out,
              new ScalarExpr(
                  DataType.BOOLEAN,
                  row -> {
                    for (int c : key) {
                      if (row[c] != null) {
                        return true;
                      }
                    }
                    return false;
                  }));
    }
    return out;
  }

  /**
   * The columns of {@code p}'s output that identify its rows as a table's primary key does (a table
   * scanned, filtered, its key columns projected), or null when unknown.
   */
  private static int[] streamKey(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Scan s when s.table().kind() == RelationKind.TABLE ->
          s.table().pk().stream().mapToInt(Integer::intValue).toArray();
      case LogicalPlan.Filter f -> streamKey(f.input());
      case LogicalPlan.Project pr -> {
        int[] in = streamKey(pr.input());
        if (in == null) {
          yield null;
        }
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
          out[i] =
              pr.exprs()
                  .indexOf(new BoundExpr.InputRef(in[i], pr.input().schema().get(in[i]).type()));
          if (out[i] < 0) {
            yield null;
          }
        }
        yield out;
      }
      default -> null;
    };
  }

  private Node limit(LogicalPlan.Limit l) {
    if (l.input() instanceof LogicalPlan.Sort s) {
      return topN(node(s.input()), new int[0], s.keys(), l.offset(), l.limit(), l.withTies());
    }
    return topN(node(l.input()), new int[0], List.of(), l.offset(), l.limit(), false);
  }

  private Node topN(
      Node in, int[] groups, List<SortKey> keys, long offset, long limit, boolean ties) {
    int[] cols = keys.stream().mapToInt(SortKey::column).toArray();
    List<OrderType> orders =
        keys.stream().map(k -> new OrderType(k.descending(), k.nullsFirst())).toList();
    return b.topN(in, groups, cols, orders, offset, limit, ties);
  }

  /** TUMBLE is one projection; HOP a union of one projection per window a row falls in. */
  private Node timeWindow(LogicalPlan.TimeWindow w) {
    Node in = node(w.input());
    DataType t = w.schema().get(w.schema().size() - 1).type();
    int width = w.input().schema().size();
    long n = w.size() / w.slide();
    List<Node> parts = new ArrayList<>();
    for (long k = 0; k < n; k++) {
      long back = k * w.slide();
      List<ScalarExpr> exprs = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        exprs.add(ScalarExpr.column(i, w.input().schema().get(i).type()));
      }
      int col = w.timeColumn();
      // window_start and window_end grow with the time column: its watermark passes to them
      exprs.add(
          ScalarExpr.monotone(
              t, row -> row[col] == null ? null : fromMicros(start(row[col], w) - back, t), col));
      exprs.add(
          ScalarExpr.monotone(
              t,
              row -> row[col] == null ? null : fromMicros(start(row[col], w) - back + w.size(), t),
              col));
      Node part = b.project(in, exprs);
      if (n > 1) {
        part = b.filter(part, new ScalarExpr(DataType.BOOLEAN, row -> row[col] != null));
      }
      parts.add(part);
    }
    return parts.size() == 1 ? parts.get(0) : b.union(parts);
  }

  private static long start(Object v, LogicalPlan.TimeWindow w) {
    long micros =
        switch (v) {
          case LocalDateTime d -> ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), d);
          case Instant i -> ChronoUnit.MICROS.between(Instant.EPOCH, i);
          case LocalDate d -> d.toEpochDay() * 86_400_000_000L;
          default -> throw new IllegalArgumentException("not a time: " + v);
        };
    return micros - Math.floorMod(micros - w.offset(), w.slide());
  }

  private static Object fromMicros(long micros, DataType t) {
    Instant i = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    return t == DataType.TIMESTAMPTZ ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
