package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.Call;
import dev.patina.stream.expr.Registry.Poly;
import dev.patina.stream.expr.Registry.Sig;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Resolves calls of built-in scalar functions by name and argument types, following PostgreSQL's
 * function resolution ({@code func_select_candidate}): candidates with the right number of
 * arguments, each argument equal to or implicitly castable to its parameter; the most exact matches
 * win, then, where arguments are untyped literals, the candidate that takes the other arguments'
 * type, then the one with the most preferred types. Arguments get implicit casts to the chosen
 * parameter types.
 */
public final class Functions {
  private Functions() {}

  /** Whether a scalar function of this name exists (any signature). */
  public static boolean exists(String name) {
    return Registry.exists(name);
  }

  /**
   * A call of scalar function {@code name} with {@code args}.
   *
   * @throws dev.patina.stream.pgwire.SqlException 42883 "function f(integer) does not exist"
   */
  public static BoundExpr call(String name, List<BoundExpr> args) {
    String n = name.toLowerCase(Locale.ROOT);
    Resolved r = resolve(n, args);
    if (r == null) {
      throw Errors.undefinedFunction(
          "function " + n + "(" + typeList(args, ", ") + ") does not exist");
    }
    return r.build(n, args);
  }

  /**
   * A call whose last argument is written {@code VARIADIC array}: the array's elements are the
   * variadic arguments ({@code concat(VARIADIC ARRAY['a', 'b'])}); a NULL array gives NULL.
   *
   * @throws dev.patina.stream.pgwire.SqlException 42883 when no variadic function takes these
   */
  public static BoundExpr callVariadic(String name, List<BoundExpr> args) {
    String n = name.toLowerCase(Locale.ROOT);
    BoundExpr last = args.get(args.size() - 1);
    if (!(last.type() instanceof ListType lt) || Coercion.isUnknown(last)) {
      throw Errors.datatypeMismatch("VARIADIC argument must be an array");
    }
    // resolve as if the array held one element, then spread the elements at run time
    List<BoundExpr> probe = new ArrayList<>(args.subList(0, args.size() - 1));
    probe.add(BoundExpr.Literal.nullOf(lt.element()));
    Resolved r = resolve(n, probe);
    if (r == null || !r.sig().variadic() || r.sig().params().size() != args.size()) {
      throw Errors.undefinedFunction(
          "function " + n + "(" + typeList(args, ", ") + ") does not exist");
    }
    List<BoundExpr> coerced = new ArrayList<>();
    for (int i = 0; i < args.size() - 1; i++) {
      coerced.add(Casts.cast(args.get(i), r.targets().get(i), CastContext.IMPLICIT));
    }
    DataType elem = r.targets().get(args.size() - 1);
    coerced.add(Casts.cast(last, DataType.list(elem), CastContext.IMPLICIT));
    int fixed = args.size() - 1;
    Registry.ImplFactory impl = r.sig().impl();
    List<DataType> fixedTypes = r.targets().subList(0, fixed);
    boolean strict = r.sig().strict();
    ScalarFn fn =
        a -> {
          if (a[fixed] == null) {
            return null;
          }
          List<?> elems = (List<?>) a[fixed];
          Object[] spread = new Object[fixed + elems.size()];
          System.arraycopy(a, 0, spread, 0, fixed);
          List<DataType> types = new ArrayList<>(fixedTypes);
          for (int i = 0; i < elems.size(); i++) {
            spread[fixed + i] = elems.get(i);
            types.add(elem);
            if (strict && elems.get(i) == null) {
              return null;
            }
          }
          return impl.create(types).apply(spread);
        };
    return new Call(n, coerced, r.result(), fn, strict, r.sig().volatility());
  }

  /** A call of an operator ({@code +}, {@code ||} ...), resolved like a function. */
  static BoundExpr operator(String symbol, List<BoundExpr> args) {
    Resolved r = resolve(symbol, args);
    if (r == null) {
      String types =
          args.size() == 1
              ? symbol + " " + typeList(args, "")
              : typeList(args.subList(0, 1), "")
                  + " "
                  + symbol
                  + " "
                  + typeList(args.subList(1, 2), "");
      throw Errors.undefinedFunction("operator does not exist: " + types);
    }
    return r.build(symbol, args);
  }

