package dev.patina.http.client;

import dev.patina.http.Body;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.client.internal.BodyStream;
import dev.patina.http.client.internal.ClientConnection;
import dev.patina.http.client.internal.Connector;
import dev.patina.http.client.internal.Origin;
import dev.patina.http.client.internal.Pool;
import dev.patina.http.client.internal.RequestWriter;
import dev.patina.http.client.internal.ResponseHead;
import dev.patina.http.client.internal.ResponseReader;
import dev.patina.http.client.internal.h2.H2Exchange;
import dev.patina.http.client.internal.h2.H2Pool;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 and HTTP/2 client (plain or over TLS) with connection pools per origin (hyper's
 * {@code client::conn} plus hyper-util's pooling {@code Client}). Blocking calls, meant for virtual
 * threads; safe to share between threads. Over TLS, ALPN offers h2 and http/1.1 and the server
 * chooses; plaintext is HTTP/1.1 unless {@link Version#HTTP_2} asks for HTTP/2 by prior knowledge
 * (see {@link Builder#version}). An HTTP/2 connection carries many requests at once.
 *
 * <pre>{@code
 * try (HttpClient client = HttpClient.builder().build();
 *     ClientResponse res = client.send(ClientRequest.get("http://127.0.0.1:8080/hello"))) {
 *   String text = res.text();
 * }
 * }</pre>
 *
 * The response's body is read from the socket as the caller reads it; close every response (a fully
 * read body returns its connection to the pool). Redirects are not followed unless asked.
 */
public final class HttpClient implements AutoCloseable {
  /** Which HTTP version the client speaks. */
  public enum Version {
    /** HTTP/1.1 only (ALPN offers only http/1.1 over TLS). */
    HTTP_1_1,
    /**
     * HTTP/2 only: over TLS ALPN offers only h2 (a server that does not choose it is a {@link
     * HttpClientException.Kind#CONNECT} error); plaintext uses prior knowledge (RFC 9113 §3.3): the
     * connection starts with the HTTP/2 preface.
     */
    HTTP_2,
    /**
     * The default: over TLS ALPN offers h2 and http/1.1 and the server chooses (an origin that
     * chose http/1.1 once is then spoken to in HTTP/1.1 only); plaintext is HTTP/1.1.
     */
    PREFER_HTTP_2
  }

  /** Requests refused unprocessed (GOAWAY, REFUSED_STREAM) are sent again this often. */
  private static final int H2_RETRIES = 3;

  private final Pool pool;
  private final H2Pool h2pool;
  private final Version version;
  private final int maxRedirects;
  private final int maxHeadBytes;

  private HttpClient(Builder b) {
    Connector connector =
        new Connector((int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()), b.tls);
    this.pool = new Pool(b.maxPerOrigin, b.idleTimeout, b.connectTimeout, b.readTimeout, connector);
    this.h2pool =
        new H2Pool(
            connector,
            b.maxPerOrigin,
            b.idleTimeout,
            b.connectTimeout,
            b.readTimeout,
            b.maxHeadBytes);
    this.version = b.version;
    this.maxRedirects = b.maxRedirects;
    this.maxHeadBytes = b.maxHeadBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connections opened since the client was built, HTTP/1.1 and HTTP/2 (a reused one counts once).
   */
  public long openedConnections() {
    return pool.opened() + h2pool.opened();
  }

  public ClientResponse get(String uri) throws IOException, InterruptedException {
    return send(ClientRequest.get(uri));
  }

  /**
   * Sends {@code request} and returns once the response head has arrived.
   *
   * @throws HttpClientException with the kind and a precise message when the exchange fails
   */
  public ClientResponse send(ClientRequest request) throws IOException, InterruptedException {
    ClientRequest current = request;
    for (int hops = 0; ; hops++) {
      ClientResponse res = exchange(current);
      String location = res.headers().get("location");
      if (hops >= maxRedirects || location == null || !isRedirect(res.status())) {
        return res;
      }
      res.close();
      URI next = current.uri().resolve(location);
      current = redirected(current, res.status(), next);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** RFC 9110 §15.4: 303 (and, as browsers do, 301/302 after POST) become a GET without a body. */
  private static ClientRequest redirected(ClientRequest r, int status, URI next)
      throws HttpClientException {
    boolean toGet =
        status == 303 || ((status == 301 || status == 302) && r.method().equals("POST"));
    if (toGet) {
      return r.withMethod(r.method().equals("HEAD") ? "HEAD" : "GET", Body.EMPTY).withUri(next);
    }
    if (r.body() instanceof Body.Streamed) {
      throw new HttpClientException(
          Kind.INVALID_REQUEST, "cannot repeat a streamed body for a " + status + " redirect");
    }
    return r.withUri(next);
  }

  private ClientResponse exchange(ClientRequest request) throws IOException, InterruptedException {
    RequestWriter.validate(request);
    Origin origin = Origin.of(request.uri());
    if (version == Version.HTTP_2 || (version == Version.PREFER_HTTP_2 && origin.secure())) {
      return exchangeH2(request, origin);
    }
    return exchangeH1(request, origin, null);
  }

  /**
   * An exchange on an HTTP/2 stream, or on HTTP/1.1 if ALPN chose it. A request the server did not
   * process (GOAWAY below its stream, REFUSED_STREAM) is sent again, on a new connection if the old
   * one is going away, when its body can be sent again (a fixed body).
   */
  private ClientResponse exchangeH2(ClientRequest request, Origin origin)
      throws IOException, InterruptedException {
    List<String> alpn = version == Version.HTTP_2 ? List.of("h2") : List.of("h2", "http/1.1");
    boolean replayable = request.body() instanceof Body.Fixed;
    for (int attempt = 0; ; attempt++) {
      H2Pool.Lease lease = h2pool.acquire(origin, alpn);
      switch (lease) {
        case H2Pool.Lease.Http1 h1 -> {
          return exchangeH1(request, origin, h1.socket());
        }
        case H2Pool.Lease.Stream st -> {
          try {
            return H2Exchange.send(st.connection(), request, origin);
          } catch (HttpClientException e) {
            if (e.kind() != Kind.REFUSED || !replayable || attempt >= H2_RETRIES) {
              throw e;
            }
          }
        }
      }
    }
  }

  /**
   * An HTTP/1.1 exchange on a pooled connection, or on {@code fresh}, a socket the HTTP/2 pool
   * opened when ALPN chose http/1.1.
   */
  private ClientResponse exchangeH1(ClientRequest request, Origin origin, Socket fresh)
      throws IOException, InterruptedException {
    // A pooled connection may have been closed by the server while idle; the first attempt on a
    // reused connection that fails before any response byte is repeated once on a new connection
    // when the request can be sent again (a fixed body).
    boolean replayable = request.body() instanceof Body.Fixed;
    while (true) {
      ClientConnection conn = fresh != null ? pool.adopt(origin, fresh) : pool.acquire(origin);
      fresh = null;
      boolean reused = conn.exchanges() > 0;
      conn.startExchange();
      try {
        RequestWriter.write(request, origin, conn.out());
        ResponseHead head = ResponseReader.read(conn.in(), request.method(), maxHeadBytes, 100);
        if (head.status() == 101) {
          throw new HttpClientException(Kind.MALFORMED_RESPONSE, "protocol upgrade not supported");
        }
        return new ClientResponse(
            head.version(),
            head.status(),
            head.reason(),
            head.headers(),
            new BodyStream(conn, pool, head));
      } catch (HttpClientException e) {
        pool.discard(conn);
        if (reused && replayable && e.kind() == Kind.CONNECTION_CLOSED) {
          continue;
        }
        throw e;
      } catch (SocketTimeoutException e) {
        pool.discard(conn);
        throw new HttpClientException(Kind.TIMEOUT, "no response head within the read timeout", e);
      } catch (IOException e) {
        pool.discard(conn);
        if (reused && replayable) {
          continue; // e.g. a reset on writing to a connection the server had closed
        }
        throw new HttpClientException(
            Kind.CONNECTION_CLOSED, "exchange failed: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        pool.discard(conn);
        throw e;
      }
    }
  }

  /**
   * Closes idle HTTP/1.1 connections (responses still being read keep theirs until closed) and
   * every HTTP/2 connection (GOAWAY; responses still being read on them fail).
   */
  @Override
  public void close() {
    pool.close();
    h2pool.close();
  }

  /**
   * Defaults: 10 s connect, 30 s read, 60 s idle, 16 connections per origin (HTTP/1.1 and HTTP/2
   * each), no redirects, {@link Version#PREFER_HTTP_2}.
   */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int maxPerOrigin = 16;
    private int maxRedirects = 0;
    private int maxHeadBytes = 64 * 1024;
    private SSLContext tls;
    private Version version = Version.PREFER_HTTP_2;

    private Builder() {}

    /**
     * The HTTP version to speak (default {@link Version#PREFER_HTTP_2}: HTTP/2 where TLS ALPN
     * agrees on it, else HTTP/1.1).
     */
    public Builder version(Version v) {
      version = java.util.Objects.requireNonNull(v, "version");
      return this;
    }

    /**
     * Bound on opening a connection, and on waiting for a free one when an origin is at its max.
     */
    public Builder connectTimeout(Duration d) {
      connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Bound on each read: for the response head, and for each read of the body. */
    public Builder readTimeout(Duration d) {
      readTimeout = positive(d, "readTimeout");
      return this;
    }

    /** A pooled connection idle for longer is closed instead of reused. */
    public Builder idleTimeout(Duration d) {
      idleTimeout = positive(d, "idleTimeout");
      return this;
    }

    public Builder maxConnectionsPerOrigin(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConnectionsPerOrigin must be at least 1: " + n);
      }
      maxPerOrigin = n;
      return this;
    }

    /** Follow up to {@code n} redirects (0, the default, returns 3xx responses as they are). */
    public Builder followRedirects(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("followRedirects must be at least 0: " + n);
      }
      maxRedirects = n;
      return this;
    }

    public Builder maxResponseHeadBytes(int n) {
      if (n < 256) {
        throw new IllegalArgumentException("maxResponseHeadBytes must be at least 256: " + n);
      }
      maxHeadBytes = n;
      return this;
    }

    /**
     * The TLS context for {@code https:} URIs (default: the JDK's default context, which trusts the
     * JDK's CA certificates). Server certificates are always checked against the host name.
     */
    public Builder tls(SSLContext context) {
      tls = java.util.Objects.requireNonNull(context, "context");
      return this;
    }

    public HttpClient build() {
      return new HttpClient(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
