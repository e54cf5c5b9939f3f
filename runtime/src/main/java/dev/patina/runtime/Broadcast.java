package dev.patina.runtime;

import dev.patina.runtime.internal.Blocking;
import dev.patina.runtime.internal.Counters;
import dev.patina.runtime.internal.WaitList;
import java.util.Objects;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every value, as {@code
 * tokio::sync::broadcast}.
 *
 * <p>The channel keeps the last {@code capacity} values in a ring. Senders never wait: a receiver
 * that falls more than {@code capacity} values behind loses the oldest ones and its next receive
 * returns {@link Recv.Lagged} with how many it missed; the receive after that returns the oldest
 * value still kept. A receiver sees only values sent after it subscribed. When every sender has
 * closed, receivers drain what they have not seen and then get {@link Recv.Closed}.
 */
public final class Broadcast {
  private Broadcast() {}

  public record Channel<T>(BroadcastSender<T> tx, BroadcastReceiver<T> rx) {}

  /**
   * @throws IllegalArgumentException if capacity is not positive (Tokio panics on zero)
   */
  public static <T> Channel<T> channel(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("broadcast channel requires capacity > 0");
    }
    State<T> s = new State<>(capacity);
    return new Channel<>(new BroadcastSender<>(s), s.subscribe());
  }

  static final class State<T> {
    final WaitList readable = new WaitList();
    private final Object[] ring;
    private long tail; // sequence number of the next value sent
    private int senders = 1;
    private int receivers;

    State(int capacity) {
      ring = new Object[capacity];
      Counters.OPEN_CHANNELS.increment();
    }

    int capacity() {
      return ring.length;
    }

    /**
     * @return the number of receivers the value reached, or 0 if there were none (not sent)
     */
    int send(T value) {
      Objects.requireNonNull(value, "channel values must not be null");
      int n;
      synchronized (this) {
        n = receivers;
        if (n == 0) {
          return 0;
        }
        ring[(int) (tail % ring.length)] = value;
        tail++;
      }
      readable.wakeAll();
      return n;
    }

    synchronized BroadcastReceiver<T> subscribe() {
      receivers++;
      return new BroadcastReceiver<>(this, tail);
    }

    synchronized void dropReceiver() {
      receivers--;
    }

    synchronized void addSender() {
      senders++;
    }

    void dropSender() {
      boolean last;
      synchronized (this) {
        last = --senders == 0;
      }
      if (last) {
        Counters.OPEN_CHANNELS.decrement();
        readable.wakeAll();
      }
    }

    synchronized int receiverCount() {
      return receivers;
    }

    /** One receive for the receiver whose next sequence number is {@code cursor[0]}. */
    @SuppressWarnings("unchecked")
    synchronized Recv<T> tryRecv(long[] cursor) {
      long oldest = Math.max(0, tail - ring.length);
      if (cursor[0] < oldest) {
        long missed = oldest - cursor[0];
        cursor[0] = oldest;
        return new Recv.Lagged<>(missed);
      }
      if (cursor[0] < tail) {
        T v = (T) ring[(int) (cursor[0] % ring.length)];
        cursor[0]++;
        return Recv.value(v);
      }
      return senders == 0 ? Recv.closed() : Recv.empty();
    }

    Recv<T> recv(long[] cursor) throws InterruptedException {
      return Blocking.until(
          readable,
          () -> {
            Recv<T> r = tryRecv(cursor);
            return r instanceof Recv.Empty<T> ? null : r;
          });
    }

    synchronized long pending(long cursor) {
      return tail - Math.max(cursor, Math.max(0, tail - ring.length));
    }
  }
}
