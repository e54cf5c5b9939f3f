package dev.patina.http.internal.h2;

import dev.patina.http.Headers;
import dev.patina.http.internal.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a request's decoded fields by RFC 9113 §8.2–8.3 and splits them into pseudo-header values
 * and regular fields. Anything malformed is a stream error of type PROTOCOL_ERROR (§8.1.1).
 *
 * @param contentLength the declared length, or -1
 */
record RequestFields(
    String method,
    String scheme,
    String authority,
    String path,
    Headers headers,
    long contentLength) {

  static RequestFields of(int stream, List<HeaderField> fields) throws StreamError {
    String method = null;
    String scheme = null;
    String authority = null;
    String path = null;
    boolean regularSeen = false;
    long contentLength = -1;
    List<Headers.Field> regular = new ArrayList<>(fields.size());
    for (HeaderField f : fields) {
      String n = f.name();
      String v = f.value();
      checkValue(stream, n, v);
      if (n.startsWith(":")) {
        if (regularSeen) {
          throw malformed(stream, "pseudo-header " + n + " after a regular field");
        }
        switch (n) {
          case ":method" -> method = once(stream, n, method, v);
          case ":scheme" -> scheme = once(stream, n, scheme, v);
          case ":authority" -> authority = once(stream, n, authority, v);
          case ":path" -> path = once(stream, n, path, v);
          default -> throw malformed(stream, "unknown pseudo-header " + n);
        }
        continue;
      }
      regularSeen = true;
      checkName(stream, n);
      switch (n) {
        case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" ->
            throw malformed(stream, "connection-specific field " + n);
        case "te" -> {
          if (!v.equals("trailers")) {
            throw malformed(stream, "te other than trailers");
          }
        }
        case "content-length" -> {
          long cl = parseLength(stream, v);
          if (contentLength >= 0 && cl != contentLength) {
            throw malformed(stream, "differing content-length values");
          }
          contentLength = cl;
        }
        default -> {}
      }
      regular.add(new Headers.Field(n, v));
    }
    if (method == null) {
      throw malformed(stream, "no :method");
    }
    if (method.equals("CONNECT")) {
      // §8.5: only :authority; Patina does not tunnel, but the request is well-formed
      if (scheme != null || path != null || authority == null) {
        throw malformed(stream, "CONNECT with :scheme or :path, or without :authority");
      }
    } else if (scheme == null || path == null || path.isEmpty()) {
      throw malformed(stream, "missing :scheme or :path");
    }
    if (authority != null && regular.stream().noneMatch(f -> f.name().equals("host"))) {
      // handlers read Host as in HTTP/1.1; §8.3.1 makes :authority its stand-in
      regular.add(new Headers.Field("host", authority));
    }
    return new RequestFields(
        method,
        scheme,
        authority,
        path == null ? authority : path,
        new Headers(regular),
        contentLength);
  }

  private static String once(int stream, String name, String old, String v) throws StreamError {
    if (old != null) {
      throw malformed(stream, "repeated " + name);
    }
    return v;
  }

  /** §8.2.1: lowercase token characters only. */
  private static void checkName(int stream, String n) throws StreamError {
    if (n.isEmpty()) {
      throw malformed(stream, "empty field name");
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c <= 0x20 || c >= 0x7f || (c >= 'A' && c <= 'Z') || c == ':') {
        throw malformed(stream, "bad character in field name");
      }
    }
  }

  /** §8.2.1: no NUL, CR or LF; no leading or trailing whitespace. */
  private static void checkValue(int stream, String n, String v) throws StreamError {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        throw malformed(stream, "NUL, CR or LF in the value of " + n);
      }
    }
    if (!v.isEmpty() && (isSpace(v.charAt(0)) || isSpace(v.charAt(v.length() - 1)))) {
      throw malformed(stream, "whitespace around the value of " + n);
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static long parseLength(int stream, String v) throws StreamError {
    if (v.isEmpty() || v.length() > 18) {
      throw malformed(stream, "bad content-length");
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        throw malformed(stream, "bad content-length");
      }
    }
    return Long.parseLong(v);
  }

  private static StreamError malformed(int stream, String why) {
    return new StreamError(stream, ErrorCode.PROTOCOL_ERROR, "malformed request: " + why);
  }
}
