package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.Literal;
import dev.patina.stream.expr.BoundExpr.UntypedLiteral;
import dev.patina.stream.expr.BoundExpr.When;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binds scalar SQL expressions ({@link Expr}) to {@link BoundExpr}s: literals, operators, casts,
 * CASE, IN, BETWEEN, LIKE, built-in scalar functions, arrays, rows. What depends on the query
 * around the expression is left to a {@link Scope}: column references, aggregate and window calls,
 * subqueries, session values ({@code current_user}). The binder of queries supplies the scope.
 */
public final class ExprBinder {
  /** What an expression may refer to outside itself. */
  public interface Scope {
    /**
     * The expression a column reference reads.
     *
     * @throws SqlException 42703 when there is no such column
     */
    BoundExpr column(Expr.ColumnRef ref);

    /**
     * Binds what this class does not: subqueries, aggregate and window function calls, DEFAULT,
     * session value functions. Returns null when it does not handle {@code e} either.
     */
    default BoundExpr other(Expr e, ExprBinder binder) {
      return null;
    }
  }

  /** A scope without columns: constant expressions only. */
  public static final Scope NO_COLUMNS =
      ref ->
          throw_(
              Errors.of(
                  "42703", "column \"" + String.join(".", ref.names()) + "\" does not exist"));

  private static BoundExpr throw_(SqlException e) {
    throw e;
  }

  private final Scope scope;

  public ExprBinder(Scope scope) {
    this.scope = scope;
  }

  /** Binds a constant expression (no columns). */
  public static BoundExpr bindConstant(Expr e) {
    return new ExprBinder(NO_COLUMNS).bind(e);
  }

  public List<BoundExpr> bindAll(List<Expr> es) {
    List<BoundExpr> out = new ArrayList<>(es.size());
    for (Expr e : es) {
      out.add(bind(e));
    }
    return out;
  }