  static String typeList(List<BoundExpr> args, String sep) {
    return args.stream()
        .map(a -> Coercion.isUnknown(a) ? "unknown" : a.type().sqlName())
        .collect(Collectors.joining(sep));
  }

  /** A chosen overload with the parameter type of each argument. */
  record Resolved(Sig sig, List<DataType> targets, DataType result) {
    BoundExpr build(String name, List<BoundExpr> args) {
      List<BoundExpr> coerced = new ArrayList<>(args.size());
      for (int i = 0; i < args.size(); i++) {
        coerced.add(Casts.cast(args.get(i), targets.get(i), CastContext.IMPLICIT));
      }
      return new Call(
          name, coerced, result, sig.impl().create(targets), sig.strict(), sig.volatility());
    }
  }

  private record Candidate(Resolved r, int exact, int sameAsKnown, int preferred, int strings) {}

  static Resolved resolve(String name, List<BoundExpr> args) {
    List<DataType> types = Coercion.typesOf(args);
    DataType knownCommon = null;
    boolean single = true;
    for (DataType t : types) {
      if (t != null) {
        if (knownCommon == null) {
          knownCommon = norm(t);
        } else if (!knownCommon.equals(norm(t))) {
          single = false;
        }
      }
    }
    if (!single) {
      knownCommon = null;
    }
    Candidate best = null;
    for (Sig s : Registry.lookup(name)) {
      Candidate c = match(s, types, knownCommon);
      if (c != null && (best == null || better(c, best))) {
        best = c;
      }
    }
    return best == null ? null : best.r;
  }

  private static boolean better(Candidate a, Candidate b) {
    if (a.exact != b.exact) {
      return a.exact > b.exact;
    }
    if (a.sameAsKnown != b.sameAsKnown) {
      return a.sameAsKnown > b.sameAsKnown;
    }
    if (a.preferred != b.preferred) {
      return a.preferred > b.preferred;
    }
    return a.strings > b.strings;
  }

  private static DataType norm(DataType t) {
    return t == DataType.SERIAL ? DataType.INT64 : t;
  }

  private static Candidate match(Sig s, List<DataType> types, DataType knownCommon) {
    int n = types.size();
    int np = s.params().size();
    if (s.variadic() ? n < np : n != np) {
      return null;
    }
    List<Object> params = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      params.add(s.params().get(Math.min(i, np - 1)));
    }
    // Polymorphic element type: the common type of everything bound to ANYELEMENT / ANYARRAY.
    List<DataType> elems = new ArrayList<>();
    boolean poly = false;
    for (int i = 0; i < n; i++) {
      Object p = params.get(i);
      DataType t = types.get(i);
      if (p == Poly.ANYELEMENT) {
        poly = true;
        elems.add(t);
      } else if (p == Poly.ANYARRAY) {
        poly = true;
        if (t != null) {
          if (!(t instanceof ListType l)) {
            return null;
          }
          elems.add(l.element());
        }
      }
    }
    DataType elem = null;
    if (poly) {
      try {
        elem = Coercion.commonType(elems, s.name());
      } catch (RuntimeException e) {
        return null;
      }
    }
    List<DataType> targets = new ArrayList<>(n);
    int exact = 0;
    int same = 0;
    int preferred = 0;
    int strings = 0;
    for (int i = 0; i < n; i++) {
      Object p = params.get(i);
      DataType t = types.get(i);
      DataType target =
          switch (p) {
            case DataType d -> d;
            case Poly q when q == Poly.ANYELEMENT -> elem;
            case Poly q when q == Poly.ANYARRAY -> DataType.list(elem);
            default -> t == null ? DataType.VARCHAR : t;
          };
      targets.add(target);
      if (t == null) {
        if (knownCommon != null && norm(target).equals(knownCommon)) {
          same++;
        }
        if (target == DataType.VARCHAR) {
          strings++;
        }
        if (Coercion.isPreferred(target)) {
          preferred++;
        }
        continue;
      }
      if (norm(t).equals(norm(target))) {
        exact++;
      } else if (Casts.canCast(t, target, CastContext.IMPLICIT)) {
        if (Coercion.isPreferred(target)) {
          preferred++;
        }
      } else {
        return null;
      }
    }
    DataType result = s.resultType(targets, elem);
    return new Candidate(new Resolved(s, targets, result), exact, same, preferred, strings);
  }
}
