package dev.patina.http;

import dev.patina.http.internal.h1.Connection;
import dev.patina.http.internal.h1.IoLoops;
import dev.patina.http.internal.h1.RequestHead;
import dev.patina.http.internal.route.InlineRoutes;
import dev.patina.http.internal.route.Router;
import dev.patina.runtime.TaskGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 and HTTP/2 server (h2c by prior knowledge or Upgrade, h2 over TLS by ALPN): one
 * virtual thread accepts, one virtual thread per connection serves it (tasks of a runtime {@link
 * TaskGroup}). Serving JSON takes one line:
 *
 * <pre>{@code
 * HttpServer server = HttpServer.builder()
 *     .get("/hello", req -> Response.json("{\"hello\":\"world\"}"))
 *     .bind(8080);
 * }</pre>
 *
 * {@link #close()} shuts down gracefully: no new connections, idle ones closed, requests in flight
 * finished (their connections then close), stragglers aborted after the grace period.
 */
public final class HttpServer implements AutoCloseable {
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final ServerSocketChannel listener;
  private final Handler handler;
  private final Limits limits;
  private final H2Settings h2;
  private final SSLContext tls; // null: plaintext (HTTP/1.1, h2c by upgrade or prior knowledge)
  private final TaskGroup<Void> connections = new TaskGroup<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread acceptor;
  private final IoLoops loops; // null: every connection on a virtual thread from the start
  private final int port;
  private volatile boolean draining;

  private HttpServer(
      ServerSocketChannel listener, Handler handler, Limits limits, H2Settings h2, SSLContext tls)
      throws IOException {
    this.listener = listener;
    this.tls = tls;
    this.handler = handler;
    this.limits = limits;
    this.h2 = h2;
    this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    // plaintext only: TLS connections read through an SSLSocket on their virtual thread
    InlineRoutes inline = tls == null ? InlineRoutes.of(handler) : null;
    this.loops =
        inline == null
            ? null
            : new IoLoops(
                Runtime.getRuntime().availableProcessors(),
                handler,
                inline,
                limits,
                this::handedOver,
                () -> draining);
    this.acceptor = Thread.ofVirtual().name("patina-http-accept").start(this::acceptLoop);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server for one handler that sees every request (no routing). */
  public static HttpServer serve(InetSocketAddress address, Handler handler, Limits limits)
      throws IOException {
    return serve(address, handler, limits, null);
  }

  /**
   * A server for one handler; with {@code tls} non-null every connection is TLS, and ALPN picks
   * HTTP/2 ({@code h2}) or HTTP/1.1.
   */
  public static HttpServer serve(
      InetSocketAddress address, Handler handler, Limits limits, SSLContext tls)
      throws IOException {
    return serve(address, handler, limits, H2Settings.DEFAULT, tls);
  }

  /** As {@link #serve(InetSocketAddress, Handler, Limits, SSLContext)}, with HTTP/2 settings. */
  public static HttpServer serve(
      InetSocketAddress address, Handler handler, Limits limits, H2Settings h2, SSLContext tls)
      throws IOException {
    java.util.Objects.requireNonNull(limits, "limits");
    java.util.Objects.requireNonNull(h2, "h2");
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.bind(address, 1024);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new HttpServer(ch, handler, limits, h2, tls);
  }

  /** The port the server listens on (useful after binding port 0). */
  public int port() {
    return port;
  }

  /** Connections accepted since the start. */
  public long acceptedConnections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (listener.isOpen()) {
      SocketChannel ch;
      try {
        ch = listener.accept();
      } catch (ClosedChannelException e) {
        return; // close() stopped accepting
      } catch (IOException e) {
        // e.g. out of file descriptors: the listener is still good, so back off and go on
        // rather than let the server stop accepting for good
        pause();
        continue;
      }
      accepted.incrementAndGet();
      if (loops != null) {
        loops.add(ch);
      } else {
        spawn(new Connection(ch, handler, limits, h2, () -> draining, tls));
      }
      while (connections.tryJoinNext() != null) {
        // outcomes of finished connections are not needed; drop them so they do not pile up
      }
    }
  }

  /** A connection an I/O loop gives up continues on a virtual thread of its own. */
  private void handedOver(
      SocketChannel ch, byte[] bytes, int length, RequestHead head, Response response) {
    spawn(
        new Connection(ch, handler, limits, h2, () -> draining, tls)
            .handedOver(bytes, length, head, response));
  }

  private void spawn(Connection c) {
    open.add(c);
    connections.spawn(
        () -> {
          try {
            c.run();
          } finally {
            open.remove(c);
          }
        });
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Graceful shutdown with a 10 s grace period. */
  @Override
  public void close() {
    shutdown(DEFAULT_GRACE);
  }

  /**
   * Stops accepting, closes idle connections, lets requests in flight finish for up to {@code
   * grace}, then aborts what is left. Returns how many connections had to be aborted.
   */
  public int shutdown(Duration grace) {
    draining = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
    boolean interrupted = false;
    try {
      acceptor.join();
      if (loops != null) {
        loops.drain();
      }
      for (Connection c : open) {
        c.closeIfIdle();
      }
      return awaitConnections(grace);
    } catch (InterruptedException e) {
      interrupted = true;
      int left = open.size() + (loops == null ? 0 : loops.abort());
      connections.close();
      return left;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int awaitConnections(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline) {
      // a connection that was busy when shutdown began closes after its response; re-check
      // the idle ones too, since one may have gone idle just before seeing the flag
      for (Connection c : open) {
        c.closeIfIdle();
      }
      try {
        if (connections.joinNext(Duration.ofMillis(10)) == null) {
          if (loops == null || loops.done()) {
            return 0; // every connection has ended
          }
          Thread.sleep(10); // the loops are still finishing answers
        }
      } catch (TimeoutException e) {
        // none ended in this round: close newly idle ones and wait again
      }
    }
    int left = connections.size() + (loops == null ? 0 : loops.abort());
    connections.close(); // aborts stragglers (interrupting a blocked channel read closes it)
    return left;
  }

  /** Routes by method and exact path; limits, HTTP/2 settings, TLS and the bind address too. */
  public static final class Builder {
    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    private Limits limits = Limits.DEFAULT;
    private H2Settings h2 = H2Settings.DEFAULT;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private SSLContext tls;

    private Builder() {}

    public Builder route(String method, String path, Handler handler) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      Handler old = routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
      if (old != null) {
        throw new IllegalArgumentException("route defined twice: " + method + " " + path);
      }
      return this;
    }

    public Builder get(String path, Handler handler) {
      return route("GET", path, handler);
    }

    public Builder post(String path, Handler handler) {
      return route("POST", path, handler);
    }

    public Builder put(String path, Handler handler) {
      return route("PUT", path, handler);
    }

    public Builder delete(String path, Handler handler) {
      return route("DELETE", path, handler);
    }

    public Builder limits(Limits limits) {
      this.limits = java.util.Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** How HTTP/2 connections run: receive windows, SETTINGS timeout, keep-alive PINGs. */
    public Builder http2(H2Settings settings) {
      this.h2 = java.util.Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Listen on {@code address} instead of the loopback interface. */
    public Builder address(InetAddress address) {
      this.address = address;
      return this;
    }

    /**
     * Serve TLS with this context's key and certificate; ALPN offers {@code h2} then {@code
     * http/1.1}. Without it the server speaks plaintext HTTP/1.1 and h2c.
     */
    public Builder tls(SSLContext context) {
      this.tls = context;
      return this;
    }

    /** Binds {@code port} (0 picks a free one) and starts serving. */
    public HttpServer bind(int port) throws IOException {
      return serve(new InetSocketAddress(address, port), new Router(routes), limits, h2, tls);
    }
  }
}
