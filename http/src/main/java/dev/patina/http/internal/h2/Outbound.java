package dev.patina.http.internal.h2;

import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of a connection: one lock serialises frames (a frame is never interleaved with
 * another, header blocks leave in HPACK order) and guards the send windows. A stream with no window
 * left waits on a condition that WINDOW_UPDATE and SETTINGS signal: that is the backpressure that
 * makes a handler writing a large body block until the peer reads.
 */
final class Outbound {
  static final long MAX_WINDOW = Integer.MAX_VALUE;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition windowOpened = lock.newCondition();
  private final FrameWriter w;
  private final Encoder encoder = new Encoder(4096);
  private long connectionWindow = 65_535;
  private long initialWindow = 65_535;
  private int maxFrame = 16_384;
  private boolean closed;
  private boolean peerFinished; // the peer half-closed: windows will not grow any more

  /** Frames written by the reader thread: acknowledgements, resets, window updates, GOAWAY. */
  @FunctionalInterface
  interface Control {
    void write(FrameWriter w) throws IOException;
  }

  Outbound(FrameWriter w) {
    this.w = w;
  }

  void control(Control c) throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IOException("connection closed");
      }
      c.write(w);
      w.flush();
    } finally {
      lock.unlock();
    }
  }

  long initialWindow() {
    lock.lock();
    try {
      return initialWindow;
    } finally {
      lock.unlock();
    }
  }

  void headers(H2Stream s, List<HeaderField> fields, boolean endStream) throws IOException {
    lock.lock();
    try {
      check(s);
      w.headers(s.id, encoder.encode(fields), endStream, maxFrame);
      w.flush();
    } finally {
      lock.unlock();
    }
  }

  /** Sends {@code len} bytes as DATA frames, waiting for window as needed. */
  void data(H2Stream s, byte[] b, int off, int len, boolean endStream)
      throws IOException, InterruptedException {
    boolean endSent = false;
    while (len > 0) {
      lock.lock();
      try {
        long avail;
        while ((avail = Math.min(Math.min(connectionWindow, s.sendWindow), maxFrame)) <= 0) {
          check(s);
          if (peerFinished) {
            throw new IOException("no window, and the peer can send no WINDOW_UPDATE any more");
          }
          w.flush(); // what is buffered must reach the peer, or its window never reopens
          windowOpened.await();
        }
        check(s);
        int n = (int) Math.min(avail, len);
        connectionWindow -= n;
        s.sendWindow -= n;
        endSent = endStream && n == len;
        w.data(s.id, b, off, n, endSent);
        off += n;
        len -= n;
        if (len == 0) {
          w.flush();
        }
      } finally {
        lock.unlock();
      }
    }
    if (endStream && !endSent) {
      lock.lock();
      try {
        check(s);
        w.data(s.id, b, off, 0, true);
        w.flush();
      } finally {
        lock.unlock();
      }
    }
  }

  private void check(H2Stream s) throws IOException {
    if (closed) {
      throw new IOException("connection closed");
    }
    if (s.reset) {
      throw new IOException("stream " + s.id + " reset");
    }
  }

  /** WINDOW_UPDATE on stream 0; false if the window would pass 2^31-1 (§6.9.1). */
  boolean openConnectionWindow(int increment) {
    lock.lock();
    try {
      if (connectionWindow + increment > MAX_WINDOW) {
        return false;
      }
      connectionWindow += increment;
      windowOpened.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** WINDOW_UPDATE on a stream; false on overflow. */
  boolean openStreamWindow(H2Stream s, int increment) {
    lock.lock();
    try {
      if (s.sendWindow + increment > MAX_WINDOW) {
        return false;
      }
      s.sendWindow += increment;
      windowOpened.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The peer's SETTINGS: a new initial window moves every stream's window by the difference
   * (§6.9.2), which may make them negative but not overflow.
   */
  void peerSettings(Long initial, Integer frameSize, Long tableSize, Collection<H2Stream> streams)
      throws ConnectionError {
    lock.lock();
    try {
      if (initial != null) {
        long delta = initial - initialWindow;
        for (H2Stream s : streams) {
          if (s.sendWindow + delta > MAX_WINDOW) {
            throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, "stream window overflow");
          }
        }
        for (H2Stream s : streams) {
          s.sendWindow += delta;
        }
        initialWindow = initial;
      }
      if (frameSize != null) {
        maxFrame = frameSize;
      }
      if (tableSize != null) {
        encoder.setMaxTableSize((int) Math.min(tableSize, 4096));
      }
      windowOpened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes writers waiting on a stream that was reset. */
  void wake() {
    lock.lock();
    try {
      windowOpened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void peerFinished() {
    lock.lock();
    try {
      peerFinished = true;
      windowOpened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      windowOpened.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
