package dev.patina.stream.dataflow.planner;

import dev.patina.stream.batch.BatchExecutor;
import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.dataflow.AggCall;
import dev.patina.stream.dataflow.AggKind;
import dev.patina.stream.dataflow.Conflict;
import dev.patina.stream.dataflow.JobPlan;
import dev.patina.stream.dataflow.JoinType;
import dev.patina.stream.dataflow.Node;
import dev.patina.stream.dataflow.ScalarExpr;
import dev.patina.stream.dataflow.StreamException;
import dev.patina.stream.dataflow.StreamGraphBuilder;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.plan.SortKey;
import dev.patina.stream.state.OrderType;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Turns a materialized view's bound query ({@link LogicalPlan}) into a streaming job (RisingWave's
 * stream planner): scans of tables become sources, scans of maintained views read their change
 * streams, and each relational operator becomes its incremental counterpart. Subtrees that read no
 * table are computed once by the batch executor and enter as constant rows. What has no streaming
 * counterpart yet raises {@link StreamException}, and the engine then computes the view on read.
 */
public final class StreamPlanner {
  private final StreamGraphBuilder b;
  private final ReadView view;

  private StreamPlanner(StreamGraphBuilder b, ReadView view) {
    this.b = b;
    this.view = view;
  }

  /**
   * The job that maintains {@code mv} (materialized into table {@code mv.id()} as a multiset of its
   * query's rows).
   *
   * @param ids state table ids, the same sequence on every call for the same view
   * @param view what constant subtrees are computed over
   */
  public static JobPlan plan(Relation mv, LogicalPlan query, IntSupplier ids, ReadView view) {
    StreamGraphBuilder b = new StreamGraphBuilder(mv.name(), ids);
    Node root = new StreamPlanner(b, view).build(stripSort(query));
    b.materialize(root, mv.id(), new int[0], Conflict.NONE);
    return b.build();
  }

  private static LogicalPlan stripSort(LogicalPlan p) {
    // A view's rows have no order: a top-level ORDER BY without LIMIT means nothing.
    return p instanceof LogicalPlan.Sort s ? stripSort(s.input()) : p;
  }

  private static StreamException unsupported(String what) {
    return new StreamException("streaming does not support " + what + " yet");
  }

  private static boolean readsTables(LogicalPlan p) {
    if (p instanceof LogicalPlan.Scan) {
      return true;
    }
    for (LogicalPlan in : p.inputs()) {
      if (readsTables(in)) {
        return true;
      }
    }
    return false;
  }

  private static List<DataType> types(LogicalPlan p) {
    return p.schema().stream().map(f -> f.type()).toList();
  }

  private Node build(LogicalPlan p) {
    if (!readsTables(p)) {
      return b.values(types(p), new BatchExecutor(view, () -> false).collect(p));
    }
    return switch (p) {
      case LogicalPlan.Scan s -> scan(s.table());
      case LogicalPlan.Filter f -> b.filter(build(f.input()), ScalarExpr.of(f.predicate()));
      case LogicalPlan.Project pr ->
          b.project(build(pr.input()), pr.exprs().stream().map(ScalarExpr::of).toList());
      case LogicalPlan.Aggregate a -> aggregate(a);
      case LogicalPlan.Join j -> join(j);
      case LogicalPlan.Sort s -> build(s.input());
      case LogicalPlan.Limit l -> limit(l);
      case LogicalPlan.Distinct d -> distinct(build(d.input()));
      case LogicalPlan.DistinctOn d -> distinctOn(d);
      case LogicalPlan.SetOp s -> setOp(s);
      case LogicalPlan.TimeWindow w ->
          b.hopWindow(build(w.input()), w.timeColumn(), w.slide(), w.size(), w.offset());
      case LogicalPlan.OverWindow w -> overWindow(w);
      case LogicalPlan.Values v -> throw new IllegalStateException("values read no table");
      case LogicalPlan.TableFunction t -> throw new IllegalStateException("reads no table");
    };
  }

