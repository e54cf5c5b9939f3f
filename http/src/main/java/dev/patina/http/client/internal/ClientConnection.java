package dev.patina.http.client.internal;

import dev.patina.http.internal.h1.ConnectionInput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** One TCP connection to an origin with its buffered input and output; not thread-safe. */
public final class ClientConnection {
  private final Origin origin;
  private final Socket socket;
  private final ConnectionInput in;
  private final OutputStream out;
  private long idleSince;
  private int exchanges;

  ClientConnection(Origin origin, Socket socket, int readTimeoutMillis) throws IOException {
    this.origin = origin;
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new ConnectionInput(socket, readTimeoutMillis);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
  }

  public Origin origin() {
    return origin;
  }

  public ConnectionInput in() {
    return in;
  }

  public OutputStream out() {
    return out;
  }

  /** Exchanges started on this connection: more than one means it was reused from the pool. */
  public int exchanges() {
    return exchanges;
  }

  public void startExchange() {
    exchanges++;
  }

  long idleSince() {
    return idleSince;
  }

  void markIdle() {
    idleSince = System.nanoTime();
  }

  /**
   * A pooled connection the server closed while it sat idle shows buffered bytes or EOF; a healthy
   * idle one has nothing to read (an HTTP/1.1 server speaks only when asked).
   */
  boolean looksClosed() {
    try {
      return socket.isClosed() || in.hasBuffered() || socket.getInputStream().available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do about a failed close
    }
  }
}
