package dev.patina.http;

import java.io.IOException;
import java.io.InputStream;
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

  /**
   * Not a body but the connection itself: the answer to an HTTP/1.1 {@code Upgrade} request (RFC
   * 9110 §7.8) is {@code 101 Switching Protocols}, after which {@code session} speaks {@code
   * protocol} on the connection until it returns. Made by {@link Response#upgrade}; a server
   * response only.
   */
  record Upgrade(String protocol, Session session) implements Body {
    public Upgrade {
      java.util.Objects.requireNonNull(session, "session");
      if (protocol == null || protocol.isBlank() || protocol.contains(",")) {
        throw new IllegalArgumentException("one protocol to upgrade to, e.g. \"websocket\"");
      }
    }
  }

  /**
   * An upgraded connection: {@code in} gives what the client sends after the upgrade request (bytes
   * that came with it first), {@code out} goes to the client ({@code flush} to send, {@code close}
   * to end the sending side). The connection closes when {@code run} returns.
   */
  @FunctionalInterface
  interface Session {
    void run(InputStream in, OutputStream out) throws IOException;
  }

  /** Writes a streamed body; each {@code flush} sends what was written so far as a chunk. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }
}
