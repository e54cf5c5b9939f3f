package dev.patina.stream.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of data types and of values for them. */
public final class Generators {
  private Generators() {}

  static final long MIN_MICROS = LocalDate.of(-4000, 1, 1).toEpochDay() * 86_400_000_000L;
  static final long MAX_MICROS = LocalDate.of(20000, 1, 1).toEpochDay() * 86_400_000_000L;

  public static Arbitrary<DataType> types(boolean nestedLists) {
    Arbitrary<DataType> scalar = Arbitraries.of(ScalarType.values()).map(t -> (DataType) t);
    Arbitrary<DataType> list = scalar.map(DataType::list);
    Arbitrary<DataType> nested =
        nestedLists
            ? Arbitraries.of(DataType.INT32, DataType.VARCHAR)
                .map(t -> DataType.list(DataType.list(t)))
            : list;
    Arbitrary<DataType> struct =
        scalar
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                ts -> {
                  List<StructType.Field> fs = new ArrayList<>();
                  for (int i = 0; i < ts.size(); i++) {
                    fs.add(new StructType.Field("f" + i, ts.get(i)));
                  }
                  return (DataType) new StructType(fs);
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, scalar),
        net.jqwik.api.Tuple.of(2, list),
        net.jqwik.api.Tuple.of(1, nested),
        net.jqwik.api.Tuple.of(1, struct));
  }

  public static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().excludeChars('\u0000').ofMaxLength(12),
        Arbitraries.of("", "NULL", "null", "a b", "\"", "\\", "{x}", "(y)", ",", " lead", "trail "),
        Arbitraries.strings().withChars("ab ,\"\\{}()\t\n'").ofMaxLength(8));
  }

  public static Arbitrary<Object> values(DataType type) {
    return switch (type) {
      case ScalarType s -> scalar(s);
      case ListType l ->
          values(l.element()).injectNull(0.2).list().ofMaxSize(5).map(v -> (Object) v);
      case StructType st -> {
        List<Arbitrary<Object>> fields = new ArrayList<>();
        for (StructType.Field f : st.fields()) {
          fields.add(values(f.type()).injectNull(0.2));
        }
        yield Combinators.combine(fields).as(vs -> (Object) new StructValue(vs));
      }
    };
  }

  public static Arbitrary<Object> scalar(ScalarType type) {
    Arbitrary<?> a =
        switch (type) {
          case BOOLEAN -> Arbitraries.of(true, false);
          case INT16 -> Arbitraries.shorts();
          case INT32 -> Arbitraries.integers();
          case INT64, SERIAL -> Arbitraries.longs();
          case INT256 ->
              Arbitraries.bigIntegers()
                  .between(
                      BigInteger.TWO.pow(255).negate(),
                      BigInteger.TWO.pow(255).subtract(BigInteger.ONE));
          case FLOAT32 ->
              Arbitraries.oneOf(
                  Arbitraries.floats(),
                  Arbitraries.integers().map(Float::intBitsToFloat),
                  Arbitraries.of(
                      Float.NaN,
                      Float.POSITIVE_INFINITY,
                      Float.NEGATIVE_INFINITY,
                      -0f,
                      1e13f,
                      1e-7f));
          case FLOAT64 ->
              Arbitraries.oneOf(
                  Arbitraries.doubles(),
                  Arbitraries.longs().map(Double::longBitsToDouble),
                  Arbitraries.of(
                      Double.NaN,
                      Double.POSITIVE_INFINITY,
                      Double.NEGATIVE_INFINITY,
                      -0d,
                      1e15,
                      1e16,
                      1e-5,
                      5e-324,
                      Double.MAX_VALUE));
          case DECIMAL ->
              Arbitraries.oneOf(
                  Combinators.combine(
                          Arbitraries.bigIntegers()
                              .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                          Arbitraries.integers().between(0, 20))
                      .as(BigDecimal::new),
                  Arbitraries.of(NonFiniteDecimal.values()));
          case VARCHAR -> strings();
          case BYTEA -> Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
          case DATE ->
              Arbitraries.longs()
                  .between(
                      LocalDate.of(-4000, 1, 1).toEpochDay(),
                      LocalDate.of(20000, 1, 1).toEpochDay())
                  .map(LocalDate::ofEpochDay);
          case TIME -> micros(0, 86_400_000_000L - 1).map(us -> LocalTime.ofNanoOfDay(us * 1000));
          case TIMESTAMP ->
              micros(MIN_MICROS, MAX_MICROS)
                  .map(
                      us ->
                          LocalDateTime.ofEpochSecond(
                              Math.floorDiv(us, 1_000_000L),
                              (int) Math.floorMod(us, 1_000_000L) * 1000,
                              java.time.ZoneOffset.UTC));
          case TIMESTAMPTZ ->
              micros(MIN_MICROS, MAX_MICROS)
                  .map(
                      us ->
                          Instant.ofEpochSecond(
                              Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000));
          case INTERVAL ->
              Combinators.combine(
                      Arbitraries.integers(), Arbitraries.integers(), Arbitraries.longs())
                  .as(Interval::new);
          case JSONB -> json(3).map(Jsonb::of);
          case VARIANT -> json(3).map(j -> Variant.fromJsonb(Jsonb.of(j)));
        };
    return a.map(v -> (Object) v);
  }

  /** Microseconds, often round to the second or millisecond. */
  public static Arbitrary<Long> micros(long min, long max) {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(min, max),
        Arbitraries.longs().between(min / 1_000_000L, max / 1_000_000L).map(s -> s * 1_000_000L),
        Arbitraries.longs().between(min / 1000, max / 1000).map(s -> s * 1000));
  }

  public static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 6))
                .as((u, s) -> (Object) BigDecimal.valueOf(u, s)),
            strings().map(s -> (Object) s));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> list = json(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> map =
        Arbitraries.maps(strings(), json(depth - 1))
            .ofMaxSize(4)
            .map(m -> (Object) new LinkedHashMap<String, Object>(m));
    return Arbitraries.oneOf(leaf, list, map);
  }
}
