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

  /** The over window emitted on window close (EMIT ON WINDOW CLOSE over window functions). */
  private LogicalPlan.OverWindow eowcWindow;

  /** Whether {@link #eowcWindow} became an emit-on-window-close over window. */
  private boolean eowcDone;

  private StreamPlanner(
      StreamGraphBuilder b,
      BiFunction<LogicalPlan.OverWindow, List<Object[]>, List<Object[]>> windows) {
    this.b = b;
    this.windows = windows;
  }

  /**
   * The job maintaining {@code mv} from {@code plan}; state table ids come from {@code ids} (fresh
   * ones at creation, the saved ones in the same order on recovery).
   */
  public static JobPlan plan(Relation mv, LogicalPlan plan, IntSupplier ids) {
    return plan(mv, plan, ids, null);
  }

  /**
   * @param windows computes an {@link LogicalPlan.OverWindow}'s rows for one partition (the batch
   *     executor's window functions); null: window functions are not maintained
   */
  public static JobPlan plan(
      Relation mv,
      LogicalPlan plan,
      IntSupplier ids,
      BiFunction<LogicalPlan.OverWindow, List<Object[]>, List<Object[]>> windows) {
    StreamGraphBuilder b = new StreamGraphBuilder(mv.name(), ids);
    StreamPlanner p = new StreamPlanner(b, windows);
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
      out = p.node(optimized);
    }
    b.materialize(out, mv.id(), new int[0], Conflict.NONE);
    return b.build();
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

  private static ScalarExpr scalar(BoundExpr e) {
    int source = growsWith(e);
    return source >= 0 ? ScalarExpr.monotone(e.type(), e::eval, source) : ScalarExpr.of(e);
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
      case LogicalPlan.Project pr ->
          b.project(node(pr.input()), pr.exprs().stream().map(StreamPlanner::scalar).toList());
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
          throw new Unsupported(s.op() + " in materialized views");
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
    };
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
            partition.stream().map(StreamPlanner::scalar).toList(),
            order,
            rows -> windows.apply(w, rows),
            types(w),
            EowcFrames.closed(w.calls(), order));
      }
    }
    return b.overWindow(
        in,
        partition.stream().map(StreamPlanner::scalar).toList(),
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
      int[] args = new int[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = column(cols, c.args().get(i));
      }
      if (kind == AggKind.COUNT && args.length == 0) {
        kind = AggKind.COUNT_STAR;
      }
      if (c.type() == DataType.INTERVAL && kind != AggKind.MIN && kind != AggKind.MAX) {
        throw new Unsupported("interval " + c.name() + " in materialized views");
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
    Node projected = b.project(in, cols.stream().map(StreamPlanner::scalar).toList());
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
      default -> throw new Unsupported("aggregate " + c.name() + " in materialized views");
    };
  }

  private Node join(LogicalPlan.Join j) {
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
    return b.hashJoin(
        type,
        node(j.left()),
        node(j.right()),
        j.leftKeys().stream().mapToInt(Integer::intValue).toArray(),
        j.rightKeys().stream().mapToInt(Integer::intValue).toArray(),
        j.condition() == null ? null : scalar(j.condition()));
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
