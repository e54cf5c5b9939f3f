package dev.patina.http.internal.h1;

import dev.patina.http.Body;
import dev.patina.http.H2Settings;
import dev.patina.http.Handler;
import dev.patina.http.Limits;
import dev.patina.http.Request;
import dev.patina.http.RequestBodyException;
import dev.patina.http.Response;
import dev.patina.http.internal.h2.Frame;
import dev.patina.http.internal.h2.H2Connection;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Serves one connection on its own virtual thread: read a request, run the handler, write the
 * response, repeat while the connection is persistent. Requests are handled one after another, so
 * pipelined responses go out in request order (RFC 9112 §9.3.2) without any bookkeeping.
 *
 * <p>The same connection may turn out to speak HTTP/2: with TLS when ALPN chose {@code h2}, on
 * plaintext when it starts with the HTTP/2 preface (prior knowledge), or after an {@code Upgrade:
 * h2c} request. It then hands over to {@link H2Connection}.
 */
public final class Connection implements Runnable {
  private static final int IDLE = 0;
  private static final int BUSY = 1;
  private static final int CLOSED = 2;

  private final SocketChannel channel;
  private final Handler handler;
  private final Limits limits;
  private final H2Settings h2Settings;
  private final Draining draining;
  private final AtomicInteger state = new AtomicInteger(IDLE);
  private final SSLContext tls; // null for plaintext
  private volatile H2Connection h2; // set once the connection speaks HTTP/2
  // What the I/O loop had done before it handed the connection over (see IoLoop): bytes it read
  // and did not consume, and an answer it computed but could not send from the loop.
  private byte[] handedBytes;
  private int handedLength;
  private RequestHead pendingHead;
  private Response pendingResponse;
  private OutputStream raw; // the connection's buffered output, once run() has made it
  private Socket io; // the connection's socket as run() speaks it (an SSLSocket with TLS)

  /** Asks whether the server is shutting down. */
  @FunctionalInterface
  public interface Draining {
    boolean draining();
  }

  public Connection(
      SocketChannel channel,
      Handler handler,
      Limits limits,
      H2Settings h2Settings,
      Draining draining,
      SSLContext tls) {
    this.channel = channel;
    this.tls = tls;
    this.handler = handler;
    this.limits = limits;
    this.h2Settings = h2Settings;
    this.draining = draining;
  }

  /**
   * Takes over a connection from the I/O loop: {@code bytes[0..length)} were read from it and not
   * consumed; {@code response} (with its request's {@code head}), if not null, is sent first.
   */
  public Connection handedOver(byte[] bytes, int length, RequestHead head, Response response) {
    this.handedBytes = bytes;
    this.handedLength = length;
    this.pendingHead = head;
    this.pendingResponse = response;
    return this;
  }

