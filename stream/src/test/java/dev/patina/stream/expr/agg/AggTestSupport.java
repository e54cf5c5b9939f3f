package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.Literals;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.types.DataType;
import java.util.List;

/** Aggregate calls over rows (v integer, s varchar, k integer) for the tests. */
final class AggTestSupport {
  private AggTestSupport() {}

  static final BoundExpr V = new InputRef(0, DataType.INT32);
  static final BoundExpr S = new InputRef(1, DataType.VARCHAR);
  static final BoundExpr K = new InputRef(2, DataType.INT32);

  static AggCall plain(String name, BoundExpr... args) {
    return AggCall.bind(name, List.of(args), false, false, null, List.of(), List.of());
  }

  static AggCall distinct(String name, BoundExpr arg) {
    return AggCall.bind(name, List.of(arg), false, true, null, List.of(), List.of());
  }

  static AggCall ordered(String name, List<SortKey> order, BoundExpr... args) {
    return AggCall.bind(name, List.of(args), false, false, null, order, List.of());
  }

  static AggCall withinGroup(String name, SortKey key, BoundExpr... direct) {
    return AggCall.bind(name, List.of(direct), false, false, null, List.of(), List.of(key));
  }

  static BoundExpr lit(String number) {
    return Literals.number(number);
  }

  /** A broad set of calls, for the property tests. */
  static List<AggCall> calls() {
    BoundExpr positive = Operators.binary(">", V, lit("0"));
    return List.of(
        AggCall.bind("count", List.of(), true, false, null, List.of(), List.of()),
        plain("count", V),
        plain("sum", V),
        plain("sum", Operators.binary("*", V, lit("1000000000000"))),
        plain("sum", Operators.binary("+", V, lit("0.25"))),
        plain("avg", V),
        plain("min", V),
        plain("max", S),
        plain("bool_and", positive),
        plain("bool_or", positive),
        plain("bit_and", V),
        plain("bit_or", V),
        plain("bit_xor", V),
        plain("stddev_samp", V),
        plain("var_pop", V),
        distinct("count", V),
        distinct("sum", V),
        AggCall.bind(
            "sum",
            List.of(V),
            false,
            false,
            Operators.binary("<>", K, lit("1")),
            List.of(),
            List.of()),
        ordered("string_agg", List.of(new SortKey(K, true, false)), S, Literals.string(",")),
        AggCall.bind(
            "string_agg",
            List.of(S, Literals.string("-")),
            false,
            true,
            null,
            List.of(SortKey.asc(S)),
            List.of()),
        ordered("array_agg", List.of(SortKey.asc(K), SortKey.asc(V)), V),
        ordered("first_value", List.of(SortKey.asc(K)), V),
        ordered("last_value", List.of(new SortKey(K, false, true)), V),
        ordered("jsonb_agg", List.of(SortKey.asc(K)), V),
        withinGroup("percentile_disc", SortKey.asc(V), lit("0.3")),
        withinGroup("percentile_cont", SortKey.asc(V), lit("0.5")),
        withinGroup("percentile_cont", new SortKey(V, true, false), lit("0.25")),
        withinGroup("mode", SortKey.asc(K)),
        withinGroup("approx_percentile", SortKey.asc(V), lit("0.9"), lit("0.01")));
  }
}
