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

/**
 * Writes responses in HTTP/1.1 framing. The server owns the framing headers (Content-Length,
 * Transfer-Encoding, Connection) as hyper does; a handler's own values for them are dropped.
 */
public final class ResponseWriter {
  private static volatile String date = "";
  private static volatile long dateSecond = -1;

  private final OutputStream out;

  public ResponseWriter(OutputStream out) {
    this.out = out;
  }

  public void writeContinue() throws IOException {
    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
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
    StringBuilder sb = new StringBuilder(128);
    sb.append(http10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(StatusText.of(response.status()))
        .append("\r\n");
    for (Headers.Field f : response.headers().fields()) {
      String n = f.name();
      if (n.equalsIgnoreCase("content-length")
          || n.equalsIgnoreCase("transfer-encoding")
          || n.equalsIgnoreCase("connection")) {
        continue;
      }
      if (!HeadParser.isToken(n) || f.value().indexOf('\r') >= 0 || f.value().indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header not fit for the wire: " + n);
      }
      sb.append(n).append(": ").append(f.value()).append("\r\n");
    }
    if (response.headers().get("date") == null) {
      sb.append("Date: ").append(httpDate()).append("\r\n");
    }
    boolean bodyless = response.status() == 204 || response.status() == 304;
    boolean chunked = false;
    switch (response.body()) {
      case Body.Fixed f -> {
        if (!bodyless) {
          sb.append("Content-Length: ").append(f.bytes().length).append("\r\n");
        }
      }
      case Body.Streamed s -> {
        if (http10) {
          keepAlive = false; // the end of the body is the end of the connection
        } else if (!bodyless) {
          chunked = true;
          sb.append("Transfer-Encoding: chunked\r\n");
        }
      }
    }
    if (!keepAlive) {
      sb.append("Connection: close\r\n");
    } else if (http10) {
      sb.append("Connection: keep-alive\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head && !bodyless) {
      switch (response.body()) {
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

  /** The current time as an IMF-fixdate, formatted once per second (HTTP/2 uses it too). */
  public static String httpDate() {
    long second = System.currentTimeMillis() / 1000;
    if (second != dateSecond) {
      date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
      dateSecond = second;
    }
    return date;
  }

  /** Frames what a streamed body writes as chunks: one per flush or full buffer. */
  private static final class ChunkedOutput extends OutputStream {
    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int n;

    ChunkedOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (n == buf.length) {
        flushChunk();
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (n == buf.length) {
          flushChunk();
        }
        int k = Math.min(len, buf.length - n);
        System.arraycopy(b, off, buf, n, k);
        n += k;
        off += k;
        len -= k;
      }
    }

    @Override
    public void flush() throws IOException {
      flushChunk();
      out.flush();
    }

    @Override
    public void close() {
      // the server ends the body; a writer closing its stream must not close the connection
    }

    private void flushChunk() throws IOException {
      if (n > 0) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(buf, 0, n);
        out.write('\r');
        out.write('\n');
        n = 0;
      }
    }

    void finish() throws IOException {
      flushChunk();
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
