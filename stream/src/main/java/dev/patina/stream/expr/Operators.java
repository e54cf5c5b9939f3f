package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.And;
import dev.patina.stream.expr.BoundExpr.ArrayConstructor;
import dev.patina.stream.expr.BoundExpr.Call;
import dev.patina.stream.expr.BoundExpr.Case;
import dev.patina.stream.expr.BoundExpr.Coalesce;
import dev.patina.stream.expr.BoundExpr.FieldAccess;
import dev.patina.stream.expr.BoundExpr.GreatestLeast;
import dev.patina.stream.expr.BoundExpr.InList;
import dev.patina.stream.expr.BoundExpr.IsBool;
import dev.patina.stream.expr.BoundExpr.IsDistinctFrom;
import dev.patina.stream.expr.BoundExpr.IsNull;
import dev.patina.stream.expr.BoundExpr.Not;
import dev.patina.stream.expr.BoundExpr.NullIf;
import dev.patina.stream.expr.BoundExpr.Or;
import dev.patina.stream.expr.BoundExpr.RowConstructor;
import dev.patina.stream.expr.BoundExpr.Slice;
import dev.patina.stream.expr.BoundExpr.Subscript;
import dev.patina.stream.expr.BoundExpr.When;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds operator applications and the structural expressions (CASE, IN, COALESCE, ARRAY[...],
 * ROW(...)) with PostgreSQL's typing: operands are unified to their common type and untyped
 * literals take the type of the other side ({@code x = '5'} compares integers when x is one).
 */
public final class Operators {
  private Operators() {}

  /**
   * A binary operator by its symbol as the parser spells it ({@code +}, {@code =}, {@code <>} or
   * {@code !=}, {@code ||}, {@code ~~}, {@code ->>} ...; also {@code AND} and {@code OR}).
   *
   * @throws SqlException 42883 "operator does not exist: integer + boolean"
   */
  public static BoundExpr binary(String op, BoundExpr left, BoundExpr right) {
    String o = op.toUpperCase(Locale.ROOT);
    return switch (o) {
      case "AND" -> and(List.of(left, right));
      case "OR" -> or(List.of(left, right));
      case "=", "<>", "!=", "<", "<=", ">", ">=" -> compare(o.equals("!=") ? "<>" : o, left, right);
      case "~~" -> like(left, right, null, false, false);
      case "!~~" -> like(left, right, null, false, true);
      case "~~*" -> like(left, right, null, true, false);
      case "!~~*" -> like(left, right, null, true, true);
      default -> Functions.operator(op, List.of(left, right));
    };
  }

  /** A prefix operator: {@code -}, {@code +}, {@code NOT}, {@code ~}, {@code |/}, {@code @}. */
  public static BoundExpr unary(String op, BoundExpr operand) {
    if (op.equalsIgnoreCase("NOT")) {
      return not(operand);
    }
    if (op.equals("-") && operand instanceof BoundExpr.Literal l && l.value() != null) {
      // fold negative literals into constants, as PostgreSQL's parser does (doNegate)
      try {
        Object v = Functions.operator("-", List.of(operand)).eval(new Object[0]);
        return new BoundExpr.Literal(v, l.type());
      } catch (SqlException e) {
        // leave overflow to run time
      }
    }
    return Functions.operator(op, List.of(operand));
  }

  /** {@code e} as a condition (WHERE, ON, HAVING, CASE WHEN): must be boolean. */
  public static BoundExpr condition(BoundExpr e, String clause) {
    if (Coercion.isUnknown(e)) {
      return Casts.cast(e, DataType.BOOLEAN, CastContext.IMPLICIT);
    }
    if (e.type() != DataType.BOOLEAN) {
      throw Errors.datatypeMismatch(
          "argument of " + clause + " must be type boolean, not type " + e.type().sqlName());
    }
    return e;
  }

  public static BoundExpr and(List<BoundExpr> args) {
    List<BoundExpr> out = new ArrayList<>();
    for (BoundExpr a : args) {
      BoundExpr c = condition(a, "AND");
      if (c instanceof And inner) {
        out.addAll(inner.args());
      } else {
        out.add(c);
      }
    }
    return out.size() == 1 ? out.get(0) : new And(out);
  }

  public static BoundExpr or(List<BoundExpr> args) {
    List<BoundExpr> out = new ArrayList<>();
    for (BoundExpr a : args) {
      BoundExpr c = condition(a, "OR");
      if (c instanceof Or inner) {
        out.addAll(inner.args());
      } else {
        out.add(c);
      }
    }
    return out.size() == 1 ? out.get(0) : new Or(out);
  }

