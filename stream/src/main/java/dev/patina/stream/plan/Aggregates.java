package dev.patina.stream.plan;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import java.util.List;
import java.util.Set;

/** The aggregate functions the binder knows, and their result types (RisingWave's). */
public final class Aggregates {
  private Aggregates() {}

  private static final Set<String> NAMES =
      Set.of(
          "count",
          "sum",
          "avg",
          "min",
          "max",
          "bool_and",
          "bool_or",
          "every",
          "string_agg",
          "array_agg",
          "first_value",
          "last_value",
          "approx_count_distinct",
          "stddev_pop",
          "stddev_samp",
          "stddev",
          "var_pop",
          "var_samp",
          "variance",
          "bit_and",
          "bit_or",
          "bit_xor",
          "jsonb_agg",
          "percentile_cont",
          "percentile_disc",
          "mode",
          "approx_percentile",
          "grouping");

  private static final Set<String> ORDERED_SET =
      Set.of("percentile_cont", "percentile_disc", "mode", "approx_percentile");

  /**
   * Whether {@code name} is an ordered-set aggregate ({@code f(args) WITHIN GROUP (ORDER BY x)}).
   */
  public static boolean isOrderedSet(String name) {
    return ORDERED_SET.contains(name);
  }

  /** The result type of an ordered-set aggregate whose ordering argument has type {@code t}. */
  public static DataType orderedSetType(String name, DataType t) {
    return switch (name) {
      case "percentile_cont" -> t == DataType.INTERVAL ? t : DataType.FLOAT64;
      case "approx_percentile" -> DataType.FLOAT64;
      default -> t;
    };
  }

  public static boolean isAggregate(String name) {
    return NAMES.contains(name);
  }

  /** The result type of {@code name} over arguments of these types. */
  public static DataType resultType(String name, List<DataType> args) {
    DataType a = args.isEmpty() ? null : args.get(0);
    return switch (name) {
      case "count", "approx_count_distinct" -> DataType.INT64;
      case "grouping" -> DataType.INT32;
      case "sum" -> {
        need(name, args, 1);
        if (a == DataType.INT16 || a == DataType.INT32) {
          yield DataType.INT64;
        }
        if (a == DataType.INT64 || a == DataType.DECIMAL || a == DataType.SERIAL) {
          yield DataType.DECIMAL;
        }
        if (a == DataType.FLOAT32 || a == DataType.FLOAT64 || a == DataType.INTERVAL) {
          yield a;
        }
        throw undefined(name, args);
      }
      case "avg", "stddev_pop", "stddev_samp", "stddev", "var_pop", "var_samp", "variance" -> {
        need(name, args, 1);
        if (a == DataType.INT16
            || a == DataType.INT32
            || a == DataType.INT64
            || a == DataType.DECIMAL) {
          yield DataType.DECIMAL;
        }
        if (a == DataType.FLOAT32 || a == DataType.FLOAT64) {
          yield DataType.FLOAT64;
        }
        if (a == DataType.INTERVAL && name.equals("avg")) {
          yield a;
        }
        throw undefined(name, args);
      }
      case "min", "max", "first_value", "last_value", "bit_and", "bit_or", "bit_xor" -> {
        need(name, args, 1);
        yield a;
      }
      case "bool_and", "bool_or", "every" -> {
        need(name, args, 1);
        if (a != DataType.BOOLEAN) {
          throw undefined(name, args);
        }
        yield DataType.BOOLEAN;
      }
      case "string_agg" -> {
        need(name, args, 2);
        yield DataType.VARCHAR;
      }
      case "array_agg" -> {
        need(name, args, 1);
        yield new ListType(a);
      }
      case "jsonb_agg" -> DataType.JSONB;
      default -> throw undefined(name, args);
    };
  }

  private static void need(String name, List<DataType> args, int n) {
    if (args.size() != n) {
      throw undefined(name, args);
    }
  }

  private static SqlException undefined(String name, List<DataType> args) {
    return new SqlException(
        SqlState.UNDEFINED_FUNCTION,
        "function "
            + name
            + "("
            + String.join(", ", args.stream().map(DataType::sqlName).toList())
            + ") does not exist");
  }
}
