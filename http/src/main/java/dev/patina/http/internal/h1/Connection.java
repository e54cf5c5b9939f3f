package dev.patina.http.internal.h1;

import dev.patina.http.Handler;
import dev.patina.http.Limits;
import dev.patina.http.Request;
import dev.patina.http.Response;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one connection on its own virtual thread: read a request, run the handler, write the
 * response, repeat while the connection is persistent. Requests are handled one after another, so
 * pipelined responses go out in request order (RFC 9112 §9.3.2) without any bookkeeping.
 */
public final class Connection implements Runnable {
  private static final int IDLE = 0;
  private static final int BUSY = 1;
  private static final int CLOSED = 2;

  private final SocketChannel channel;
  private final Handler handler;
  private final Limits limits;
  private final Draining draining;
  private final AtomicInteger state = new AtomicInteger(IDLE);

  /** Asks whether the server is shutting down. */
  @FunctionalInterface
  public interface Draining {
    boolean draining();
  }

  public Connection(SocketChannel channel, Handler handler, Limits limits, Draining draining) {
    this.channel = channel;
    this.handler = handler;
    this.limits = limits;
    this.draining = draining;
  }

  /**
   * Closes the connection if it is between requests; a busy one finishes its request first and then
   * closes because the server is draining. Returns whether it closed it.
   */
  public boolean closeIfIdle() {
    if (state.compareAndSet(IDLE, CLOSED)) {
      closeQuietly();
      return true;
    }
    return false;
  }

  @Override
  public void run() {
    ConnectionInput in = null;
    try {
      var socket = channel.socket();
      socket.setTcpNoDelay(true);
      in =
          ConnectionInput.watched(
              socket, (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()));
      ResponseWriter out =
          new ResponseWriter(new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
      while (serveOne(in, out)) {
        // next request
      }
    } catch (IOException | RuntimeException e) {
      // peer went away, idle timeout, closed by shutdown, or a streamed body failed midway (the
      // response is already partly sent, so closing is the only honest end)
    } finally {
      if (in != null) {
        in.release();
      }
      state.set(CLOSED);
      closeQuietly();
    }
  }

  /** Serves one request; false when the connection must close. */
  private boolean serveOne(ConnectionInput in, ResponseWriter out) throws IOException {
    if (!in.hasBuffered() && draining.draining()) {
      return false;
    }
    try {
      if (!in.awaitData()) {
        return false; // clean close between requests
      }
    } catch (SocketTimeoutException e) {
      return false; // idle timeout
    }
    if (!state.compareAndSet(IDLE, BUSY)) {
      return false; // shutdown closed us while we waited
    }
    try {
      RequestHead head;
      byte[] body;
      try {
        try {
          in.startDeadline(limits.headerTimeout().toNanos());
          head = HeadParser.parse(in, limits);
          in.clearDeadline();
        } catch (SocketTimeoutException e) {
          throw new ProtocolException(408, "request head not complete in time");
        }
        String expect = head.headers().get("expect");
        if (expect != null) {
          if (!expect.equalsIgnoreCase("100-continue")) {
            throw new ProtocolException(417, "unsupported expectation");
          }
          // RFC 9110 §10.1.1: ask for the body only if it will be read; HTTP/1.0 has no 100.
          if (head.bodyLength() != 0 && !head.http10()) {
            out.writeContinue();
          }
        }
        body = BodyReader.read(in, head, limits);
      } catch (ProtocolException e) {
        out.write(
            Response.text(e.status(), "text/plain", e.getMessage() + "\n"), false, false, false);
        return false;
      }
      Request request =
          new Request(head.method(), head.target(), head.version(), head.headers(), body);
      Response response;
      try {
        response = handler.handle(request);
        if (response == null) {
          throw new IllegalStateException("handler returned null");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        response = Response.text(500, "text/plain", "internal server error\n");
      }
      boolean keep = head.keepAlive() && !draining.draining();
      boolean isHead = head.method().equals("HEAD");
      try {
        return out.write(response, isHead, head.http10(), keep);
      } catch (IllegalArgumentException e) {
        // a header that cannot go on the wire; thrown before any byte of the response is sent
        Response error = Response.text(500, "text/plain", "internal server error\n");
        return out.write(error, isHead, head.http10(), keep);
      }
    } finally {
      state.compareAndSet(BUSY, IDLE);
    }
  }

  /**
   * After an error response the peer may still be sending (a rejected body). Closing a socket with
   * unread input makes TCP send a reset that can destroy the response before the client reads it,
   * so send FIN first and discard a bounded amount of input for a short while (as Apache does).
   */
  private void lingeringClose(ConnectionInput in) {
    try {
      channel.shutdownOutput();
      channel.socket().setSoTimeout(500);
      for (int i = 0; i < 256 * 1024 && in.awaitData(); i++) {
        in.read();
      }
    } catch (IOException ignored) {
      // the peer closed or went quiet: either way we are done
    }
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
