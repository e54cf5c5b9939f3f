package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.Param;
import dev.patina.stream.expr.BoundExpr.UntypedLiteral;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.ScalarType;
import dev.patina.stream.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's type coercion rules over RisingWave's types: type categories and preferred types,
 * and the common type of CASE branches, UNION/INTERSECT/EXCEPT columns, VALUES columns, COALESCE,
 * GREATEST/LEAST, IN lists and ARRAY[...] elements ({@code select_common_type}).
 *
 * <p>Where a list of types may contain the type of an untyped literal or parameter (PostgreSQL's
 * {@code unknown}), it is written as {@code null}.
 */
public final class Coercion {
  private Coercion() {}

  /** PostgreSQL's {@code typcategory}. */
  public enum Category {
    BOOLEAN('B'),
    NUMERIC('N'),
    STRING('S'),
    DATETIME('D'),
    TIMESPAN('T'),
    USER('U'),
    ARRAY('A'),
    COMPOSITE('C');

    public final char code;

    Category(char code) {
      this.code = code;
    }
  }

  /** The category of a type. */
  public static Category category(DataType t) {
    return switch (t) {
      case ListType l -> Category.ARRAY;
      case StructType s -> Category.COMPOSITE;
      case ScalarType s ->
          switch (s) {
            case BOOLEAN -> Category.BOOLEAN;
            case INT16, INT32, INT64, SERIAL, INT256, DECIMAL, FLOAT32, FLOAT64 -> Category.NUMERIC;
            case VARCHAR -> Category.STRING;
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> Category.DATETIME;
            case INTERVAL -> Category.TIMESPAN;
            case BYTEA, JSONB, VARIANT -> Category.USER;
          };
    };
  }

  /** Whether {@code t} is its category's preferred type (boolean, float8, text, timestamptz...). */
  public static boolean isPreferred(DataType t) {
    return t == DataType.BOOLEAN
        || t == DataType.FLOAT64
        || t == DataType.VARCHAR
        || t == DataType.TIMESTAMPTZ
        || t == DataType.INTERVAL;
  }

  /** Whether an expression has the unknown type: an untyped literal or an untyped parameter. */
  public static boolean isUnknown(BoundExpr e) {
    return e instanceof UntypedLiteral || (e instanceof Param p && p.declared() == null);
  }

  /** The types of expressions, with null for unknown ones. */
  public static List<DataType> typesOf(List<BoundExpr> exprs) {
    List<DataType> out = new ArrayList<>(exprs.size());
    for (BoundExpr e : exprs) {
      out.add(isUnknown(e) ? null : e.type());
    }
    return out;
  }

  /**
   * The common type of {@code types} (null entries are unknown), by PostgreSQL's rules: all unknown
   * gives varchar; otherwise the types must share a category and the result is the first preferred
   * type or the one every earlier type converts to implicitly.
   *
   * @param context what is being resolved, for the error message ("CASE", "UNION", "COALESCE" ...)
   * @throws dev.patina.stream.pgwire.SqlException 42804 "CASE types integer and text cannot be
   *     matched"
   */
  public static DataType commonType(List<DataType> types, String context) {
    DataType p = null;
    boolean pPreferred = false;
    for (DataType t : types) {
      if (t == null) {
        continue;
      }
      if (p == null) {
        p = t;
        pPreferred = isPreferred(t);
        continue;
      }
      if (t.equals(p)) {
        continue;
      }
      if (category(t) != category(p)) {
        throw Errors.datatypeMismatch(
            context + " types " + p.sqlName() + " and " + t.sqlName() + " cannot be matched");
      }
      if (p instanceof ListType pl && t instanceof ListType tl) {
        DataType e = commonType(java.util.Arrays.asList(pl.element(), tl.element()), context);
        p = DataType.list(e);
        continue;
      }
      if (!pPreferred
          && Casts.canCast(p, t, CastContext.IMPLICIT)
          && !Casts.canCast(t, p, CastContext.IMPLICIT)) {
        p = t;
        pPreferred = isPreferred(t);
      }
    }
    if (p == null) {
      return DataType.VARCHAR;
    }
    for (DataType t : types) {
      if (t != null && !Casts.canCast(t, p, CastContext.IMPLICIT)) {
        throw Errors.datatypeMismatch(
            context + " could not convert type " + t.sqlName() + " to " + p.sqlName());
      }
    }
    return p;
  }

  /** The common type of {@link #commonType(List, String)} under the name "UNION". */
  public static DataType commonType(List<DataType> types) {
    return commonType(types, "UNION");
  }

  /** The common type of expressions (untyped literals and parameters count as unknown). */
  public static DataType commonTypeOf(List<BoundExpr> exprs, String context) {
    return commonType(typesOf(exprs), context);
  }

  /** Each expression implicitly cast to {@code type} (untyped literals parsed as it). */
  public static List<BoundExpr> coerceAll(List<BoundExpr> exprs, DataType type) {
    List<BoundExpr> out = new ArrayList<>(exprs.size());
    for (BoundExpr e : exprs) {
      out.add(Casts.cast(e, type, CastContext.IMPLICIT));
    }
    return out;
  }

  /** Resolves expressions to their common type and casts them to it. */
  public static List<BoundExpr> unify(List<BoundExpr> exprs, String context) {
    return coerceAll(exprs, commonTypeOf(exprs, context));
  }
}
