package dev.patina.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body: bytes whose length is known (sent with {@code Content-Length}) or a writer that
 * streams (sent chunked to HTTP/1.1 clients, or delimited by closing the connection for HTTP/1.0).
 */
public sealed interface Body {
  Body EMPTY = new Fixed(new byte[0]);

  /** A body held in memory. */
  record Fixed(byte[] bytes) implements Body {}

  /** A body produced while the response is being sent. */
  record Streamed(Writer writer) implements Body {}

  /** Writes a streamed body; each {@code flush} sends what was written so far as a chunk. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }
}
