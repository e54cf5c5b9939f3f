package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The built-in scalar functions and operators, by name, with their signatures. */
final class Registry {
  /** Polymorphic parameter types. */
  enum Poly {
    /** Any type, taken as it is (PostgreSQL's {@code "any"}). */
    ANY,
    /** Any type; all ANYELEMENT and ANYARRAY elements resolve to a common type. */
    ANYELEMENT,
    /** A list whose element type unifies with ANYELEMENT. */
    ANYARRAY
  }

  /** Picks an implementation for the resolved argument types. */
  interface ImplFactory {
    ScalarFn create(List<DataType> argTypes);
  }

  /** One overload: parameter types (DataType or Poly), result (DataType, Poly or a function). */
  record Sig(
      String name,
      List<Object> params,
      boolean variadic,
      Object ret,
      ImplFactory impl,
      boolean strict,
      Volatility volatility) {

    DataType resultType(List<DataType> concrete, DataType elem) {
      if (ret instanceof DataType t) {
        return t;
      }
      if (ret == Poly.ANYELEMENT) {
        return elem;
      }
      if (ret == Poly.ANYARRAY) {
        return DataType.list(elem);
      }
      @SuppressWarnings("unchecked")
      Function<List<DataType>, DataType> f = (Function<List<DataType>, DataType>) ret;
      return f.apply(concrete);
    }

    String display() {
      StringBuilder sb = new StringBuilder(name).append('(');
      for (int i = 0; i < params.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        if (variadic && i == params.size() - 1) {
          sb.append("VARIADIC ");
        }
        Object p = params.get(i);
        sb.append(p instanceof DataType t ? t.sqlName() : p.toString().toLowerCase(Locale.ROOT));
      }
      return sb.append(')').toString();
    }
  }

  private static final Map<String, List<Sig>> SIGS = new HashMap<>();

  static {
    Builtins.registerAll(new Registry());
  }

  static List<Sig> lookup(String name) {
    return SIGS.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  static boolean exists(String name) {
    return SIGS.containsKey(name.toLowerCase(Locale.ROOT));
  }

  // ---------------------------------------------------------------------------------------------
  // Registration

  void add(Sig s) {
    SIGS.computeIfAbsent(s.name, k -> new ArrayList<>()).add(s);
  }

  /** A strict, immutable function. */
  void fn(String name, List<?> params, Object ret, ScalarFn impl) {
    add(new Sig(name, List.copyOf(params), false, ret, t -> impl, true, Volatility.IMMUTABLE));
  }

  /** A strict, immutable function whose implementation depends on the argument types. */
  void fnT(String name, List<?> params, Object ret, ImplFactory impl) {
    add(new Sig(name, List.copyOf(params), false, ret, impl, true, Volatility.IMMUTABLE));
  }

  /** A function that sees NULL arguments. */
  void fnNullable(String name, List<?> params, Object ret, ScalarFn impl) {
    add(new Sig(name, List.copyOf(params), false, ret, t -> impl, false, Volatility.IMMUTABLE));
  }

  /** A function with a trailing VARIADIC parameter. */
  void variadic(String name, List<?> params, Object ret, boolean strict, ImplFactory impl) {
    add(new Sig(name, List.copyOf(params), true, ret, impl, strict, Volatility.IMMUTABLE));
  }

  /** A strict function of the given volatility. */
  void fnV(String name, List<?> params, Object ret, Volatility v, ScalarFn impl) {
    add(new Sig(name, List.copyOf(params), false, ret, t -> impl, true, v));
  }

  /** The element type of a list type, or null. */
  static DataType elementOf(DataType t) {
    return t instanceof ListType l ? l.element() : null;
  }
}
