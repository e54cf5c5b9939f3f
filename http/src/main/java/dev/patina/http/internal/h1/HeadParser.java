package dev.patina.http.internal.h1;

import dev.patina.http.Headers;
import dev.patina.http.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a request line and header section per RFC 9112 §3 and §5, strictly: anything that could be
 * read two ways by two parsers (the root of request smuggling) is a 400.
 */
public final class HeadParser {
  private HeadParser() {}

  public static RequestHead parse(ConnectionInput in, Limits limits)
      throws IOException, ProtocolException {
    int budget = limits.maxHeadBytes();
    String line = in.readLine(budget);
    // §2.2: a server SHOULD ignore at least one empty line received before the request-line.
    for (int empties = 0; line.isEmpty(); empties++) {
      if (empties >= 4) {
        throw new ProtocolException(400, "empty lines before request");
      }
      budget -= 2;
      line = in.readLine(budget);
    }
    budget -= line.length() + 2;

    int sp1 = line.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
      throw new ProtocolException(400, "malformed request line");
    }
    String method = line.substring(0, sp1);
    String target = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    if (!isToken(method) || target.isEmpty() || !isVisible(target)) {
      throw new ProtocolException(400, "malformed request line");
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      if (version.matches("HTTP/[0-9]\\.[0-9]")) {
        throw new ProtocolException(505, "unsupported version " + version);
      }
      throw new ProtocolException(400, "malformed version");
    }

    List<Headers.Field> fields = new ArrayList<>();
    // The fields the server itself acts on are noted as they go by, so that no request searches
    // its whole header list again for each of them.
    FramingFields framing = new FramingFields();
    while (true) {
      if (budget <= 0) {
        throw new ProtocolException(431, "request head too large");
      }
      String h = in.readLine(budget);
      budget -= h.length() + 2;
      if (h.isEmpty()) {
        break;
      }
      if (fields.size() >= limits.maxHeaderCount()) {
        throw new ProtocolException(431, "too many header fields");
      }
      Headers.Field f = field(h);
      fields.add(f);
      framing.note(f);
    }
    Headers headers = new Headers(fields);
    if (version.equals("HTTP/1.1") && framing.hosts != 1) {
      throw new ProtocolException(400, "HTTP/1.1 request needs exactly one Host"); // §3.2
    }
    return new RequestHead(
        method,
        target,
        version,
        headers,
        bodyLength(framing, limits),
        framing.connection,
        framing.expect);
  }

  /** What the fields that decide framing and connection handling said, gathered in one pass. */
  private static final class FramingFields {
    int hosts;
    int connection; // RequestHead.CONNECTION_* bits
    String expect;
    List<String> transferEncoding; // null: none
    List<String> contentLength; // null: none

    void note(Headers.Field f) {
      String n = f.name();
      switch (n.length()) {
        case 4 -> {
          if (n.equalsIgnoreCase("host")) {
            hosts++;
          }
        }
        case 6 -> {
          if (expect == null && n.equalsIgnoreCase("expect")) {
            expect = f.value();
          }
        }
        case 10 -> {
          if (n.equalsIgnoreCase("connection")) {
            connection |= connectionOptions(f.value());
          }
        }
        case 14 -> {
          if (n.equalsIgnoreCase("content-length")) {
            contentLength = add(contentLength, f.value());
          }
        }
        case 17 -> {
          if (n.equalsIgnoreCase("transfer-encoding")) {
            transferEncoding = add(transferEncoding, f.value());
          }
        }
        default -> {
          // not a field the server acts on
        }
      }
    }

    private static List<String> add(List<String> list, String value) {
      List<String> l = list == null ? new ArrayList<>(1) : list;
      l.add(value);
      return l;
    }

    /** The options a {@code Connection} value names (a comma-separated token list). */
    private static int connectionOptions(String value) {
      int bits = 0;
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int stop = comma < 0 ? value.length() : comma;
        String token = value.substring(start, stop).strip();
        if (token.equalsIgnoreCase("close")) {
          bits |= RequestHead.CONNECTION_CLOSE;
        } else if (token.equalsIgnoreCase("keep-alive")) {
          bits |= RequestHead.CONNECTION_KEEP_ALIVE;
        } else if (token.equalsIgnoreCase("upgrade")) {
          bits |= RequestHead.CONNECTION_UPGRADE;
        } else if (token.equalsIgnoreCase("http2-settings")) {
          bits |= RequestHead.CONNECTION_HTTP2_SETTINGS;
        }
        start = stop + 1;
      }
      return bits;
    }
  }

  /** Reads trailer fields after the last chunk and discards them (hyper ignores them too). */
  public static void skipTrailers(ConnectionInput in, Limits limits)
      throws IOException, ProtocolException {
    int budget = limits.maxHeadBytes();
    while (true) {
      String t = in.readLine(budget);
      budget -= t.length() + 2;
      if (t.isEmpty()) {
        return;
      }
      field(t); // still well-formed, or 400
      if (budget <= 0) {
        throw new ProtocolException(431, "trailers too large");
      }
    }
  }

  /**
   * One field line (RFC 9112 §5) with the strict rules above; also used by the client for response
   * fields.
   */
  public static Headers.Field field(String h) throws ProtocolException {
    if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
      throw new ProtocolException(400, "obsolete line folding"); // §5.2
    }
    int colon = h.indexOf(':');
    if (colon <= 0) {
      throw new ProtocolException(400, "header field without name");
    }
    String name = h.substring(0, colon);
    if (!isToken(name)) {
      throw new ProtocolException(400, "bad header name"); // includes space before colon, §5.1
    }
    String value = h.substring(colon + 1).strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new ProtocolException(400, "control character in header value");
      }
    }
    return new Headers.Field(name, value);
  }

  /** RFC 9112 §6.3, the rules that decide where the body ends. */
  private static long bodyLength(FramingFields framing, Limits limits) throws ProtocolException {
    List<String> te = framing.transferEncoding;
    List<String> cl = framing.contentLength;
    if (cl == null) {
      if (te == null) {
        return 0;
      }
      cl = List.of();
    }
    if (te != null) {
      if (!cl.isEmpty()) {
        throw new ProtocolException(400, "both Transfer-Encoding and Content-Length");
      }
      String codings = String.join(",", te).replace(" ", "").replace("\t", "");
      if (!codings.equalsIgnoreCase("chunked")) {
        // chunked must be last (§6.3 item 4: otherwise 400); other codings are not implemented.
        boolean chunkedLast = codings.toLowerCase().endsWith("chunked");
        throw new ProtocolException(chunkedLast ? 501 : 400, "unsupported transfer coding");
      }
      return RequestHead.CHUNKED;
    }
    long length = 0;
    String seen = null;
    for (String v : cl) {
      for (String part : v.split(",", -1)) {
        String p = part.strip();
        if (seen != null && !seen.equals(p)) {
          throw new ProtocolException(400, "conflicting Content-Length");
        }
        seen = p;
      }
    }
    if (seen != null) {
      if (seen.isEmpty() || seen.length() > 18 || !seen.chars().allMatch(Character::isDigit)) {
        throw new ProtocolException(400, "bad Content-Length");
      }
      length = Long.parseLong(seen);
      if (length > limits.maxBodyBytes()) {
        throw new ProtocolException(413, "body larger than " + limits.maxBodyBytes());
      }
    }
    return length;
  }

  /** tchar (RFC 9110 §5.6.2) by character; a table because every field name goes through it. */
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !TCHAR[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