  /**
   * Closes the connection if it is between requests; a busy one finishes its request first and then
   * closes because the server is draining. Returns whether it closed it.
   */
  public boolean closeIfIdle() {
    H2Connection c = h2;
    if (c != null) {
      return c.drain(); // GOAWAY, then close once the streams in flight are done
    }
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
      Socket socket = channel.socket();
      socket.setTcpNoDelay(true);
      int idle = (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis());
      boolean alpnH2 = false;
      if (tls != null) {
        SSLSocket ssl = handshake(socket, idle);
        alpnH2 = "h2".equals(ssl.getApplicationProtocol());
        socket = ssl;
      }
      // plaintext: untimed reads under the DeadlineWatch (cheaper); TLS keeps SO_TIMEOUT, since
      // an SSLSocket cannot have its input shut down
      in = tls == null ? ConnectionInput.watched(socket, idle) : new ConnectionInput(socket, idle);
      if (handedBytes != null) {
        in.preload(handedBytes, 0, handedLength);
      }
      OutputStream raw = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      this.raw = raw;
      this.io = socket;
      if (pendingResponse != null) {
        ResponseWriter out = new ResponseWriter(raw);
        boolean keep = pendingHead.keepAlive() && !draining.draining();
        if (writeResponse(out, pendingResponse, pendingHead, keep)) {
          while (serveOne(socket, in, raw, out)) {
            // next request
          }
        }
        return;
      }
      if (alpnH2) {
        serveH2(socket, in, raw, false, null, null);
        return;
      }
      if (tls == null && in.consumePrefix(H2Connection.PREFACE)) {
        serveH2(socket, in, raw, true, null, null); // prior knowledge (RFC 9113 §3.3)
        return;
      }
      ResponseWriter out = new ResponseWriter(raw);
      while (serveOne(socket, in, raw, out)) {
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

  /** TLS over the accepted socket, offering h2 before http/1.1 by ALPN (RFC 7301). */
  private SSLSocket handshake(Socket socket, int idle) throws IOException {
    SSLSocket ssl =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(socket, new ByteArrayInputStream(new byte[0]), true);
    SSLParameters p = ssl.getSSLParameters();
    p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    ssl.setSSLParameters(p);
    ssl.setSoTimeout(idle);
    ssl.startHandshake();
    return ssl;
  }

  private void serveH2(
      Socket socket,
      ConnectionInput in,
      OutputStream raw,
      boolean prefaceRead,
      Request upgraded,
      List<Frame.Setting> settings) {
    H2Connection c = new H2Connection(socket, in.rest(), raw, handler, limits, h2Settings);
    h2 = c;
    if (draining.draining()) {
      c.drain();
    }
    c.serve(prefaceRead, upgraded, settings);
  }

  /** RFC 7540 §3.2: {@code Upgrade: h2c} with one {@code HTTP2-Settings}, both in Connection. */
  private boolean asksForH2c(RequestHead head) {
    return tls == null
        && !head.http10()
        && head.connectionHas(RequestHead.CONNECTION_UPGRADE)
        && head.connectionHas(RequestHead.CONNECTION_HTTP2_SETTINGS)
        && head.headers().hasToken("upgrade", "h2c")
        && head.headers().all("http2-settings").size() == 1;
  }

  /** Serves one request; false when the connection must close. */
  private boolean serveOne(Socket socket, ConnectionInput in, OutputStream raw, ResponseWriter out)
      throws IOException {
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
      try {
        try {
          in.startDeadline(limits.headerTimeout().toNanos());
          head = HeadParser.parse(in, limits);
          in.clearDeadline();
        } catch (SocketTimeoutException e) {
          throw new ProtocolException(408, "request head not complete in time");
        }
      } catch (ProtocolException e) {
        out.write(errorResponse(e.status(), e.getMessage()), false, false, false);
        return false;
      }
      BodyStream body;
      String expect = head.expect();
      if (expect == null) {
        body = new BodyStream(in, head, limits, null);
      } else if (expect.equalsIgnoreCase("100-continue")) {
        // RFC 9110 §10.1.1: the 100 goes out when the handler first reads the body (hyper polls
        // the same way), so a handler that answers without reading spares the client the upload;
        // HTTP/1.0 has no 100
        body = new BodyStream(in, head, limits, head.http10() ? null : out::writeContinue);
      } else {
        out.write(errorResponse(417, "unsupported expectation"), false, false, false);
        return false;
      }
      if (asksForH2c(head)) {
        return upgradeToH2c(socket, in, raw, out, head, body);
      }
      Request request =
          new Request(head.method(), head.target(), head.version(), head.headers(), body);
      return respond(request, head, body, in, out);
    } finally {
      state.compareAndSet(BUSY, IDLE);
    }
  }

  /**
   * RFC 7540 §3.2: the request is answered on stream 1 after the switch, so its body is read whole
   * first. Undecodable settings: the upgrade is ignored and HTTP/1.1 answers.
   */
  private boolean upgradeToH2c(
      Socket socket,
      ConnectionInput in,
      OutputStream raw,
      ResponseWriter out,
      RequestHead head,
      BodyStream body)
      throws IOException {
    List<Frame.Setting> settings =
        H2Connection.upgradeSettings(head.headers().get("http2-settings"));
    if (settings == null) {
      Request request =
          new Request(head.method(), head.target(), head.version(), head.headers(), body);
      return respond(request, head, body, in, out);
    }
    byte[] whole;
    try {
      whole = body.readAllBytes();
    } catch (RequestBodyException e) {
      out.write(errorResponse(e.status(), e.getMessage()), false, false, false);
      lingeringClose(in);
      return false;
    }
    out.writeSwitchingToH2c();
    serveH2(
        socket,
        in,
        raw,
        false,
        new Request(head.method(), head.target(), head.version(), head.headers(), whole),
        settings);
    return false;
  }

  /**
   * Runs the handler and writes its response, then finishes the request body so the next request
   * can be read: what the handler left unread is skipped up to {@link Limits#bodySkipBudget()},
   * else the connection closes (as hyper does). False when the connection must close.
   */
  private boolean respond(
      Request request, RequestHead head, BodyStream body, ConnectionInput in, ResponseWriter out)
      throws IOException {
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
      response =
          body.failure() instanceof RequestBodyException b
              ? errorResponse(b.status(), b.getMessage()) // the body was refused, not a bug
              : INTERNAL_ERROR;
    }
    IOException failure = body.failure();
    if (failure != null && !(failure instanceof RequestBodyException)) {
      return false; // the client went away or timed out mid-body: nobody to answer
    }
    // a refused body cannot be skipped reliably, nor one the client was never asked to send
    boolean bodyUsable = failure == null && (body.done() || body.continueSent());
    if (response.body() instanceof Body.Upgrade u && asksFor(head, u.protocol())) {
      return switchProtocols(u, response.headers(), head, body, in, out);
    }
    boolean keep = head.keepAlive() && !draining.draining() && bodyUsable;
    boolean kept = writeResponse(out, response, head, keep);
    if (kept && body.skipRest(limits.bodySkipBudget())) {
      return true;
    }
    if (!body.done()) {
      lingeringClose(in); // unread input: FIN first so the client reads the response, not a reset
    }
    return false;
  }

