package dev.patina.stream.expr;

import dev.patina.stream.expr.Registry.Poly;
import dev.patina.stream.types.DataType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** bytea functions (encode, decode, digests, length) and format(). */
final class ByteaFunctions {
  private ByteaFunctions() {}

  private static final DataType BY = DataType.BYTEA;
  private static final DataType T = DataType.VARCHAR;
  private static final DataType I4 = DataType.INT32;

  static void register(Registry r) {
    r.fn("||", List.of(BY, BY), BY, a -> concat((byte[]) a[0], (byte[]) a[1]));
    r.fn("length", List.of(BY), I4, a -> ((byte[]) a[0]).length);
    r.fn("octet_length", List.of(BY), I4, a -> ((byte[]) a[0]).length);
    r.fn("encode", List.of(BY, T), T, a -> encode((byte[]) a[0], (String) a[1]));
    r.fn("decode", List.of(T, T), BY, a -> decode((String) a[0], (String) a[1]));
    r.fn("md5", List.of(BY), T, a -> HexFormat.of().formatHex(digest("MD5", (byte[]) a[0])));
    for (String alg : List.of("sha1", "sha224", "sha256", "sha384", "sha512")) {
      String java = "SHA-" + alg.substring(3);
      r.fn(alg, List.of(BY), BY, a -> digest(java, (byte[]) a[0]));
    }
    r.variadic("format", List.of(T, Poly.ANY), T, false, t -> a -> format(t, a));
    r.fnNullable("format", List.of(T), T, a -> a[0] == null ? null : format(List.of(T), a));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(byte[] b, String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "hex" -> HexFormat.of().formatHex(b);
      case "base64" ->
          Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(b);
      case "escape" -> {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
          int v = x & 0xff;
          if (v == '\\') {
            sb.append("\\\\");
          } else if (v == 0 || v >= 0x80) {
            sb.append('\\').append(String.format("%03o", v));
          } else {
            sb.append((char) v);
          }
        }
        yield sb.toString();
      }
      default -> throw Errors.invalidParameter("unrecognized encoding: \"" + format + "\"");
    };
  }

  static byte[] decode(String s, String format) {
    try {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "hex" -> HexFormat.of().parseHex(s.strip());
        case "base64" -> Base64.getMimeDecoder().decode(s);
        case "escape" -> (byte[]) Literals.parse(DataType.BYTEA, s);
        default -> throw Errors.invalidParameter("unrecognized encoding: \"" + format + "\"");
      };
    } catch (IllegalArgumentException e) {
      throw Errors.invalidParameter("invalid " + format + " data: " + e.getMessage());
    }
  }

  /** PostgreSQL's format(): %s, %I, %L and %%, with optional {@code n$} positions. */
  static String format(List<DataType> types, Object[] a) {
    if (a[0] == null) {
      return null;
    }
    String f = (String) a[0];
    StringBuilder sb = new StringBuilder();
    int next = 1;
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (++i >= f.length()) {
        throw Errors.invalidParameter("unterminated format() type specifier");
      }
      if (f.charAt(i) == '%') {
        sb.append('%');
        continue;
      }
      int j = i;
      while (j < f.length() && Character.isDigit(f.charAt(j))) {
        j++;
      }
      int arg;
      if (j > i && j < f.length() && f.charAt(j) == '$') {
        arg = Integer.parseInt(f.substring(i, j));
        if (arg == 0) {
          throw Errors.invalidParameter(
              "format specifies argument 0, but arguments are numbered from 1");
        }
        i = j + 1;
      } else {
        arg = next;
      }
      if (i >= f.length()) {
        throw Errors.invalidParameter("unterminated format() type specifier");
      }
      char type = f.charAt(i);
      if (arg >= a.length) {
        throw Errors.invalidParameter("too few arguments for format()");
      }
      next = arg + 1;
      Object v = a[arg];
      String text = v == null ? null : Casts.outputText(types.get(arg), v);
      switch (type) {
        case 's' -> sb.append(text == null ? "" : text);
        case 'I' -> {
          if (text == null) {
            throw Errors.nullNotAllowed("null values cannot be formatted as an SQL identifier");
          }
          sb.append(StringFunctions.quoteIdent(text));
        }
        case 'L' -> sb.append(text == null ? "NULL" : StringFunctions.quoteLiteral(text));
        default ->
            throw Errors.invalidParameter("unrecognized format() type specifier \"" + type + "\"");
      }
    }
    return sb.toString();
  }
}
