package dev.patina.http.client;

import dev.patina.http.Headers;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response whose head has arrived; the body is a stream read from the connection on demand, so a
 * caller that stops reading stops the server (TCP flow control, or HTTP/2's stream window, is the
 * backpressure). Close it: over HTTP/1.1 a body read to its end returns the connection to the pool,
 * one closed early closes the connection; over HTTP/2 closing early resets only its stream. {@code
 * version} is {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}; HTTP/2 has no reason phrase
 * ({@code reason} is empty).
 */
public record ClientResponse(
    String version, int status, String reason, Headers headers, InputStream body)
    implements AutoCloseable {

  /** The whole body, for small responses; fails past {@code maxBytes}. */
  public byte[] bytes(int maxBytes) throws IOException {
    try (body) {
      byte[] b = body.readNBytes(maxBytes + 1);
      if (b.length > maxBytes) {
        throw new IOException("response body larger than " + maxBytes + " bytes");
      }
      return b;
    }
  }

  /** The body as UTF-8 text, up to 8 MiB. */
  public String text() throws IOException {
    return new String(bytes(8 << 20), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
