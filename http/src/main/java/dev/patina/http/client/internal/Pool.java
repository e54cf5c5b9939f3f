package dev.patina.http.client.internal;

import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keep-alive connections per origin. At most {@code maxPerOrigin} connections to an origin exist at
 * once (busy or idle); a caller that finds none free waits up to the connect timeout for one to
 * come back or close. Idle connections are reused newest first and dropped after {@code
 * idleTimeout}.
 */
public final class Pool implements AutoCloseable {
  private final int maxPerOrigin;
  private final long idleNanos;
  private final int connectMillis;
  private final int readMillis;
  private final Connector connector;
  private final Map<Origin, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicLong opened = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param connector opens the connections (TCP, TLS)
   */
  public Pool(
      int maxPerOrigin,
      Duration idleTimeout,
      Duration connectTimeout,
      Duration readTimeout,
      Connector connector) {
    this.connector = connector;
    this.maxPerOrigin = maxPerOrigin;
    this.idleNanos = idleTimeout.toNanos();
    this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.readMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
  }

  /** Connections opened since the start. */
  public long opened() {
    return opened.get();
  }

  /**
   * A fresh idle connection to {@code origin}, else a new one if the origin is under its cap, else
   * waits (up to the connect timeout) for one of the two.
   */
  public ClientConnection acquire(Origin origin) throws IOException, InterruptedException {
    if (closed) {
      throw new HttpClientException(Kind.INVALID_REQUEST, "client is closed");
    }
    Slot slot = slots.computeIfAbsent(origin, o -> new Slot());
    ClientConnection idle = slot.takeOrReserve(maxPerOrigin, idleNanos, connectMillis);
    if (idle != null) {
      return idle;
    }
    try {
      return connect(origin); // the slot reserved a place for it
    } catch (IOException | RuntimeException e) {
      slot.unreserve();
      throw e;
    }
  }

  private ClientConnection connect(Origin origin) throws IOException {
    // ALPN offers only http/1.1: connections from this pool speak nothing else
    Socket socket = connector.open(origin, List.of("http/1.1")).socket();
    opened.incrementAndGet();
    return new ClientConnection(origin, socket, readMillis);
  }

  /**
   * Takes in a connection opened elsewhere (the HTTP/2 pool's, when ALPN chose http/1.1), counted
   * against the origin's cap like one opened here; the caller uses it for one exchange and then
   * releases or discards it as usual.
   */
  public ClientConnection adopt(Origin origin, Socket socket) throws IOException {
    Slot slot = slots.computeIfAbsent(origin, o -> new Slot());
    slot.reserve();
    opened.incrementAndGet();
    try {
      return new ClientConnection(origin, socket, readMillis);
    } catch (IOException | RuntimeException e) {
      slot.unreserve();
      socket.close();
      throw e;
    }
  }

  /** Back to the pool after a complete exchange that left the connection reusable. */
  public void release(ClientConnection c) {
    Slot slot = slots.get(c.origin());
    if (closed || slot == null) {
      discard(c);
      return;
    }
    c.markIdle();
    slot.offer(c);
  }

  /** Closes a connection that cannot be reused and frees its place. */
  public void discard(ClientConnection c) {
    c.close();
    Slot slot = slots.get(c.origin());
    if (slot != null) {
      slot.unreserve();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Slot slot : slots.values()) {
      ClientConnection c;
      while ((c = slot.poll()) != null) {
        discard(c);
      }
    }
  }

  /**
   * One origin's connections: the idle ones, and how many exist in all. A waiter wakes when a
   * connection comes back idle or one is closed (its place is free).
   */
  private static final class Slot {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<ClientConnection> idle = new ArrayDeque<>();
    private int open; // connections that exist or are being opened, busy or idle

    /**
     * A fresh idle connection, or null after reserving a place for a new one. Stale idle ones (past
     * the idle timeout, or closed by the peer) are closed on the way.
     */
    ClientConnection takeOrReserve(int max, long idleNanos, int waitMillis)
        throws HttpClientException, InterruptedException {
      long left = TimeUnit.MILLISECONDS.toNanos(waitMillis);
      lock.lock();
      try {
        while (true) {
          ClientConnection c;
          while ((c = idle.poll()) != null) {
            if (System.nanoTime() - c.idleSince() < idleNanos && !c.looksClosed()) {
              return c;
            }
            c.close();
            open--;
          }
          if (open < max) {
            open++;
            return null;
          }
          if (left <= 0) {
            throw new HttpClientException(
                Kind.TIMEOUT,
                "no connection came free within " + waitMillis + " ms (" + max + " busy)");
          }
          left = changed.awaitNanos(left);
        }
      } finally {
        lock.unlock();
      }
    }

    void offer(ClientConnection c) {
      lock.lock();
      try {
        idle.push(c);
        changed.signal();
      } finally {
        lock.unlock();
      }
    }

    /** Counts a connection opened elsewhere (may pass the cap by the one being adopted). */
    void reserve() {
      lock.lock();
      try {
        open++;
      } finally {
        lock.unlock();
      }
    }

    void unreserve() {
      lock.lock();
      try {
        open--;
        changed.signal();
      } finally {
        lock.unlock();
      }
    }

    ClientConnection poll() {
      lock.lock();
      try {
        return idle.poll();
      } finally {
        lock.unlock();
      }
    }
  }
}
