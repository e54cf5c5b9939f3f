package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import java.util.List;
import java.util.Locale;

/** String functions and operators over varchar (PostgreSQL's text). */
final class StringFunctions {
  private StringFunctions() {}

  private static final DataType T = DataType.VARCHAR;

  static void register(Registry r) {
    r.fn("||", List.of(T, T), T, a -> (String) a[0] + a[1]);
    r.fn("length", List.of(T), DataType.INT32, a -> codePoints((String) a[0]));
    r.fn("char_length", List.of(T), DataType.INT32, a -> codePoints((String) a[0]));
    r.fn("character_length", List.of(T), DataType.INT32, a -> codePoints((String) a[0]));
    r.fn("lower", List.of(T), T, a -> ((String) a[0]).toLowerCase(Locale.ROOT));
    r.fn("upper", List.of(T), T, a -> ((String) a[0]).toUpperCase(Locale.ROOT));
    r.fnT("like", List.of(T, T), DataType.BOOLEAN, t -> new Like(false));
    r.fnT("like", List.of(T, T, T), DataType.BOOLEAN, t -> new Like(false));
    r.fnT("ilike", List.of(T, T), DataType.BOOLEAN, t -> new Like(true));
    r.fnT("ilike", List.of(T, T, T), DataType.BOOLEAN, t -> new Like(true));
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