  /** RFC 9110 §7.8: an HTTP/1.1 request with {@code Connection: upgrade} naming the protocol. */
  private static boolean asksFor(RequestHead head, String protocol) {
    return !head.http10()
        && head.connectionHas(RequestHead.CONNECTION_UPGRADE)
        && head.headers().hasToken("upgrade", protocol.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Reads what is left of the request's body (the RFC requires it before switching), sends 101 and
   * runs the session on the connection, which closes when the session returns.
   */
  private boolean switchProtocols(
      Body.Upgrade u,
      dev.patina.http.Headers fields,
      RequestHead head,
      BodyStream body,
      ConnectionInput in,
      ResponseWriter out)
      throws IOException {
    if (!body.done() && !body.skipRest(limits.bodySkipBudget())) {
      out.write(
          errorResponse(413, "request body too long to switch protocols"), false, false, false);
      lingeringClose(in);
      return false;
    }
    try {
      out.writeSwitching(u.protocol(), fields);
    } catch (IllegalArgumentException e) {
      writeResponse(out, INTERNAL_ERROR, head, false); // a field unfit for the wire
      return false;
    }
    OutputStream raw = this.raw;
    OutputStream toClient =
        new FilterOutputStream(raw) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            raw.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            raw.flush();
            io.shutdownOutput(); // the session is done sending; it may still read
          }
        };
    try {
      u.session().run(in.rest(), toClient);
      raw.flush();
    } catch (IOException | RuntimeException e) {
      // the session ended by failing (or the client went away): the connection ends either way
    }
    return false;
  }

  /**
   * Writes a handler's response; one with a field that cannot go on the wire becomes a 500 (no byte
   * of it has been sent then). Returns whether the connection stays open.
   */
  static boolean writeResponse(
      ResponseWriter out, Response response, RequestHead head, boolean keep) throws IOException {
    boolean isHead = head.method().equals("HEAD");
    try {
      return out.write(response, isHead, head.http10(), keep);
    } catch (IllegalArgumentException e) {
      return out.write(INTERNAL_ERROR, isHead, head.http10(), keep);
    }
  }

  static final Response INTERNAL_ERROR =
      Response.text(500, "text/plain", "internal server error\n");

  private static Response errorResponse(int status, String message) {
    return Response.text(status, "text/plain", message + "\n");
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
