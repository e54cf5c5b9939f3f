package dev.patina.stream.expr;

import dev.patina.stream.expr.Registry.Poly;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.StructType;
import dev.patina.stream.types.StructValue;
import dev.patina.stream.types.Variant;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * RisingWave's {@code variant} functions: {@code to_variant(any)}, {@code variant_get(variant,
 * path)} (an error for a malformed path), {@code try_variant_get} (NULL instead) and {@code
 * variant_typeof}.
 */
final class VariantFunctions {
  private VariantFunctions() {}

  private static final DataType V = DataType.VARIANT;
  private static final DataType T = DataType.VARCHAR;

  static void register(Registry r) {
    // not strict: to_variant(NULL) is the variant null
    r.add(
        new Registry.Sig(
            "to_variant",
            List.of(Poly.ANY),
            false,
            V,
            t -> a -> toVariant(t.get(0), a[0]),
            false,
            Volatility.IMMUTABLE));
    r.fn("variant_get", List.of(V, T), V, a -> get((Variant) a[0], (String) a[1]));
    r.fn(
        "try_variant_get",
        List.of(V, T),
        V,
        a -> {
          try {
            return ((Variant) a[0]).get((String) a[1]);
          } catch (IllegalArgumentException e) {
            return null;
          }
        });
    r.fn("variant_typeof", List.of(V), T, a -> ((Variant) a[0]).typeName());
  }

  private static Variant get(Variant v, String path) {
    try {
      return v.get(path);
    } catch (IllegalArgumentException e) {
      throw Errors.invalidParameter(
          "Invalid parameter variant_get: "
              + e.getMessage().replace("variant path:", "variant path"));
    }
  }

  /**
   * A SQL value as a variant: scalars keep their type, lists become arrays, structs objects (field
   * names must differ), jsonb converts as {@code jsonb::variant}; types without a variant primitive
   * (interval, rw_int256, non-finite numeric) are stored as their text, as to_jsonb does.
   */
  static Variant toVariant(DataType type, Object v) {
    return switch (v) {
      case null -> Variant.NULL;
      case Variant x -> x;
      case Jsonb j -> Variant.fromJsonb(j);
      case Interval i -> Variant.scalar(Casts.toText(type, i));
      case BigInteger i -> Variant.scalar(i.toString());
      case NonFiniteDecimal n -> Variant.scalar(n.toString());
      case List<?> l -> {
        DataType el = ((ListType) type).element();
        List<Variant> out = new ArrayList<>(l.size());
        for (Object o : l) {
          out.add(toVariant(el, o));
        }
        yield Variant.array(out);
      }
      case StructValue s -> {
        StructType st = (StructType) type;
        List<String> names = new ArrayList<>();
        List<Variant> values = new ArrayList<>();
        for (int i = 0; i < st.fields().size(); i++) {
          names.add(st.fields().get(i).name());
          values.add(toVariant(st.fields().get(i).type(), s.fields().get(i)));
        }
        try {
          yield Variant.object(names, values);
        } catch (IllegalArgumentException e) {
          throw Errors.invalidParameter("Invalid parameter to_variant: " + e.getMessage());
        }
      }
      default -> Variant.scalar(v);
    };
  }
}