  /**
   * Window functions: a partition's rows are fed to the batch executor's window evaluation as
   * constant rows whenever the partition changes. Calls that partition differently share one
   * partition (everything), which stays correct but recomputes more.
   */
  private Node overWindow(LogicalPlan.OverWindow w) {
    Node in = build(w.input());
    List<BoundExpr> partition = w.calls().getFirst().partitionBy();
    for (dev.patina.stream.plan.WindowCall c : w.calls()) {
      if (!c.partitionBy().equals(partition)) {
        partition = List.of();
      }
    }
    List<dev.patina.stream.plan.Field> inSchema = w.input().schema();
    List<dev.patina.stream.plan.WindowCall> calls = w.calls();
    List<dev.patina.stream.plan.Field> schema = w.schema();
    java.util.function.Function<List<Object[]>, List<Object[]>> compute =
        rows -> {
          List<List<BoundExpr>> literal = new ArrayList<>(rows.size());
          for (Object[] r : rows) {
            List<BoundExpr> cols = new ArrayList<>(r.length);
            for (int i = 0; i < r.length; i++) {
              cols.add(new BoundExpr.Literal(r[i], inSchema.get(i).type()));
            }
            literal.add(cols);
          }
          LogicalPlan part =
              new LogicalPlan.OverWindow(new LogicalPlan.Values(literal, inSchema), calls, schema);
          return new BatchExecutor(null, () -> false).collect(part);
        };
    return b.overWindow(in, partition.stream().map(ScalarExpr::of).toList(), compute, types(w));
  }

  private Node scan(Relation r) {
    List<DataType> types = r.columns().stream().map(ColumnDesc::type).toList();
    return switch (r.kind()) {
      case TABLE -> b.source(r.layout());
      case MATERIALIZED_VIEW -> b.table(r.id(), types);
      default -> throw unsupported("reading a " + r.kind().toString().toLowerCase() + " in a view");
    };
  }

  private Node distinct(Node in) {
    int[] all = new int[in.width()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return b.hashAgg(in, all, List.of());
  }

  private Node limit(LogicalPlan.Limit l) {
    LogicalPlan input = l.input();
    int[] cols = new int[0];
    List<OrderType> orders = List.of();
    if (input instanceof LogicalPlan.Sort s) {
      cols = s.keys().stream().mapToInt(SortKey::column).toArray();
      orders = s.keys().stream().map(k -> new OrderType(k.descending(), k.nullsFirst())).toList();
      input = s.input();
    }
    return b.topN(build(input), new int[0], cols, orders, l.offset(), l.limit(), false);
  }

  private Node distinctOn(LogicalPlan.DistinctOn d) {
    LogicalPlan input = d.input();
    int[] cols = new int[0];
    List<OrderType> orders = List.of();
    if (input instanceof LogicalPlan.Sort s) {
      cols = s.keys().stream().mapToInt(SortKey::column).toArray();
      orders = s.keys().stream().map(k -> new OrderType(k.descending(), k.nullsFirst())).toList();
      input = s.input();
    }
    int[] keys = d.keys().stream().mapToInt(Integer::intValue).toArray();
    return b.topN(build(input), keys, cols, orders, 0, 1, false);
  }

  private Node join(LogicalPlan.Join j) {
    JoinType type =
        switch (j.type()) {
          case INNER -> JoinType.INNER;
          case LEFT -> JoinType.LEFT_OUTER;
          case RIGHT -> JoinType.RIGHT_OUTER;
          case FULL -> JoinType.FULL_OUTER;
          case SEMI -> JoinType.LEFT_SEMI;
          case ANTI -> JoinType.LEFT_ANTI;
        };
    Node left = build(j.left());
    Node right = build(j.right());
    int[] lk = j.leftKeys().stream().mapToInt(Integer::intValue).toArray();
    int[] rk = j.rightKeys().stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < lk.length; i++) {
      if (!left.types().get(lk[i]).equals(right.types().get(rk[i]))) {
        throw unsupported("join keys of different types");
      }
    }
    ScalarExpr cond = j.condition() == null ? null : ScalarExpr.of(j.condition());
    return b.hashJoin(type, left, right, lk, rk, cond);
  }

