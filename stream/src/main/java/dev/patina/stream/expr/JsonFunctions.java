package dev.patina.stream.expr;

import dev.patina.stream.expr.Registry.Poly;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.StructType;
import dev.patina.stream.types.StructValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** jsonb operators ({@code -> ->> #> #>> @> <@ ? ?| ?& || -}) and functions. */
final class JsonFunctions {
  private JsonFunctions() {}

  private static final DataType J = DataType.JSONB;
  private static final DataType T = DataType.VARCHAR;
  private static final DataType I4 = DataType.INT32;
  private static final DataType B = DataType.BOOLEAN;
  private static final DataType TA = DataType.list(DataType.VARCHAR);

  static void register(Registry r) {
    r.fn("->", List.of(J, T), J, a -> Json.asJsonb(Json.field(tree(a[0]), (String) a[1])));
    r.fn("->", List.of(J, I4), J, a -> Json.asJsonb(Json.element(tree(a[0]), (Integer) a[1])));
    r.fn("->>", List.of(J, T), T, a -> Json.asText(Json.field(tree(a[0]), (String) a[1])));
    r.fn("->>", List.of(J, I4), T, a -> Json.asText(Json.element(tree(a[0]), (Integer) a[1])));
    r.fn("#>", List.of(J, TA), J, a -> Json.asJsonb(Json.path(tree(a[0]), (List<?>) a[1])));
    r.fn("#>>", List.of(J, TA), T, a -> Json.asText(Json.path(tree(a[0]), (List<?>) a[1])));
    r.variadic(
        "jsonb_extract_path",
        List.of(J, T),
        J,
        true,
        t -> a -> Json.asJsonb(Json.path(tree(a[0]), List.of(a).subList(1, a.length))));
    r.variadic(
        "jsonb_extract_path_text",
        List.of(J, T),
        T,
        true,
        t -> a -> Json.asText(Json.path(tree(a[0]), List.of(a).subList(1, a.length))));
    r.fn("@>", List.of(J, J), B, a -> Json.contains(tree(a[0]), tree(a[1])));
    r.fn("<@", List.of(J, J), B, a -> Json.contains(tree(a[1]), tree(a[0])));
    r.fn("?", List.of(J, T), B, a -> Json.hasKey(tree(a[0]), (String) a[1]));
    r.fn(
        "?|",
        List.of(J, TA),
        B,
        a ->
            ((List<?>) a[1])
                .stream().anyMatch(k -> k != null && Json.hasKey(tree(a[0]), (String) k)));
    r.fn(
        "?&",
        List.of(J, TA),
        B,
        a ->
            ((List<?>) a[1])
                .stream().allMatch(k -> k == null || Json.hasKey(tree(a[0]), (String) k)));
    r.fn("||", List.of(J, J), J, a -> concat(tree(a[0]), tree(a[1])));
    r.fn("-", List.of(J, T), J, a -> deleteKey(tree(a[0]), (String) a[1]));
    r.fn("-", List.of(J, I4), J, a -> deleteIndex(tree(a[0]), (Integer) a[1]));
    r.fn("jsonb_typeof", List.of(J), T, a -> Json.typeof(tree(a[0])));
    for (String kind : List.of("value", "array", "object", "scalar")) {
      r.fn("is_json_" + kind, List.of(T), B, a -> isJson(a[0].toString(), kind));
      r.fn("is_json_" + kind, List.of(J), B, a -> isJson(a[0].toString(), kind));
    }
    r.fn("jsonb_array_length", List.of(J), I4, a -> arrayLength(tree(a[0])));
    r.fn("jsonb_strip_nulls", List.of(J), J, a -> Jsonb.of(stripNulls(tree(a[0]))));
    r.fn("jsonb_pretty", List.of(J), T, a -> a[0].toString());
    r.fnT("to_jsonb", List.of(Poly.ANY), J, t -> a -> Jsonb.of(toJson(t.get(0), a[0])));
    r.variadic(
        "jsonb_build_array",
        List.of(Poly.ANY),
        J,
        false,
        t ->
            a -> {
              List<Object> out = new ArrayList<>();
              for (int i = 0; i < a.length; i++) {
                out.add(a[i] == null ? null : toJson(t.get(i), a[i]));
              }
              return Jsonb.of(out);
            });
    r.variadic("jsonb_build_object", List.of(Poly.ANY), J, false, t -> a -> buildObject(t, a));
  }

  /** {@code text IS JSON kind}: whether the text parses as JSON of that kind. */
  static boolean isJson(String text, String kind) {
    Object v;
    try {
      v = Jsonb.parse(text).value();
    } catch (IllegalArgumentException e) {
      return false;
    }
    return switch (kind) {
      case "array" -> v instanceof List<?>;
      case "object" -> v instanceof Map<?, ?>;
      case "scalar" -> !(v instanceof List<?>) && !(v instanceof Map<?, ?>);
      default -> true;
    };
  }

  private static Object tree(Object j) {
    return ((Jsonb) j).value();
  }

  static int arrayLength(Object v) {
    if (v instanceof List<?> l) {
      return l.size();
    }
    throw Errors.invalidParameter(
        "cannot get array length of a " + (v instanceof Map<?, ?> ? "non-array" : "scalar"));
  }

  static Jsonb concat(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      Map<Object, Object> m = new LinkedHashMap<>(x);
      m.putAll(y);
      return Jsonb.of(m);
    }
    List<Object> out = new ArrayList<>();
    if (a instanceof List<?> l) {
      out.addAll(l);
    } else {
      out.add(a);
    }
    if (b instanceof List<?> l) {
      out.addAll(l);
    } else {
      out.add(b);
    }
    return Jsonb.of(out);
  }

  static Jsonb deleteKey(Object a, String key) {
    if (a instanceof Map<?, ?> m) {
      Map<Object, Object> c = new LinkedHashMap<>(m);
      c.remove(key);
      return Jsonb.of(c);
    }
    if (a instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      for (Object o : l) {
        if (!key.equals(o)) {
          c.add(o);
        }
      }
      return Jsonb.of(c);
    }
    throw Errors.invalidParameter("cannot delete from scalar");
  }

  static Jsonb deleteIndex(Object a, int index) {
    if (a instanceof List<?> l) {
      int i = index < 0 ? l.size() + index : index;
      List<Object> c = new ArrayList<>(l);
      if (i >= 0 && i < c.size()) {
        c.remove(i);
      }
      return Jsonb.of(c);
    }
    throw Errors.invalidParameter(
        a instanceof Map<?, ?>
            ? "cannot delete from object using integer index"
            : "cannot delete from scalar");
  }

  static Object stripNulls(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> c = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() != null) {
          c.put(e.getKey(), stripNulls(e.getValue()));
        }
      }
      return c;
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      for (Object o : l) {
        c.add(stripNulls(o));
      }
      return c;
    }
    return v;
  }

  static Jsonb buildObject(List<DataType> types, Object[] a) {
    if (a.length % 2 != 0) {
      throw Errors.invalidParameter("argument list must have even number of elements");
    }
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < a.length; i += 2) {
      if (a[i] == null) {
        throw Errors.invalidParameter("argument " + (i + 1) + ": key must not be null");
      }
      m.put(
          Casts.outputText(types.get(i), a[i]),
          a[i + 1] == null ? null : toJson(types.get(i + 1), a[i + 1]));
    }
    return Jsonb.of(m);
  }

  /** A SQL value as a JSON tree, as to_jsonb converts it. */
  static Object toJson(DataType type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (v) {
      case Jsonb j -> j.value();
      case dev.patina.stream.types.Variant x -> x.toJsonb().value();
      case Boolean b -> b;
      case Short s -> BigDecimal.valueOf(s);
      case Integer i -> BigDecimal.valueOf(i);
      case Long l -> BigDecimal.valueOf(l);
      case BigDecimal d -> d;
      case NonFiniteDecimal n -> n.toString();
      case Double d ->
          Double.isFinite(d) ? new BigDecimal(Casts.toText(type, d)) : Casts.toText(type, d);
      case Float f ->
          Float.isFinite(f) ? new BigDecimal(Casts.toText(type, f)) : Casts.toText(type, f);
      case String s -> s;
      case List<?> l -> {
        DataType el = ((ListType) type).element();
        List<Object> out = new ArrayList<>();
        for (Object o : l) {
          out.add(toJson(el, o));
        }
        yield out;
      }
      case StructValue s -> {
        StructType st = (StructType) type;
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < st.fields().size(); i++) {
          m.put(st.fields().get(i).name(), toJson(st.fields().get(i).type(), s.fields().get(i)));
        }
        yield m;
      }
      case Interval i -> Casts.toText(type, i);
      default -> Casts.toText(type, v).replace(' ', 'T');
    };
  }
}
