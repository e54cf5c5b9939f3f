package dev.patina.http.client.internal.h2;

import dev.patina.http.Headers;
import dev.patina.http.internal.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a decoded response header block as RFC 9113 §8.3.2 and §8.2 ask (one {@code :status} of
 * three digits and no other pseudo-header, pseudo-headers first, lowercase token names, no
 * connection-specific fields, values without CR, LF, NUL or surrounding whitespace) and turns it
 * into {@link Headers}. A block that fails is malformed: RST_STREAM(PROTOCOL_ERROR) for its stream.
 */
final class ResponseFields {
  /** §8.2.2: fields that only mean something to one HTTP/1.1 hop. */
  private static final Set<String> CONNECTION_SPECIFIC =
      Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

  private ResponseFields() {}

  /** Why a block is malformed. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  /**
   * A response head.
   *
   * @param contentLength the declared {@code content-length}, or -1
   */
  record Head(int status, Headers headers, long contentLength) {}

  /** A response head block (also an informational 1xx one). */
  static Head head(List<HeaderField> fields) throws Malformed {
    int status = -1;
    boolean regularSeen = false;
    List<Headers.Field> out = new ArrayList<>(fields.size());
    long contentLength = -1;
    for (HeaderField f : fields) {
      String name = f.name();
      if (name.startsWith(":")) {
        if (regularSeen) {
          throw new Malformed("pseudo-header " + name + " after a regular field");
        }
        if (!name.equals(":status")) {
          throw new Malformed("pseudo-header " + name + " in a response");
        }
        if (status >= 0) {
          throw new Malformed("more than one :status");
        }
        status = status(f.value());
        continue;
      }
      regularSeen = true;
      checkRegular(f);
      if (name.equals("content-length")) {
        long n = contentLength(f.value());
        if (contentLength >= 0 && contentLength != n) {
          throw new Malformed("differing content-length values");
        }
        contentLength = n;
      }
      out.add(new Headers.Field(name, f.value()));
    }
    if (status < 0) {
      throw new Malformed("no :status");
    }
    return new Head(status, new Headers(out), contentLength);
  }

  /** A trailer block: regular fields only (§8.1). */
  static Headers trailers(List<HeaderField> fields) throws Malformed {
    List<Headers.Field> out = new ArrayList<>(fields.size());
    for (HeaderField f : fields) {
      if (f.name().startsWith(":")) {
        throw new Malformed("pseudo-header " + f.name() + " in trailers");
      }
      checkRegular(f);
      out.add(new Headers.Field(f.name(), f.value()));
    }
    return new Headers(out);
  }

  private static int status(String v) throws Malformed {
    if (v.length() != 3 || !v.chars().allMatch(c -> c >= '0' && c <= '9') || v.charAt(0) == '0') {
      throw new Malformed("bad :status \"" + v + "\"");
    }
    int s = Integer.parseInt(v);
    if (s == 101) {
      throw new Malformed(":status 101 (HTTP/2 has no protocol upgrade, RFC 9113 §8.6)");
    }
    return s;
  }

  private static long contentLength(String v) throws Malformed {
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Malformed("bad content-length \"" + v + "\"");
    }
    return Long.parseLong(v);
  }

  private static void checkRegular(HeaderField f) throws Malformed {
    String name = f.name();
    if (name.isEmpty()) {
      throw new Malformed("empty field name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        throw new Malformed("uppercase field name \"" + name + "\"");
      }
      if (!isTokenChar(c)) {
        throw new Malformed("invalid character in field name \"" + printable(name) + "\"");
      }
    }
    if (CONNECTION_SPECIFIC.contains(name)) {
      throw new Malformed("connection-specific field " + name);
    }
    String v = f.value();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        throw new Malformed("NUL, CR or LF in the value of " + name);
      }
    }
    if (!v.isEmpty() && (isBlank(v.charAt(0)) || isBlank(v.charAt(v.length() - 1)))) {
      throw new Malformed("whitespace around the value of " + name);
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 9110 §5.6.2 tchar. */
  private static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
      return true;
    }
    return c < 128 && c > ' ' && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      b.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return b.toString();
  }
}
