package dev.patina.http.client.internal;

import dev.patina.http.Headers;
import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.internal.h1.ConnectionInput;
import dev.patina.http.internal.h1.HeadParser;
import dev.patina.http.internal.h1.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a response head (RFC 9112 §4, §5) with the server's strict field rules, skipping interim
 * 1xx responses, and decides how the body is delimited (§6.3). Anything else is a precise
 * MALFORMED_RESPONSE: after a framing error the connection cannot be trusted and is closed.
 */
public final class ResponseReader {
  private static final int MAX_INTERIM = 16;

  private ResponseReader() {}

  public static ResponseHead read(
      ConnectionInput in, String method, int maxHeadBytes, int maxFields) throws IOException {
    for (int i = 0; i < MAX_INTERIM; i++) {
      ResponseHead head = readOne(in, method, maxHeadBytes, maxFields);
      if (head.status() >= 200 || head.status() == 101) {
        return head;
      }
      // 100 Continue, 103 Early Hints ...: informational, a final response follows (RFC 9110 §15.2)
    }
    throw malformed("more than " + MAX_INTERIM + " interim (1xx) responses");
  }

  private static ResponseHead readOne(
      ConnectionInput in, String method, int maxHeadBytes, int maxFields) throws IOException {
    try {
      int budget = maxHeadBytes;
      String line;
      try {
        line = in.readLine(budget);
      } catch (EOFException e) {
        throw new HttpClientException(
            Kind.CONNECTION_CLOSED, "connection closed before the response");
      }
      budget -= line.length() + 2;
      // status-line = HTTP-version SP status-code SP [ reason-phrase ]
      if (line.length() < 12
          || !line.startsWith("HTTP/1.")
          || (line.charAt(7) != '0' && line.charAt(7) != '1')
          || line.charAt(8) != ' '
          || !isDigit(line.charAt(9))
          || !isDigit(line.charAt(10))
          || !isDigit(line.charAt(11))
          || (line.length() > 12 && line.charAt(12) != ' ')) {
        throw malformed("bad status line: " + printable(line));
      }
      String version = line.substring(0, 8);
      int status = Integer.parseInt(line.substring(9, 12));
      if (status < 100) {
        throw malformed("bad status code " + status);
      }
      String reason = line.length() > 13 ? line.substring(13) : "";
      List<Headers.Field> fields = new ArrayList<>();
      while (true) {
        if (budget <= 0) {
          throw malformed("response head larger than " + maxHeadBytes + " bytes");
        }
        String h = in.readLine(budget);
        budget -= h.length() + 2;
        if (h.isEmpty()) {
          break;
        }
        if (fields.size() >= maxFields) {
          throw malformed("more than " + maxFields + " header fields");
        }
        fields.add(HeadParser.field(h));
      }
      Headers headers = new Headers(fields);
      return new ResponseHead(
          version, status, reason, headers, bodyLength(method, status, headers));
    } catch (ProtocolException e) {
      throw malformed(e.status() == 431 ? "response head too large" : e.getMessage());
    } catch (EOFException e) {
      throw new HttpClientException(
          Kind.CONNECTION_CLOSED, "connection closed inside the response head");
    }
  }

  /** RFC 9112 §6.3, in its order. */
  private static long bodyLength(String method, int status, Headers headers)
      throws HttpClientException {
    if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
      return 0;
    }
    List<String> te = headers.all("transfer-encoding");
    List<String> cl = headers.all("content-length");
    if (!te.isEmpty()) {
      String codings = String.join(",", te).replace(" ", "").replace("\t", "").toLowerCase();
      // chunked last → chunked (a server may not combine it with Content-Length, but if it does,
      // TE wins); any other final coding → the body runs to the close (§6.3 item 4)
      return codings.endsWith("chunked") && !cl.isEmpty()
          ? fail("both Transfer-Encoding and Content-Length")
          : codings.equals("chunked") ? ResponseHead.CHUNKED : ResponseHead.UNTIL_CLOSE;
    }
    String seen = null;
    for (String v : cl) {
      for (String part : v.split(",", -1)) {
        String p = part.strip();
        if (seen != null && !seen.equals(p)) {
          throw malformed("conflicting Content-Length: " + String.join(", ", cl));
        }
        seen = p;
      }
    }
    if (seen == null) {
      return ResponseHead.UNTIL_CLOSE;
    }
    if (seen.isEmpty() || seen.length() > 18 || !seen.chars().allMatch(ResponseReader::isDigit)) {
      throw malformed("bad Content-Length: " + printable(seen));
    }
    return Long.parseLong(seen);
  }

  private static long fail(String message) throws HttpClientException {
    throw malformed(message);
  }

  static HttpClientException malformed(String message) {
    return new HttpClientException(Kind.MALFORMED_RESPONSE, message);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 80); i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return "\"" + sb + (s.length() > 80 ? "...\"" : "\"");
  }
}