  /**
   * Binds {@code e}.
   *
   * @throws SqlException with PostgreSQL's SQLSTATE for unknown functions and operators (42883),
   *     type mismatches (42804), bad literals (22P02) ...
   */
  public BoundExpr bind(Expr e) {
    return switch (e) {
      case Expr.ColumnRef c -> scope.column(c);
      case Expr.NumberLit n -> Literals.number(n.text());
      case Expr.StringLit s -> Literals.string(s.value());
      case Expr.BoolLit b -> new Literal(b.value(), DataType.BOOLEAN);
      case Expr.NullLit n -> UntypedLiteral.NULL;
      case Expr.TypedLiteral t -> Literals.typed(SqlTypes.resolve(t.type()), t.value());
      case Expr.IntervalLit i ->
          i.qualifier() == null
              ? Literals.interval(i.value(), null, null, null)
              : Literals.interval(
                  i.value(), i.qualifier().from(), i.qualifier().to(), i.qualifier().precision());
      case Expr.Param p -> new BoundExpr.Param(p.index(), null);
      case Expr.Unary u -> Operators.unary(u.op().symbol, bind(u.operand()));
      case Expr.Binary b -> Operators.binary(b.op().symbol, bind(b.left()), bind(b.right()));
      case Expr.Is i -> {
        BoundExpr x = bind(i.operand());
        yield switch (i.kind()) {
          case NULL -> Operators.isNull(x, i.negated());
          case TRUE -> Operators.isBool(x, true, i.negated());
          case FALSE -> Operators.isBool(x, false, i.negated());
          case UNKNOWN -> Operators.isUnknown(x, i.negated());
        };
      }
      case Expr.IsDistinctFrom d ->
          Operators.isDistinctFrom(bind(d.left()), bind(d.right()), d.negated());
      case Expr.Between b ->
          Operators.between(
              bind(b.operand()), bind(b.low()), bind(b.high()), b.symmetric(), b.negated());
      case Expr.Like l -> like(l);
      case Expr.InList i -> Operators.in(bind(i.operand()), bindAll(i.list()), i.negated());
      case Expr.Cast c ->
          Casts.cast(bind(c.operand()), SqlTypes.resolve(c.type()), CastContext.EXPLICIT);
      case Expr.Case c -> caseExpr(c);
      case Expr.FunctionCall f -> function(f);
      case Expr.ValueFunction v -> valueFunction(v);
      case Expr.Extract x ->
          Functions.call("extract", List.of(Literals.string(x.field()), bind(x.source())));
      case Expr.Position p ->
          Functions.call("position", List.of(bind(p.substring()), bind(p.string())));
      case Expr.Substring s -> {
        List<BoundExpr> args = new ArrayList<>();
        args.add(bind(s.string()));
        args.add(s.start() == null ? new Literal(1, DataType.INT32) : bind(s.start()));
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
      case Expr.IsJson j -> {
        if (j.uniqueKeys()) {
          throw Errors.unsupported("IS JSON WITH UNIQUE KEYS is not supported");
        }
        String fn = "is_json_" + j.kind().name().toLowerCase(Locale.ROOT);
        BoundExpr call = Functions.call(fn, List.of(bind(j.operand())));
        yield j.negated() ? Operators.not(call) : call;
      }
      case Expr.Quantified q when !(q.right() instanceof Expr.Subquery) ->
          Operators.quantified(
              q.op().symbol,
              bind(q.left()),
              bind(q.right()),
              q.quantifier() == Expr.Quantifier.ALL);
      default -> other(e);
    };
  }

  private BoundExpr other(Expr e) {
    BoundExpr b = scope.other(e, this);
    if (b == null) {
      throw Errors.unsupported("expression not supported here: " + e.getClass().getSimpleName());
    }
    return b;
  }

  private BoundExpr like(Expr.Like l) {
    if (l.kind() == Expr.LikeKind.SIMILAR_TO) {
      List<BoundExpr> args = new ArrayList<>(List.of(bind(l.operand()), bind(l.pattern())));
      if (l.escape() != null) {
        args.add(bind(l.escape()));
      }
      BoundExpr call = Functions.call("similar_to", args);
      return l.negated() ? Operators.not(call) : call;
    }
    return Operators.like(
        bind(l.operand()),
        bind(l.pattern()),
        l.escape() == null ? null : bind(l.escape()),
        l.kind() == Expr.LikeKind.ILIKE,
        l.negated());
  }

  private BoundExpr caseExpr(Expr.Case c) {
    List<When> whens = new ArrayList<>();
    for (Expr.When w : c.whens()) {
      whens.add(new When(bind(w.condition()), bind(w.result())));
    }
    BoundExpr otherwise = c.otherwise() == null ? null : bind(c.otherwise());
    return c.operand() == null
        ? Operators.caseWhen(whens, otherwise)
        : Operators.simpleCase(bind(c.operand()), whens, otherwise);
  }

  private BoundExpr function(Expr.FunctionCall f) {
    String name = f.name().name().toLowerCase(Locale.ROOT);
    boolean plain =
        !f.star()
            && !f.distinct()
            && f.orderBy().isEmpty()
            && f.withinGroup().isEmpty()
            && f.filter() == null
            && f.over() == null;
    if (!plain || !isScalar(name)) {
      return other(f);
    }
    List<BoundExpr> args = bindAll(f.args());
    if (f.variadic()) {
      return Functions.callVariadic(name, args);
    }
    return switch (name) {
      case "coalesce" -> Operators.coalesce(args);
      case "nullif" -> {
        if (args.size() != 2) {
          throw Errors.undefinedFunction(
              "function nullif(" + Functions.typeList(args, ", ") + ") does not exist");
        }
        yield Operators.nullIf(args.get(0), args.get(1));
      }
      case "greatest" -> Operators.greatest(args);
      case "least" -> Operators.least(args);
      default -> Functions.call(name, args);
    };
  }

  /** Whether a name is a scalar function this layer binds (not an aggregate or window function). */
  public static boolean isScalar(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "coalesce", "nullif", "greatest", "least" -> true;
      default -> Functions.exists(n);
    };
  }

  private BoundExpr valueFunction(Expr.ValueFunction v) {
    return switch (v.kind()) {
      case CURRENT_TIMESTAMP -> Functions.call("now", List.of());
      case CURRENT_DATE -> Functions.call("current_date", List.of());
      case LOCALTIMESTAMP -> Functions.call("localtimestamp", List.of());
      case LOCALTIME, CURRENT_TIME -> Functions.call("localtime", List.of());
      default -> other(v);
    };
  }
}
