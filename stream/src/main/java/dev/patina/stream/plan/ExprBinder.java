package dev.patina.stream.plan;

import dev.patina.stream.catalog.TypeNames;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Coercion;
import dev.patina.stream.expr.Functions;
import dev.patina.stream.expr.Literals;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.expr.Volatility;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.OrderByItem;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Binds one expression of a clause over a {@link Scope}: names to input columns, literals to typed
 * values, operators and functions through {@code expr}'s resolution (which inserts the implicit
 * casts). Aggregates are allowed only when a collector is given (SELECT list, HAVING, ORDER BY);
 * uncorrelated subqueries are run at bind time through the binder.
 */
final class ExprBinder {
  private final Binder binder;
  private final Scope scope;
  private final AggCollector aggs;
  private final String clause;
  private final WindowCollector windows;

  ExprBinder(Binder binder, Scope scope, AggCollector aggs, String clause) {
    this(binder, scope, aggs, clause, null);
  }

  ExprBinder(
      Binder binder, Scope scope, AggCollector aggs, String clause, WindowCollector windows) {
    this.binder = binder;
    this.scope = scope;
    this.aggs = aggs;
    this.clause = clause;
    this.windows = windows;
  }

  List<BoundExpr> bindAll(List<Expr> es) {
    List<BoundExpr> out = new ArrayList<>(es.size());
    for (Expr e : es) {
      out.add(bind(e));
    }
    return out;
  }