  private Node setOp(LogicalPlan.SetOp s) {
    Node left = build(s.left());
    Node right = build(s.right());
    if (s.op() == LogicalPlan.SetOperator.UNION) {
      Node all = b.union(List.of(left, right));
      return s.all() ? all : distinct(all);
    }
    if (s.all()) {
      throw unsupported(s.op() + " ALL");
    }
    // INTERSECT / EXCEPT: tag each side, count per row and side, keep rows by the counts.
    int n = left.width();
    Node l = b.project(left, tagged(left.types(), 1L, 0L));
    Node r = b.project(right, tagged(right.types(), 0L, 1L));
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Node counts =
        b.hashAgg(
            b.union(List.of(l, r)),
            all,
            List.of(
                AggCall.of(AggKind.SUM, DataType.INT64, n),
                AggCall.of(AggKind.SUM, DataType.INT64, n + 1)));
    boolean intersect = s.op() == LogicalPlan.SetOperator.INTERSECT;
    Node kept =
        b.filter(
            counts,
            new ScalarExpr(
                DataType.BOOLEAN,
                row -> {
                  long inLeft = (Long) row[n];
                  long inRight = (Long) row[n + 1];
                  return inLeft > 0 && (intersect ? inRight > 0 : inRight == 0);
                }));
    List<ScalarExpr> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cols.add(ScalarExpr.column(i, left.types().get(i)));
    }
    return b.project(kept, cols);
  }

  private static List<ScalarExpr> tagged(List<DataType> types, long inLeft, long inRight) {
    List<ScalarExpr> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      out.add(ScalarExpr.column(i, types.get(i)));
    }
    out.add(new ScalarExpr(DataType.INT64, r -> inLeft));
    out.add(new ScalarExpr(DataType.INT64, r -> inRight));
    return out;
  }

  /**
   * Group keys and every aggregate's arguments, filter and ORDER BY values are computed by one
   * projection; the aggregation then reads columns of it.
   */
  private Node aggregate(LogicalPlan.Aggregate a) {
    Node in = build(a.input());
    List<BoundExpr> exprs = new ArrayList<>(a.groupKeys());
    int[] groups = new int[a.groupKeys().size()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = i;
    }
    List<AggCall> calls = new ArrayList<>();
    for (dev.patina.stream.plan.AggCall c : a.aggs()) {
      int[] args = new int[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = exprs.size();
        exprs.add(c.args().get(i));
      }
      int filter = -1;
      if (c.filter() != null) {
        filter = exprs.size();
        exprs.add(c.filter());
      }
      int orderBase = exprs.size();
      exprs.addAll(c.orderArgs());
      int[] orderCols = c.orderBy().stream().mapToInt(k -> orderBase + k.column()).toArray();
      List<OrderType> orders =
          c.orderBy().stream().map(k -> new OrderType(k.descending(), k.nullsFirst())).toList();
      AggKind kind = kind(c, args.length);
      AggCall call = new AggCall(kind, args, c.type(), c.distinct(), filter, orderCols, orders);
      calls.add(call);
    }
    Node projected = b.project(in, exprs.stream().map(ScalarExpr::of).toList());
    return b.hashAgg(projected, groups, calls);
  }

  private static AggKind kind(dev.patina.stream.plan.AggCall c, int nargs) {
    DataType arg = c.args().isEmpty() ? null : c.args().get(0).type();
    AggKind k =
        switch (c.name()) {
          case "count" -> nargs == 0 ? AggKind.COUNT_STAR : nargs == 1 ? AggKind.COUNT : null;
          case "sum" -> arg == DataType.INTERVAL ? null : AggKind.SUM;
          case "sum0" -> AggKind.SUM0;
          case "avg" -> arg == DataType.INTERVAL ? null : AggKind.AVG;
          case "min" -> AggKind.MIN;
          case "max" -> AggKind.MAX;
          case "bool_and", "every" -> AggKind.BOOL_AND;
          case "bool_or" -> AggKind.BOOL_OR;
          case "string_agg" -> AggKind.STRING_AGG;
          case "array_agg" -> AggKind.ARRAY_AGG;
          case "first_value" -> AggKind.FIRST_VALUE;
          case "last_value" -> AggKind.LAST_VALUE;
          default -> null;
        };
    if (k == null) {
      throw unsupported("the aggregate " + c.name() + "(" + nargs + " arguments)");
    }
    return k;
  }
}
