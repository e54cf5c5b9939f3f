package dev.patina.http.internal.h1;

import dev.patina.http.Body;
import dev.patina.http.Headers;
import dev.patina.http.Response;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes responses in HTTP/1.1 framing. The server owns the framing headers (Content-Length,
 * Transfer-Encoding, Connection) as hyper does; a handler's own values for them are dropped.
 */
public final class ResponseWriter {
  private static volatile DateLine date = new DateLine(-1, "", new byte[0]);

  private final OutputStream out;
  private final Head head = new Head();
  private HeaderBlock lastFields; // the last response's fields, encoded

  public ResponseWriter(OutputStream out) {
    this.out = out;
  }

  public void writeContinue() throws IOException {
    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * RFC 9110 §7.8: {@code 101 Switching Protocols} to {@code protocol}, with the handler's own
   * fields (those the server owns dropped, as for any response), flushed.
   */
  public void writeSwitching(String protocol, Headers fields) throws IOException {
    Head h = this.head;
    h.reset();
    h.ascii("HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: ");
    h.latin1(protocol).crlf();
    java.util.List<Headers.Field> own = new java.util.ArrayList<>();
    for (Headers.Field f : fields.fields()) {
      if (!f.name().equalsIgnoreCase("upgrade")) {
        own.add(f); // Upgrade is the server's, as are the framing fields fieldsOf drops
      }
    }
    h.bytes(fieldsOf(new Headers(own)).bytes());
    h.crlf();
    out.write(h.buf, 0, h.n);
    out.flush();
  }

  /** RFC 7540 §3.2: the 101 that switches the connection to HTTP/2 after an h2c upgrade. */
  public void writeSwitchingToH2c() throws IOException {
    out.write(
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Writes {@code response} and flushes.
   *
   * @param head true for a HEAD request: headers as for GET, no body
   * @param http10 the client speaks HTTP/1.0 and cannot take chunked bodies
   * @param keepAlive whether the connection stays open after this response
   * @return whether the connection may stay open (a streamed body to HTTP/1.0 ends by closing)
   */
  public boolean write(Response response, boolean head, boolean http10, boolean keepAlive)
      throws IOException {
    Head h = this.head;
    h.reset();
    h.bytes(statusLine(response.status(), http10));
    HeaderBlock fields = fieldsOf(response.headers());
    h.bytes(fields.bytes);
    if (!fields.hasDate) {
      h.bytes(dateLine());
    }
    boolean bodyless = response.status() == 204 || response.status() == 304;
    boolean chunked = false;
    switch (response.body()) {
      case Body.Upgrade u ->
          // the connection switches protocols only for a request that asked (Connection does it)
          throw new IllegalArgumentException("upgrade answer to a request that did not ask for it");
      case Body.Fixed f -> {
        if (!bodyless) {
          h.ascii("Content-Length: ").number(f.bytes().length).crlf();
        }
      }
      case Body.Streamed s -> {
        if (http10) {
          keepAlive = false; // the end of the body is the end of the connection
        } else if (!bodyless) {
          chunked = true;
          h.ascii("Transfer-Encoding: chunked\r\n");
        }
      }
    }
    if (!keepAlive) {
      h.ascii("Connection: close\r\n");
    } else if (http10) {
      h.ascii("Connection: keep-alive\r\n");
    }
    h.crlf();
    out.write(h.buf, 0, h.n);
    if (!head && !bodyless) {
      switch (response.body()) {
        case Body.Upgrade u -> throw new IllegalStateException("refused above");
        case Body.Fixed f -> out.write(f.bytes());
        case Body.Streamed s -> {
          if (chunked) {
            ChunkedOutput co = new ChunkedOutput(out);
            s.writer().writeTo(co);
            co.finish();
          } else {
            s.writer().writeTo(new FilterOutputStream(out) {});
          }
        }
      }
    }
    out.flush();
    return keepAlive;
  }

  /**
   * The handler's fields as wire bytes. Handlers usually answer with the same {@link Headers} again
   * and again (a constant response, or {@link Response#json}'s shared fields), so the last block is
   * kept per connection and reused when the same instance comes back: checking and encoding every
   * field was a visible part of a small response's cost.
   */
  private HeaderBlock fieldsOf(Headers headers) {
    HeaderBlock last = lastFields;
    if (last != null && last.headers == headers) {
      return last;
    }
    Head h = new Head();
    boolean hasDate = false;
    for (Headers.Field f : headers.fields()) {
      String n = f.name();
      if (n.equalsIgnoreCase("content-length")
          || n.equalsIgnoreCase("transfer-encoding")
          || n.equalsIgnoreCase("connection")) {
        continue;
      }
      if (!HeadParser.isToken(n) || f.value().indexOf('\r') >= 0 || f.value().indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header not fit for the wire: " + n);
      }
      hasDate |= n.equalsIgnoreCase("date");
      h.ascii(n).ascii(": ").latin1(f.value()).crlf();
    }
    HeaderBlock block = new HeaderBlock(headers, Arrays.copyOf(h.buf, h.n), hasDate);
    lastFields = block;
    return block;
  }

  /** Encoded fields of one {@link Headers} instance, compared by identity. */
  private record HeaderBlock(Headers headers, byte[] bytes, boolean hasDate) {}

  /** "HTTP/1.1 200 OK\r\n" and the like, encoded once per status code and version. */
  private static byte[] statusLine(int status, boolean http10) {
    byte[][] lines = http10 ? STATUS_10 : STATUS_11;
    byte[] line = lines[status]; // 200..999, checked by Response
    if (line == null) {
      String text = (http10 ? "HTTP/1.0 " : "HTTP/1.1 ") + status + " " + StatusText.of(status);
      line = (text + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      lines[status] = line; // a benign race: every thread computes the same bytes
    }
    return line;
  }

  private static final byte[][] STATUS_10 = new byte[1000][];
  private static final byte[][] STATUS_11 = new byte[1000][];

  /**
   * "Date: ...\r\n", formatted once per second for the whole server (hyper caches it the same way):
   * formatting a date per response costs more than the rest of a small response's head.
   */
  private static byte[] dateLine() {
    return current().bytes;
  }

  /** The current time as an IMF-fixdate, formatted once per second (HTTP/2 uses it too). */
  public static String httpDate() {
    return current().text;
  }

  private static DateLine current() {
    DateLine d = date;
    long second = System.currentTimeMillis() / 1000;
    if (d.second != second) {
      String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
      d =
          new DateLine(
              second, text, ("Date: " + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      date = d;
    }
    return d;
  }

  private record DateLine(long second, String text, byte[] bytes) {}

  /**
   * A response head encoded straight into bytes, reused for every response of the connection (no
   * StringBuilder, String and byte[] per response). Header values are ISO-8859-1 on the wire, as
   * HTTP's field values are octets; characters above 0xFF become '?', as getBytes would make them.
   */
  private static final class Head {
    byte[] buf = new byte[256];
    int n;

    void reset() {
      n = 0;
    }

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    Head ascii(String s) {
      return latin1(s);
    }

    Head latin1(String s) {
      int len = s.length();
      ensure(len);
      for (int i = 0; i < len; i++) {
        char c = s.charAt(i);
        buf[n++] = (byte) (c <= 0xff ? c : '?');
      }
      return this;
    }

    /** A non-negative decimal number, written digit by digit (no String on the way). */
    Head number(long v) {
      ensure(20);
      int start = n;
      do {
        buf[n++] = (byte) ('0' + v % 10);
        v /= 10;
      } while (v != 0);
      for (int i = start, j = n - 1; i < j; i++, j--) {
        byte t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
      }
      return this;
    }

    Head bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
      return this;
    }

    Head crlf() {
      ensure(2);
      buf[n++] = '\r';
      buf[n++] = '\n';
      return this;
    }
  }
}