  BoundExpr bind(Expr e) {
    return switch (e) {
      case Expr.ColumnRef c -> column(c);
      case Expr.NumberLit n -> Literals.number(n.text());
      case Expr.StringLit s -> Literals.string(s.value());
      case Expr.BoolLit b -> new BoundExpr.Literal(b.value(), DataType.BOOLEAN);
      case Expr.NullLit n -> BoundExpr.UntypedLiteral.NULL;
      case Expr.TypedLiteral t -> typedLiteral(t);
      case Expr.IntervalLit i ->
          i.qualifier() == null
              ? Literals.interval(i.value(), null, null, null)
              : Literals.interval(
                  i.value(), i.qualifier().from(), i.qualifier().to(), i.qualifier().precision());
      case Expr.Param p -> new BoundExpr.Param(p.index(), binder.paramType(p.index()));
      case Expr.Default d ->
          throw new SqlException(SqlState.SYNTAX_ERROR, "DEFAULT is not allowed in this context");
      case Expr.Unary u -> unary(u);
      case Expr.Binary b -> binary(b);
      case Expr.Is is ->
          switch (is.kind()) {
            case NULL -> Operators.isNull(bind(is.operand()), is.negated());
            case TRUE -> Operators.isBool(bind(is.operand()), true, is.negated());
            case FALSE -> Operators.isBool(bind(is.operand()), false, is.negated());
            case UNKNOWN -> Operators.isUnknown(bind(is.operand()), is.negated());
          };
      case Expr.IsDistinctFrom d ->
          Operators.isDistinctFrom(bind(d.left()), bind(d.right()), d.negated());
      case Expr.Between b -> between(b);
      case Expr.Like l ->
          l.kind() == Expr.LikeKind.SIMILAR_TO
              ? negate(
                  Functions.call(
                      "similar_to_escape",
                      l.escape() == null
                          ? List.of(bind(l.operand()), bind(l.pattern()))
                          : List.of(bind(l.operand()), bind(l.pattern()), bind(l.escape()))),
                  l.negated())
              : Operators.like(
                  bind(l.operand()),
                  bind(l.pattern()),
                  l.escape() == null ? null : bind(l.escape()),
                  l.kind() == Expr.LikeKind.ILIKE,
                  l.negated());
      case Expr.InList in -> Operators.in(bind(in.operand()), bindAll(in.list()), in.negated());
      case Expr.InSubquery in -> inSubquery(in);
      case Expr.Exists ex -> {
        Binder.Subquery sq = binder.subquery(ex.query(), "EXISTS", scope);
        if (sq.correlated()) {
          yield correlated("exists", DataType.BOOLEAN, sq, rows -> !rows.isEmpty());
        }
        yield new BoundExpr.Literal(!sq.rows().isEmpty(), DataType.BOOLEAN);
      }
      case Expr.Subquery s -> scalarSubquery(s);
      case Expr.ArraySubquery s -> arraySubquery(s);
      case Expr.Quantified q -> quantified(q);
      case Expr.Cast c -> {
        BoundExpr operand = bind(c.operand());
        BoundExpr reg = PgFunctions.regCast(c.type(), operand, binder);
        yield reg != null
            ? reg
            : Casts.cast(operand, TypeNames.resolve(c.type()), CastContext.EXPLICIT);
      }
      case Expr.Case c -> caseExpr(c);
      case Expr.FunctionCall f -> function(f);
      case Expr.ValueFunction v -> valueFunction(v);
      case Expr.Extract x ->
          Functions.call(
              "extract",
              List.of(new BoundExpr.Literal(x.field(), DataType.VARCHAR), bind(x.source())));
      case Expr.Position p ->
          Functions.call("strpos", List.of(bind(p.string()), bind(p.substring())));
      case Expr.Substring s -> {
        List<BoundExpr> args = new ArrayList<>();
        args.add(bind(s.string()));
        args.add(s.start() == null ? new BoundExpr.Literal(1, DataType.INT32) : bind(s.start()));
        if (s.length() != null) {
          args.add(bind(s.length()));
        }
        yield Functions.call("substr", args);
      }
      case Expr.Trim t -> {
        String fn =
            switch (t.side()) {
              case BOTH -> "btrim";
              case LEADING -> "ltrim";
              case TRAILING -> "rtrim";
            };
        yield t.characters() == null
            ? Functions.call(fn, List.of(bind(t.string())))
            : Functions.call(fn, List.of(bind(t.string()), bind(t.characters())));
      }
      case Expr.Overlay o -> {
        List<BoundExpr> args =
            new ArrayList<>(List.of(bind(o.string()), bind(o.replacement()), bind(o.start())));
        if (o.length() != null) {
          args.add(bind(o.length()));
        }
        yield Functions.call("overlay", args);
      }
      case Expr.AtTimeZone a ->
          Functions.call("timezone", List.of(bind(a.zone()), bind(a.operand())));
      case Expr.Collate c -> bind(c.operand());
      case Expr.ArrayLit a -> Operators.array(bindAll(a.elements()), null);
      case Expr.Subscript s -> Operators.subscript(bind(s.base()), bind(s.index()));
      case Expr.Slice s ->
          Operators.slice(
              bind(s.base()),
              s.lower() == null ? null : bind(s.lower()),
              s.upper() == null ? null : bind(s.upper()));
      case Expr.Row r -> Operators.row(bindAll(r.fields()));
      case Expr.FieldAccess f -> Operators.field(bind(f.base()), f.field());
      default ->
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED, "expression not supported yet: " + e.toSql());
    };
  }

  private static BoundExpr negate(BoundExpr e, boolean negated) {
    return negated ? Operators.not(e) : e;
  }

  private BoundExpr column(Expr.ColumnRef c) {
    List<String> n = c.names();
    if (n.size() == 1) {
      int i = scope.find(null, n.get(0));
      if (i < 0) {
        BoundExpr o = binder.outerColumn(null, n.get(0));
        if (o != null) {
          return o;
        }
        throw binder.unknownColumn(null, n.get(0));
      }
      return new BoundExpr.InputRef(i, scope.get(i).type());
    }
    String qualifier = n.get(n.size() - 2);
    String name = n.get(n.size() - 1);
    if (scope.hasQualifier(qualifier)) {
      int i = scope.find(qualifier, name);
      if (i < 0) {
        throw Scope.unknownColumn(qualifier, name);
      }
      return new BoundExpr.InputRef(i, scope.get(i).type());
    }
    // a.b where a is a struct column: field access
    int i = scope.find(null, n.get(0));
    if (i >= 0) {
      BoundExpr base = new BoundExpr.InputRef(i, scope.get(i).type());
      for (String f : n.subList(1, n.size())) {
        base = Operators.field(base, f);
      }
      return base;
    }
    if (binder.isOuterQualifier(qualifier)) {
      BoundExpr o = binder.outerColumn(qualifier, name);
      if (o != null) {
        return o;
      }
      throw Scope.unknownColumn(qualifier, name);
    }
    throw new SqlException(
        SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"");
  }

  private BoundExpr typedLiteral(Expr.TypedLiteral t) {
    BoundExpr reg = PgFunctions.regCast(t.type(), Literals.string(t.value()), binder);
    if (reg != null) {
      return reg;
    }
    DataType type = TypeNames.resolve(t.type());
    return Casts.cast(Literals.string(t.value()), type, CastContext.EXPLICIT);
  }

  private BoundExpr unary(Expr.Unary u) {
    BoundExpr operand = bind(u.operand());
    return switch (u.op()) {
      case NOT -> Operators.not(operand);
      case PLUS -> Operators.unary("+", operand);
      default -> Operators.unary(u.op().symbol, operand);
    };
  }

  private BoundExpr binary(Expr.Binary b) {
    if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
      List<BoundExpr> args = new ArrayList<>();
      flatten(b, b.op(), args);
      return b.op() == Expr.BinaryOp.AND ? Operators.and(args) : Operators.or(args);
    }
    return Operators.binary(b.op().symbol, bind(b.left()), bind(b.right()));
  }

  private void flatten(Expr e, Expr.BinaryOp op, List<BoundExpr> out) {
    if (e instanceof Expr.Binary b && b.op() == op) {
      flatten(b.left(), op, out);
      flatten(b.right(), op, out);
    } else {
      out.add(bind(e));
    }
  }

  private BoundExpr between(Expr.Between b) {
    BoundExpr x = bind(b.operand());
    BoundExpr lo = bind(b.low());
    BoundExpr hi = bind(b.high());
    return Operators.between(x, lo, hi, b.symmetric(), b.negated());
  }

  private BoundExpr inSubquery(Expr.InSubquery in) {
    BoundExpr x = bind(in.operand());
    Binder.Subquery sq = binder.subquery(in.query(), "IN", scope);
    if (sq.type().size() != 1) {
      throw new SqlException(SqlState.SYNTAX_ERROR, "subquery has too many columns");
    }
    if (sq.correlated()) {
      // x IN (q) is x = ANY (q): the same three-valued logic as over the array of q's rows
      return negate(Operators.quantified("=", x, columnArray(sq), false), in.negated());
    }
    if (sq.rows().isEmpty()) {
      return new BoundExpr.Literal(in.negated(), DataType.BOOLEAN);
    }
    List<BoundExpr> list = new ArrayList<>();
    for (Object[] r : sq.rows()) {
      list.add(new BoundExpr.Literal(r[0], sq.type().get(0)));
    }
    return Operators.in(x, list, in.negated());
  }

  private BoundExpr quantified(Expr.Quantified q) {
    BoundExpr x = bind(q.left());
    if (!(q.right() instanceof Expr.Subquery s)) {
      BoundExpr arr = bind(q.right());
      return Operators.quantified(q.op().symbol, x, arr, q.quantifier() == Expr.Quantifier.ALL);
    }
    Binder.Subquery sq = binder.subquery(s.query(), q.quantifier().name(), scope);
    if (sq.type().size() != 1) {
      throw new SqlException(SqlState.SYNTAX_ERROR, "subquery has too many columns");
    }
    if (sq.correlated()) {
      return Operators.quantified(
          q.op().symbol, x, columnArray(sq), q.quantifier() == Expr.Quantifier.ALL);
    }
    List<BoundExpr> parts = new ArrayList<>();
    for (Object[] r : sq.rows()) {
      parts.add(Operators.binary(q.op().symbol, x, new BoundExpr.Literal(r[0], sq.type().get(0))));
    }
    if (parts.isEmpty()) {
      return new BoundExpr.Literal(q.quantifier() == Expr.Quantifier.ALL, DataType.BOOLEAN);
    }
    return q.quantifier() == Expr.Quantifier.ANY ? Operators.or(parts) : Operators.and(parts);
  }

  private BoundExpr scalarSubquery(Expr.Subquery s) {
    Binder.Subquery sq = binder.subquery(s.query(), "scalar", scope);
    if (sq.type().size() != 1) {
      throw new SqlException(SqlState.SYNTAX_ERROR, "subquery must return only one column");
    }
    if (sq.correlated()) {
      return correlated("subquery", sq.type().get(0), sq, ExprBinder::single);
    }
    return new BoundExpr.Literal(single(sq.rows()), sq.type().get(0));
  }

  private static Object single(List<Object[]> rows) {
    if (rows.size() > 1) {
      throw new SqlException(
          "21000", "more than one row returned by a subquery used as an expression");
    }
    return rows.isEmpty() ? null : rows.get(0)[0];
  }

  private static final AtomicInteger correlatedIds = new AtomicInteger();

  /**
   * A correlated subquery as a call whose arguments are its outer values (expressions over this
   * scope, so that they are evaluated over the row, rewritten over a GROUP BY's output like any
   * other, and kept by column pruning): each evaluation runs the plan with them as the outer row
   * and makes the value of its rows with {@code result}. Volatile, so it is neither folded, pushed
   * down nor merged with another subquery (each call has its own name).
   */
  private BoundExpr correlated(
      String name, DataType type, Binder.Subquery sq, Function<List<Object[]>, Object> result) {
    return correlated(binder, name, type, sq, result);
  }

  static BoundExpr correlated(
      Binder b,
      String name,
      DataType type,
      Binder.Subquery sq,
      Function<List<Object[]>, Object> result) {
    LogicalPlan plan = sq.plan();
    return new BoundExpr.Call(
        name + "#" + correlatedIds.incrementAndGet(),
        sq.outer(),
        type,
        args -> result.apply(b.runCorrelated(plan, args)),
        false,
        Volatility.VOLATILE);
  }

  /** A correlated one-column subquery's rows as an array (ARRAY(q), and q of IN/ANY/ALL). */
  private BoundExpr columnArray(Binder.Subquery sq) {
    return correlated(
        "array",
        DataType.list(sq.type().get(0)),
        sq,
        rows -> {
          List<Object> out = new ArrayList<>(rows.size());
          for (Object[] r : rows) {
            out.add(r[0]);
          }
          return java.util.Collections.unmodifiableList(out);
        });
  }

  private BoundExpr arraySubquery(Expr.ArraySubquery s) {
    Binder.Subquery sq = binder.subquery(s.query(), "ARRAY", scope);
    if (sq.correlated()) {
      return columnArray(sq);
    }
    List<BoundExpr> els = new ArrayList<>();
    for (Object[] r : sq.rows()) {
      els.add(new BoundExpr.Literal(r[0], sq.type().get(0)));
    }
    return Operators.array(els, sq.type().get(0));
  }

  private BoundExpr caseExpr(Expr.Case c) {
    List<BoundExpr.When> whens = new ArrayList<>();
    for (Expr.When w : c.whens()) {
      whens.add(new BoundExpr.When(bind(w.condition()), bind(w.result())));
    }
    BoundExpr otherwise = c.otherwise() == null ? null : bind(c.otherwise());
    return c.operand() == null
        ? Operators.caseWhen(whens, otherwise)
        : Operators.simpleCase(bind(c.operand()), whens, otherwise);
  }

  private BoundExpr valueFunction(Expr.ValueFunction v) {
    return switch (v.kind()) {
      case CURRENT_TIMESTAMP -> Functions.call("now", List.of());
      case CURRENT_DATE ->
          Casts.cast(Functions.call("now", List.of()), DataType.DATE, CastContext.EXPLICIT);
      case CURRENT_TIME, LOCALTIME ->
          Casts.cast(Functions.call("now", List.of()), DataType.TIME, CastContext.EXPLICIT);
      case LOCALTIMESTAMP ->
          Casts.cast(Functions.call("now", List.of()), DataType.TIMESTAMP, CastContext.EXPLICIT);
      case CURRENT_ROLE, CURRENT_USER, SESSION_USER, SYSTEM_USER, USER ->
          new BoundExpr.Literal(binder.user(), DataType.VARCHAR);
      case CURRENT_CATALOG -> new BoundExpr.Literal(binder.database(), DataType.VARCHAR);
      case CURRENT_SCHEMA -> new BoundExpr.Literal("public", DataType.VARCHAR);
    };
  }

  private BoundExpr function(Expr.FunctionCall f) {
    String name = f.name().name().toLowerCase(Locale.ROOT);
    if (f.over() != null) {
      return windowCall(name, f);
    }
    if (Aggregates.isAggregate(name)
        && (f.name().parts().size() == 1 || f.name().parts().get(0).equals("pg_catalog"))) {
      return aggregate(name, f);
    }
    List<BoundExpr> args = bindAll(f.args());
    if (TableFunctions.isSetReturning(name) && windows != null) {
      LogicalPlan.TableFunction t = (LogicalPlan.TableFunction) TableFunctions.plan(name, args);
      return windows.addSetReturning(t);
    }
    BoundExpr pg = PgFunctions.call(name, args, binder);
    if (pg != null) {
      return pg;
    }
    return switch (name) {
      case "coalesce" -> Operators.coalesce(args);
      case "nullif" -> Operators.nullIf(args.get(0), args.get(1));
      case "greatest" -> Operators.greatest(args);
      case "least" -> Operators.least(args);
      default -> Functions.call(name, args);
    };
  }

  private BoundExpr windowCall(String name, Expr.FunctionCall f) {
    if (windows == null) {
      throw new SqlException("42P20", "window functions are not allowed in " + clause);
    }
    dev.patina.stream.sql.Window.Spec spec =
        switch (f.over()) {
          case dev.patina.stream.sql.Window.Spec sp -> sp;
          case dev.patina.stream.sql.Window.Named n -> {
            dev.patina.stream.sql.Window.Spec sp = windows.named.get(n.name());
            if (sp == null) {
              throw new SqlException("42704", "window \"" + n.name() + "\" does not exist");
            }
            yield sp;
          }
        };
    if (spec.base() != null && windows.named.containsKey(spec.base())) {
      dev.patina.stream.sql.Window.Spec base = windows.named.get(spec.base());
      spec =
          new dev.patina.stream.sql.Window.Spec(
              spec.pos(),
              null,
              base.partitionBy(),
              spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(),
              spec.frame() != null ? spec.frame() : base.frame());
    }
    ExprBinder inner = new ExprBinder(binder, scope, aggs, "window function calls");
    List<BoundExpr> args = new ArrayList<>();
    for (Expr a : f.args()) {
      BoundExpr b = inner.bind(a);
      if (Coercion.isUnknown(b)) {
        b = Casts.cast(b, DataType.VARCHAR, CastContext.IMPLICIT);
      }
      args.add(b);
    }
    List<BoundExpr> partition = inner.bindAll(spec.partitionBy());
    List<BoundExpr> order = new ArrayList<>();
    List<SortKey> keys = new ArrayList<>();
    for (int i = 0; i < spec.orderBy().size(); i++) {
      OrderByItem o = spec.orderBy().get(i);
      order.add(inner.bind(o.expr()));
      keys.add(new SortKey(i, o.descending(), Binder.nullsFirst(o)));
    }
    WindowCall.Frame frame = frame(spec, order);
    DataType type =
        switch (name) {
          case "row_number", "rank", "dense_rank", "ntile" -> DataType.INT64;
          case "percent_rank", "cume_dist" -> DataType.FLOAT64;
          case "lag", "lead" -> {
            if (args.isEmpty() || args.size() > 3) {
              throw new SqlException(
                  SqlState.UNDEFINED_FUNCTION, "function " + name + " requires 1 to 3 arguments");
            }
            if (args.size() > 1) {
              args.set(1, Casts.cast(args.get(1), DataType.INT64, CastContext.IMPLICIT));
            }
            if (args.size() == 3) {
              List<BoundExpr> u = Coercion.unify(List.of(args.get(0), args.get(2)), name);
              args.set(0, u.get(0));
              args.set(2, u.get(1));
            }
            yield args.get(0).type();
          }
          case "first_value", "last_value" -> args.get(0).type();
          default -> {
            if (!Aggregates.isAggregate(name)) {
              throw new SqlException(
                  SqlState.UNDEFINED_FUNCTION, "window function " + name + " does not exist");
            }
            if (name.equals("count") && f.star()) {
              args.clear();
            }
            yield Aggregates.resultType(name, args.stream().map(BoundExpr::type).toList());
          }
        };
    return windows.add(new WindowCall(name, args, partition, order, keys, frame, type));
  }

  private WindowCall.Frame frame(dev.patina.stream.sql.Window.Spec spec, List<BoundExpr> order) {
    dev.patina.stream.sql.Window.Frame fr = spec.frame();
    if (fr == null) {
      return !order.isEmpty() ? WindowCall.Frame.DEFAULT : WindowCall.Frame.ALL;
    }
    if (fr.units() == dev.patina.stream.sql.Window.Units.SESSION) {
      return session(fr, order);
    }
    if (fr.units() == dev.patina.stream.sql.Window.Units.GROUPS) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED, fr.units() + " frames are not supported yet");
    }
    boolean rows = fr.units() == dev.patina.stream.sql.Window.Units.ROWS;
    long start = offset(fr.start(), rows);
    long end = fr.end() == null ? 0 : offset(fr.end(), rows);
    boolean exclude = fr.exclusion() == dev.patina.stream.sql.Window.Exclusion.CURRENT_ROW;
    return new WindowCall.Frame(rows, start, end, exclude);
  }

  /**
   * RisingWave's {@code SESSION WITH GAP gap}: one ORDER BY value (a number, date or time) and a
   * constant gap (of its type, or an interval for dates and times).
   */
  private WindowCall.Frame session(dev.patina.stream.sql.Window.Frame fr, List<BoundExpr> order) {
    if (order.size() != 1) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "SESSION frame needs exactly one ORDER BY column, found " + order.size());
    }
    DataType t = order.get(0).type();
    boolean time = t == DataType.TIMESTAMP || t == DataType.TIMESTAMPTZ || t == DataType.DATE;
    BoundExpr gap = Casts.cast(bind(fr.gap()), time ? DataType.INTERVAL : t, CastContext.IMPLICIT);
    Object g = gap.eval(new Object[0]);
    if (g == null) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "session gap must not be NULL");
    }
    BoundExpr end =
        Operators.binary("+", new BoundExpr.InputRef(0, t), new BoundExpr.Literal(g, gap.type()));
    return new WindowCall.Frame(false, Long.MIN_VALUE, Long.MAX_VALUE, false, end);
  }

  private long offset(dev.patina.stream.sql.Window.Bound b, boolean rows) {
    return switch (b.kind()) {
      case UNBOUNDED_PRECEDING -> Long.MIN_VALUE;
      case UNBOUNDED_FOLLOWING -> Long.MAX_VALUE;
      case CURRENT_ROW -> 0;
      case PRECEDING, FOLLOWING -> {
        if (!rows) {
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED, "RANGE frames with offsets are not supported yet");
        }
        Object v =
            Casts.cast(bind(b.offset()), DataType.INT64, CastContext.IMPLICIT).eval(new Object[0]);
        long n = v == null ? 0 : (Long) v;
        yield b.kind() == dev.patina.stream.sql.Window.BoundKind.PRECEDING ? -n : n;
      }
    };
  }

  private BoundExpr aggregate(String name, Expr.FunctionCall f) {
    if (aggs == null) {
      throw new SqlException("42803", "aggregate functions are not allowed in " + clause);
    }
    ExprBinder inner = new ExprBinder(binder, scope, null, "aggregate function calls");
    List<BoundExpr> args = new ArrayList<>();
    for (Expr a : f.args()) {
      BoundExpr b = inner.bind(a);
      if (Coercion.isUnknown(b) && !Aggregates.isOrderedSet(name)) {
        b = Casts.cast(b, DataType.VARCHAR, CastContext.IMPLICIT);
      }
      args.add(b);
    }
    if (name.equals("count") && f.star()) {
      args.clear();
    }
    if (name.equals("string_agg") && args.size() == 2) {
      args.set(0, Casts.cast(args.get(0), DataType.VARCHAR, CastContext.IMPLICIT));
      args.set(1, Casts.cast(args.get(1), DataType.VARCHAR, CastContext.IMPLICIT));
    }
    if (name.equals("every")) {
      name = "bool_and";
    }
    if (name.startsWith("stddev") || name.startsWith("var") || name.equals("avg")) {
      // numeric args of avg/stddev keep their type; the accumulator converts
    }
    BoundExpr filter =
        f.filter() == null ? null : Operators.condition(inner.bind(f.filter()), "FILTER");
    List<BoundExpr> orderArgs = new ArrayList<>();
    List<SortKey> orderBy = new ArrayList<>();
    List<OrderByItem> order = f.orderBy().isEmpty() ? f.withinGroup() : f.orderBy();
    for (int i = 0; i < order.size(); i++) {
      OrderByItem o = order.get(i);
      orderArgs.add(inner.bind(o.expr()));
      orderBy.add(new SortKey(i, o.descending(), Binder.nullsFirst(o)));
    }
    DataType type;
    if (Aggregates.isOrderedSet(name)) {
      if (orderArgs.size() != 1) {
        throw new SqlException(
            SqlState.SYNTAX_ERROR,
            "ordered-set aggregate " + name + " requires WITHIN GROUP (ORDER BY ...)");
      }
      for (int i = 0; i < args.size(); i++) {
        args.set(i, Casts.cast(args.get(i), DataType.FLOAT64, CastContext.IMPLICIT));
      }
      if (name.equals("percentile_cont") && orderArgs.get(0).type() != DataType.INTERVAL) {
        orderArgs.set(0, Casts.cast(orderArgs.get(0), DataType.FLOAT64, CastContext.IMPLICIT));
      }
      type = Aggregates.orderedSetType(name, orderArgs.get(0).type());
    } else {
      type = Aggregates.resultType(name, args.stream().map(BoundExpr::type).toList());
    }
    return aggs.add(new AggCall(name, args, f.distinct(), filter, orderArgs, orderBy, type));
  }
}
