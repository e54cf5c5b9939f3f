package dev.patina.stream.dataflow;

import dev.patina.stream.state.OrderType;
import dev.patina.stream.types.DataType;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One aggregate call of a {@link StreamGraphBuilder#hashAgg}: {@code kind(DISTINCT args ORDER BY
 * orderCols) FILTER (WHERE filter)} over input columns.
 *
 * @param kind the function
 * @param args input columns of the arguments (none for {@code count(*)}; value and delimiter for
 *     {@code string_agg})
 * @param returnType the result type the planner chose (e.g. bigint for {@code sum(int)}, numeric
 *     for {@code sum(bigint)} and {@code avg(int)})
 * @param distinct whether duplicate argument values count once
 * @param filter input column of a boolean that must be true for the row to count, or -1
 * @param orderCols input columns of the call's ORDER BY (string_agg, array_agg, first/last_value)
 * @param orders their directions
 * @param finisher for {@link AggKind#GENERIC}: the function's name and its result from a group's
 *     argument tuples ({@code args}' values, each repeated as often as it occurs, in ORDER BY
 *     order); null otherwise
 */
public record AggCall(
    AggKind kind,
    int[] args,
    DataType returnType,
    boolean distinct,
    int filter,
    int[] orderCols,
    List<OrderType> orders,
    Finisher finisher) {
  /** How a {@link AggKind#GENERIC} call turns a group's inputs into its result. */
  public record Finisher(String name, Function<List<Object[]>, Object> result) {
    public Finisher {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(result, "result");
    }
  }

  /** A call of one of the built-in kinds. */
  public AggCall(
      AggKind kind,
      int[] args,
      DataType returnType,
      boolean distinct,
      int filter,
      int[] orderCols,
      List<OrderType> orders) {
    this(kind, args, returnType, distinct, filter, orderCols, orders, null);
  }

  /** {@code name(args ORDER BY ...)} computed by {@code finisher} from the kept inputs. */
  public static AggCall generic(int[] args, DataType returnType, Finisher finisher) {
    return new AggCall(
        AggKind.GENERIC, args, returnType, false, -1, new int[0], List.of(), finisher);
  }

  public AggCall {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(returnType, "returnType");
    args = args.clone();
    orderCols = orderCols.clone();
    orders = List.copyOf(orders);
    if (orderCols.length != orders.size()) {
      throw new IllegalArgumentException("one order per ORDER BY column");
    }
    int want =
        switch (kind) {
          case COUNT_STAR -> 0;
          case STRING_AGG -> 2;
          default -> 1;
        };
    if ((kind == AggKind.GENERIC) != (finisher != null)) {
      throw new IllegalArgumentException("a finisher goes with GENERIC, and only with it");
    }
    if (kind == AggKind.GENERIC ? args.length == 0 : args.length != want) {
      throw new IllegalArgumentException(kind + " takes " + want + " argument(s)");
    }
  }

  /** {@code kind(arg)} without DISTINCT, FILTER or ORDER BY. */
  public static AggCall of(AggKind kind, DataType returnType, int... args) {
    return new AggCall(kind, args, returnType, false, -1, new int[0], List.of());
  }

  /** {@code count(*)}. */
  public static AggCall countStar() {
    return of(AggKind.COUNT_STAR, DataType.INT64);
  }

  public AggCall withDistinct() {
    return new AggCall(kind, args, returnType, true, filter, orderCols, orders, finisher);
  }

  public AggCall withFilter(int column) {
    return new AggCall(kind, args, returnType, distinct, column, orderCols, orders, finisher);
  }

  public AggCall withOrder(int[] cols, List<OrderType> orderTypes) {
    return new AggCall(kind, args, returnType, distinct, filter, cols, orderTypes, finisher);
  }
}
