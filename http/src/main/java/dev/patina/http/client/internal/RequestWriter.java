package dev.patina.http.client.internal;

import dev.patina.http.Body;
import dev.patina.http.Headers;
import dev.patina.http.client.ClientRequest;
import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.internal.h1.ChunkedOutput;
import dev.patina.http.internal.h1.HeadParser;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Writes a request in HTTP/1.1 framing (RFC 9112 §3, §6): the client owns the framing fields. */
public final class RequestWriter {
  private static final Set<String> OWNED =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  private RequestWriter() {}

  /** Checks what would otherwise go on the wire broken; done before a connection is taken. */
  public static void validate(ClientRequest r) throws HttpClientException {
    if (!HeadParser.isToken(r.method())) {
      throw new HttpClientException(Kind.INVALID_REQUEST, "bad method: " + r.method());
    }
    for (Headers.Field f : r.headers().fields()) {
      if (!HeadParser.isToken(f.name())) {
        throw new HttpClientException(Kind.INVALID_REQUEST, "bad header name: " + f.name());
      }
      if (f.value().indexOf('\r') >= 0 || f.value().indexOf('\n') >= 0) {
        throw new HttpClientException(Kind.INVALID_REQUEST, "CR or LF in header " + f.name());
      }
    }
  }

  public static void write(ClientRequest r, Origin origin, OutputStream out) throws IOException {
    String target = r.uri().getRawPath();
    if (target == null || target.isEmpty()) {
      target = "/";
    }
    if (r.uri().getRawQuery() != null) {
      target += "?" + r.uri().getRawQuery();
    }
    StringBuilder sb = new StringBuilder(128);
    sb.append(r.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(origin.hostHeader()).append("\r\n");
    for (Headers.Field f : r.headers().fields()) {
      if (!OWNED.contains(f.name().toLowerCase(java.util.Locale.ROOT))) {
        sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
      }
    }
    switch (r.body()) {
      case Body.Fixed f -> {
        // RFC 9110 §8.6: a GET without a body sends no Content-Length; a POST with an empty one
        // does
        if (f.bytes().length > 0 || !(r.method().equals("GET") || r.method().equals("HEAD"))) {
          sb.append("Content-Length: ").append(f.bytes().length).append("\r\n");
        }
      }
      case Body.Streamed s -> sb.append("Transfer-Encoding: chunked\r\n");
      case Body.Upgrade u -> throw new IllegalStateException("refused by ClientRequest");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    switch (r.body()) {
      case Body.Fixed f -> out.write(f.bytes());
      case Body.Streamed s -> {
        ChunkedOutput chunks = new ChunkedOutput(new SocketSide(out));
        try {
          s.writer().writeTo(chunks);
        } catch (SocketSide.Failure f) {
          throw f.socketError(); // the connection failed under the writer
        } catch (IOException e) {
          throw new HttpClientException(
              Kind.INVALID_REQUEST, "the request body's writer failed: " + e.getMessage(), e);
        }
        chunks.finish();
      }
      case Body.Upgrade u -> throw new IllegalStateException("refused by ClientRequest");
    }
    out.flush();
  }

  /**
   * The connection's stream under a streamed body, tagging its failures so that they can be told
   * apart from the body writer's own (a disk read failing is not a broken connection).
   */
  private static final class SocketSide extends FilterOutputStream {
    SocketSide(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw new Failure(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new Failure(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw new Failure(e);
      }
    }

    static final class Failure extends IOException {
      Failure(IOException cause) {
        super(cause);
      }

      IOException socketError() {
        return (IOException) getCause();
      }
    }
  }
}
