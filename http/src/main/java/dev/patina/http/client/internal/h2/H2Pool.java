package dev.patina.http.client.internal.h2;

import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.client.internal.Connector;
import dev.patina.http.client.internal.Origin;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * HTTP/2 connections per origin, each carrying many requests at once. A request takes a stream on
 * the first connection with room under the server's MAX_CONCURRENT_STREAMS; when all are full a new
 * connection is opened (up to {@code maxPerOrigin}), else the request waits up to the connect
 * timeout. One connection is opened at a time per origin, so a burst of first requests shares it
 * instead of opening one each (as hyper-util's pool does for HTTP/2). Over TLS, ALPN decides: if
 * the server chooses http/1.1 the socket is handed back for an HTTP/1.1 exchange and the origin is
 * remembered as HTTP/1.1 only.
 */
public final class H2Pool implements AutoCloseable {
  private final Connector connector;
  private final int maxPerOrigin;
  private final long idleNanos;
  private final int connectMillis;
  private final int readMillis;
  private final int maxHeadBytes;
  private final Map<Origin, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicLong opened = new AtomicLong();
  private volatile boolean closed;

  public H2Pool(
      Connector connector,
      int maxPerOrigin,
      Duration idleTimeout,
      Duration connectTimeout,
      Duration readTimeout,
      int maxHeadBytes) {
    this.connector = connector;
    this.maxPerOrigin = maxPerOrigin;
    this.idleNanos = idleTimeout.toNanos();
    this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.readMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
    this.maxHeadBytes = maxHeadBytes;
  }

  /** What {@link #acquire} found. */
  public sealed interface Lease {
    /** A connection with one stream reserved for the caller. */
    record Stream(H2ClientConnection connection) implements Lease {}

    /**
     * The origin speaks HTTP/1.1 (ALPN chose it): {@code socket} is the connection just opened, to
     * be used for HTTP/1.1, or null when the origin was known to be HTTP/1.1 already.
     */
    record Http1(Socket socket) implements Lease {}
  }

  /** HTTP/2 connections opened since the start. */
  public long opened() {
    return opened.get();
  }

  /**
   * A stream on a connection to {@code origin}, opening one if needed.
   *
   * @param alpn the protocols to offer over TLS: {@code [h2]} (HTTP/2 or fail) or {@code [h2,
   *     http/1.1]} (either)
   */
  public Lease acquire(Origin origin, List<String> alpn)
      throws HttpClientException, InterruptedException {
    if (closed) {
      throw new HttpClientException(Kind.INVALID_REQUEST, "client is closed");
    }
    Slot slot = slots.computeIfAbsent(origin, o -> new Slot());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectMillis);
    slot.lock.lock();
    try {
      while (true) {
        if (slot.http1) {
          return new Lease.Http1(null);
        }
        for (Iterator<H2ClientConnection> it = slot.conns.iterator(); it.hasNext(); ) {
          H2ClientConnection c = it.next();
          if (c.retired()) {
            it.remove(); // it finishes its streams and closes by itself
          } else if (c.idleNanos() > idleNanos) {
            it.remove();
            c.close();
          } else if (c.tryReserve()) {
            return new Lease.Stream(c);
          }
        }
        if (!slot.connecting && slot.conns.size() < maxPerOrigin) {
          slot.connecting = true;
          slot.lock.unlock();
          Lease lease;
          try {
            lease = connect(origin, alpn, slot);
          } finally {
            slot.lock.lock();
            slot.connecting = false;
            slot.changed.signalAll();
          }
          if (lease != null) {
            return lease;
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new HttpClientException(
              Kind.TIMEOUT,
              "no HTTP/2 stream to "
                  + origin.hostHeader()
                  + " came free within "
                  + connectMillis
                  + " ms ("
                  + slot.conns.size()
                  + " connections at the server's stream limit)");
        }
        slot.changed.awaitNanos(left);
      }
    } finally {
      slot.lock.unlock();
    }
  }

  /** Opens a connection (slot lock not held); null once it is added to the slot. */
  private Lease connect(Origin origin, List<String> alpn, Slot slot) throws HttpClientException {
    Connector.Opened o = connector.open(origin, alpn);
    if (origin.secure() && !o.protocol().equals("h2")) {
      if (alpn.contains("http/1.1")) {
        slot.lock.lock();
        try {
          slot.http1 = true;
        } finally {
          slot.lock.unlock();
        }
        return new Lease.Http1(o.socket());
      }
      try {
        o.socket().close();
      } catch (java.io.IOException ignored) {
        // refused anyway
      }
      throw new HttpClientException(
          Kind.CONNECT,
          origin.hostHeader()
              + " did not choose h2 in TLS ALPN"
              + (o.protocol().isEmpty() ? "" : " (it chose " + o.protocol() + ")"));
    }
    H2ClientConnection c =
        H2ClientConnection.start(
            origin, o.socket(), connectMillis, readMillis, maxHeadBytes, slot::signal);
    opened.incrementAndGet();
    slot.lock.lock();
    try {
      if (closed) {
        c.close();
        throw new HttpClientException(Kind.INVALID_REQUEST, "client is closed");
      }
      slot.conns.add(c);
    } finally {
      slot.lock.unlock();
    }
    return null;
  }

  /** Closes every connection; requests in flight on them fail. */
  @Override
  public void close() {
    closed = true;
    for (Slot slot : slots.values()) {
      List<H2ClientConnection> all;
      slot.lock.lock();
      try {
        all = new ArrayList<>(slot.conns);
        slot.conns.clear();
        slot.changed.signalAll();
      } finally {
        slot.lock.unlock();
      }
      all.forEach(H2ClientConnection::close);
    }
  }

  /** One origin's connections; waiters wake when a stream ends or a connection changes. */
  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final List<H2ClientConnection> conns = new ArrayList<>();
    boolean connecting;
    boolean http1; // ALPN chose http/1.1: the origin is served by the HTTP/1.1 pool

    void signal() {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