  public static BoundExpr not(BoundExpr e) {
    return new Not(condition(e, "NOT"));
  }

  /** {@code e IS [NOT] NULL}. */
  public static BoundExpr isNull(BoundExpr e, boolean negated) {
    if (Coercion.isUnknown(e)) {
      e = Casts.cast(e, DataType.VARCHAR, CastContext.IMPLICIT);
    }
    return new IsNull(e, negated);
  }

  /** {@code e IS [NOT] TRUE/FALSE}. */
  public static BoundExpr isBool(BoundExpr e, boolean value, boolean negated) {
    return new IsBool(condition(e, "IS " + (value ? "TRUE" : "FALSE")), value, negated);
  }

  /** {@code e IS [NOT] UNKNOWN}. */
  public static BoundExpr isUnknown(BoundExpr e, boolean negated) {
    return new IsNull(condition(e, "IS UNKNOWN"), negated);
  }

  /** {@code l =, <>, <, <=, >, >= r} over the operands' common type. */
  public static BoundExpr compare(String op, BoundExpr left, BoundExpr right) {
    List<BoundExpr> both = unifyForOperator(op, left, right);
    ScalarFn fn =
        switch (op) {
          case "=" -> a -> Ordering.equal(a[0], a[1]);
          case "<>" -> a -> !Ordering.equal(a[0], a[1]);
          case "<" -> a -> Ordering.compare(a[0], a[1]) < 0;
          case "<=" -> a -> Ordering.compare(a[0], a[1]) <= 0;
          case ">" -> a -> Ordering.compare(a[0], a[1]) > 0;
          case ">=" -> a -> Ordering.compare(a[0], a[1]) >= 0;
          default -> throw new IllegalArgumentException(op);
        };
    return new Call(op, both, DataType.BOOLEAN, fn, true, Volatility.IMMUTABLE);
  }

  /** Both operands cast to their common type, or 42883 when they have none. */
  private static List<BoundExpr> unifyForOperator(String op, BoundExpr left, BoundExpr right) {
    try {
      List<BoundExpr> both = Coercion.unify(List.of(left, right), op);
      if (both.get(0).type() == DataType.FLOAT32 && (notFloat4(left) || notFloat4(right))) {
        // PostgreSQL compares a real with another number through its float4/float8 cross-type
        // operators, which prefer double precision: 16777217 = 16777216::real is false
        return Coercion.coerceAll(List.of(left, right), DataType.FLOAT64);
      }
      return both;
    } catch (SqlException e) {
      if (e.sqlState().equals("42804")) {
        throw Errors.undefinedFunction(
            "operator does not exist: "
                + Functions.typeList(List.of(left), "")
                + " "
                + op
                + " "
                + Functions.typeList(List.of(right), ""));
      }
      throw e;
    }
  }

  private static boolean notFloat4(BoundExpr e) {
    return !Coercion.isUnknown(e) && e.type() != DataType.FLOAT32;
  }

  /** {@code l IS [NOT] DISTINCT FROM r}. */
  public static BoundExpr isDistinctFrom(BoundExpr left, BoundExpr right, boolean negated) {
    List<BoundExpr> both = unifyForOperator("IS DISTINCT FROM", left, right);
    return new IsDistinctFrom(both.get(0), both.get(1), negated);
  }

  /**
   * {@code e [NOT] BETWEEN [SYMMETRIC] lo AND hi}: {@code e >= lo AND e <= hi} (symmetric: either
   * order of the bounds). {@code e} is evaluated more than once; it must be deterministic or cheap.
   */
  public static BoundExpr between(
      BoundExpr e, BoundExpr lo, BoundExpr hi, boolean symmetric, boolean negated) {
    List<BoundExpr> all = Coercion.unify(List.of(e, lo, hi), "BETWEEN");
    BoundExpr x = all.get(0);
    BoundExpr a = all.get(1);
    BoundExpr b = all.get(2);
    BoundExpr r = and(List.of(compare(">=", x, a), compare("<=", x, b)));
    if (symmetric) {
      r = or(List.of(r, and(List.of(compare(">=", x, b), compare("<=", x, a)))));
    }
    return negated ? not(r) : r;
  }

