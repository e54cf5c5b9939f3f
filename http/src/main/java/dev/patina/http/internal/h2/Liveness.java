package dev.patina.http.internal.h2;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches that the peer of one HTTP/2 connection is alive, on a virtual thread of its own (the
 * reader is blocked in a read and cannot time anything): our SETTINGS must be acknowledged within
 * the SETTINGS timeout (RFC 9113 §6.5.3), and, with keep-alive on, a PING goes out after an
 * interval without any frame from the peer and must be acknowledged within the keep-alive timeout
 * (hyper's {@code http2_keep_alive_interval} / {@code _timeout}). When neither is left to watch the
 * thread ends.
 */
final class Liveness {
  /** What the watch does to the connection. */
  interface Actions {
    /** Queues a PING with {@code opaque}. */
    void ping(long opaque) throws IOException;

    /** Ends the connection with GOAWAY({@code code}). */
    void fail(ErrorCode code, String why);
  }

  private final long settingsTimeoutNanos;
  private final long intervalNanos; // 0: no keep-alive PINGs
  private final long pingTimeoutNanos;
  private final Actions actions;
  private volatile Thread thread;
  private volatile boolean settingsAcked;
  private volatile boolean stopped;
  private volatile long lastRead = System.nanoTime();
  private volatile long pingOpaque;
  private volatile long pingSentAt; // System.nanoTime() of the PING awaiting its ACK
  private volatile boolean pingOutstanding;
  private long pings;
  private long settingsSentAt;

  Liveness(long settingsTimeoutNanos, long intervalNanos, long pingTimeoutNanos, Actions actions) {
    this.settingsTimeoutNanos = settingsTimeoutNanos;
    this.intervalNanos = intervalNanos;
    this.pingTimeoutNanos = pingTimeoutNanos;
    this.actions = actions;
  }

  /** Our SETTINGS are out: the watch begins. */
  void start() {
    settingsSentAt = System.nanoTime();
    lastRead = settingsSentAt;
    thread = Thread.ofVirtual().name("patina-h2-liveness").start(this::run);
  }

  /** From the reader, for every frame: the peer is alive. */
  void frameRead() {
    lastRead = System.nanoTime();
  }

  /** From the reader: the peer acknowledged our SETTINGS. */
  void settingsAcked() {
    settingsAcked = true;
    wake();
  }

  /** From the reader: a PING ACK; true if it answers our keep-alive PING (not a peer's echo). */
  boolean pingAcked(long opaque) {
    if (pingOutstanding && opaque == pingOpaque) {
      pingOutstanding = false;
      wake();
      return true;
    }
    return false;
  }

  /** The connection has ended. */
  void stop() {
    stopped = true;
    wake();
  }

  private void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void run() {
    while (!stopped) {
      long now = System.nanoTime();
      long wait = Long.MAX_VALUE;
      if (!settingsAcked) {
        long left = settingsSentAt + settingsTimeoutNanos - now;
        if (left <= 0) {
          actions.fail(
              ErrorCode.SETTINGS_TIMEOUT,
              "SETTINGS not acknowledged within " + settingsTimeoutNanos / 1_000_000 + " ms");
          return;
        }
        wait = left;
      }
      if (intervalNanos > 0) {
        if (pingOutstanding) {
          long left = pingSentAt + pingTimeoutNanos - now;
          if (left <= 0) {
            actions.fail(
                ErrorCode.NO_ERROR,
                "keep-alive PING not acknowledged within " + pingTimeoutNanos / 1_000_000 + " ms");
            return;
          }
          wait = Math.min(wait, left);
        } else {
          long left = lastRead + intervalNanos - now;
          if (left <= 0) {
            // outstanding before it is sent: its ACK may come back before ping() returns
            pingOpaque = 0x7061_7469_6e61_0000L + ++pings; // "patina" and a count
            pingSentAt = now;
            pingOutstanding = true;
            try {
              actions.ping(pingOpaque);
            } catch (IOException e) {
              return; // the connection is closing
            }
            continue;
          }
          wait = Math.min(wait, left);
        }
      } else if (settingsAcked) {
        return; // nothing left to watch
      }
      LockSupport.parkNanos(wait);
    }
  }
}