  /** {@code e [NOT] IN (list)}. */
  public static BoundExpr in(BoundExpr e, List<BoundExpr> list, boolean negated) {
    List<BoundExpr> all = new ArrayList<>(list.size() + 1);
    all.add(e);
    all.addAll(list);
    List<BoundExpr> u = Coercion.unify(all, "IN");
    return new InList(u.get(0), u.subList(1, u.size()), negated);
  }

  /**
   * A searched CASE ({@code otherwise} null for ELSE NULL); results are unified to their common
   * type.
   */
  public static BoundExpr caseWhen(List<When> whens, BoundExpr otherwise) {
    List<BoundExpr> results = new ArrayList<>();
    for (When w : whens) {
      results.add(w.result());
    }
    if (otherwise != null) {
      results.add(otherwise);
    }
    DataType t = Coercion.commonTypeOf(results, "CASE");
    List<When> ws = new ArrayList<>();
    for (When w : whens) {
      ws.add(
          new When(
              condition(w.condition(), "CASE/WHEN"),
              Casts.cast(w.result(), t, CastContext.IMPLICIT)));
    }
    BoundExpr other = otherwise == null ? null : Casts.cast(otherwise, t, CastContext.IMPLICIT);
    return new Case(ws, other, t);
  }

  /**
   * A simple CASE {@code CASE operand WHEN v THEN r ...}: each WHEN becomes {@code operand = v}.
   */
  public static BoundExpr simpleCase(BoundExpr operand, List<When> whens, BoundExpr otherwise) {
    List<When> ws = new ArrayList<>();
    for (When w : whens) {
      ws.add(new When(compare("=", operand, w.condition()), w.result()));
    }
    return caseWhen(ws, otherwise);
  }

  public static BoundExpr coalesce(List<BoundExpr> args) {
    DataType t = Coercion.commonTypeOf(args, "COALESCE");
    return new Coalesce(Coercion.coerceAll(args, t), t);
  }

  /**
   * {@code NULLIF(left, right)}: of left's type where PostgreSQL has a cross-type equality for the
   * pair (integers, floats, dates and timestamps), else of the common type ({@code NULLIF(1, 2.2)}
   * is numeric), as PostgreSQL returns the first argument of the chosen {@code =}.
   */
  public static BoundExpr nullIf(BoundExpr left, BoundExpr right) {
    List<BoundExpr> both = unifyForOperator("=", left, right);
    if (!Coercion.isUnknown(left)
        && !left.type().equals(both.get(0).type())
        && sameFamily(left.type(), both.get(0).type())) {
      return new Case(
          List.of(new When(compare("=", left, right), BoundExpr.Literal.nullOf(left.type()))),
          left,
          left.type());
    }
    return new NullIf(both.get(0), both.get(1));
  }

  /** Pairs of types PostgreSQL compares with a cross-type operator, without promoting. */
  static boolean sameFamily(DataType a, DataType b) {
    List<List<DataType>> families =
        List.of(
            List.of(DataType.INT16, DataType.INT32, DataType.INT64),
            List.of(DataType.FLOAT32, DataType.FLOAT64),
            List.of(DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMPTZ));
    for (List<DataType> f : families) {
      if (f.contains(a) && f.contains(b)) {
        return true;
      }
    }
    return false;
  }

  public static BoundExpr greatest(List<BoundExpr> args) {
    DataType t = Coercion.commonTypeOf(args, "GREATEST");
    return new GreatestLeast(Coercion.coerceAll(args, t), true, t);
  }

  public static BoundExpr least(List<BoundExpr> args) {
    DataType t = Coercion.commonTypeOf(args, "LEAST");
    return new GreatestLeast(Coercion.coerceAll(args, t), false, t);
  }

  /** {@code ARRAY[e1, ...]}; an empty one needs {@code elementHint} (else varchar[]). */
  public static BoundExpr array(List<BoundExpr> elements, DataType elementHint) {
    DataType t =
        elements.isEmpty() && elementHint != null
            ? elementHint
            : Coercion.commonTypeOf(elements, "ARRAY");
    return new ArrayConstructor(Coercion.coerceAll(elements, t), DataType.list(t));
  }

  /** {@code a[i]} (index cast to integer). */
  public static BoundExpr subscript(BoundExpr array, BoundExpr index) {
    requireList(array);
    return new Subscript(array, Casts.cast(index, DataType.INT32, CastContext.IMPLICIT));
  }

  /** {@code a[lo:hi]}; a null bound is open. */
  public static BoundExpr slice(BoundExpr array, BoundExpr lower, BoundExpr upper) {
    requireList(array);
    return new Slice(
        array,
        lower == null ? null : Casts.cast(lower, DataType.INT32, CastContext.IMPLICIT),
        upper == null ? null : Casts.cast(upper, DataType.INT32, CastContext.IMPLICIT));
  }

  private static void requireList(BoundExpr array) {
    if (!(array.type() instanceof ListType)) {
      throw Errors.datatypeMismatch(
          "cannot subscript type "
              + array.type().sqlName()
              + " because it does not support subscripting");
    }
  }

  /** {@code ROW(e1, ...)}: a struct with fields f1, f2 ... (PostgreSQL's anonymous record). */
  public static BoundExpr row(List<BoundExpr> fields) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      names.add("f" + (i + 1));
    }
    return row(fields, names);
  }

  /** A struct of named fields (untyped literals become varchar). */
  public static BoundExpr row(List<BoundExpr> fields, List<String> names) {
    List<BoundExpr> typed = new ArrayList<>();
    List<StructType.Field> fs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      BoundExpr f = fields.get(i);
      if (Coercion.isUnknown(f)) {
        f = Casts.cast(f, DataType.VARCHAR, CastContext.IMPLICIT);
      }
      typed.add(f);
      fs.add(new StructType.Field(names.get(i), f.type()));
    }
    return new RowConstructor(typed, new StructType(fs));
  }

  /** {@code (e).name}. */
  public static BoundExpr field(BoundExpr struct, String name) {
    if (!(struct.type() instanceof StructType st)) {
      throw Errors.datatypeMismatch(
          "column notation ."
              + name
              + " applied to type "
              + struct.type().sqlName()
              + ", which is not a composite type");
    }
    for (int i = 0; i < st.fields().size(); i++) {
      if (st.fields().get(i).name().equals(name)) {
        return new FieldAccess(struct, i);
      }
    }
    throw Errors.of(
        "42703", "column \"" + name + "\" not found in data type " + struct.type().sqlName());
  }

  /**
   * {@code left op ANY (array)} / {@code left op ALL (array)}: true when the comparison holds for
   * some (every) element, NULL when that depends on NULL elements, as PostgreSQL has it.
   */
  public static BoundExpr quantified(String op, BoundExpr left, BoundExpr array, boolean all) {
    if (Coercion.isUnknown(array)) {
      array = Casts.cast(array, DataType.list(left.type()), CastContext.IMPLICIT);
    }
    if (!(array.type() instanceof ListType lt)) {
      throw Errors.datatypeMismatch(
          "op ANY/ALL (array) requires array on right side, not " + array.type().sqlName());
    }
    if (Coercion.isUnknown(left)) {
      left = Casts.cast(left, lt.element(), CastContext.IMPLICIT);
    }
    BoundExpr probe = new BoundExpr.InputRef(1, lt.element());
    BoundExpr leftSlot = new BoundExpr.InputRef(0, left.type());
    BoundExpr cmp2 = binary(op, leftSlot, probe);
    if (cmp2.type() != DataType.BOOLEAN) {
      throw Errors.datatypeMismatch("op ANY/ALL (array) requires operator to yield boolean");
    }
    // cmp2 is the comparison as a function of (left value, element), over a two-slot row
    ScalarFn fn =
        a -> {
          if (a[1] == null) {
            return null;
          }
          boolean sawNull = false;
          for (Object el : (List<?>) a[1]) {
            Object r = cmp2.eval(new Object[] {a[0], el});
            if (r == null) {
              sawNull = true;
            } else if ((Boolean) r != all) {
              return !all;
            }
          }
          return sawNull ? null : all;
        };
    return new Call(
        op + (all ? " ALL" : " ANY"),
        List.of(left, array),
        DataType.BOOLEAN,
        fn,
        false,
        Volatility.IMMUTABLE);
  }

  /**
   * {@code e [NOT] [I]LIKE pattern [ESCAPE esc]} ({@code escape} null for the default backslash).
   */
  public static BoundExpr like(
      BoundExpr e, BoundExpr pattern, BoundExpr escape, boolean caseInsensitive, boolean negated) {
    List<BoundExpr> args = new ArrayList<>(Arrays.asList(e, pattern));
    if (escape != null) {
      args.add(escape);
    }
    BoundExpr call = Functions.call(caseInsensitive ? "ilike" : "like", args);
    return negated ? new Not(call) : call;
  }
}
