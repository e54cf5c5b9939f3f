package dev.patina.http.internal.h2;

import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of a connection. Frames are queued in the order they are produced (so header
 * blocks leave in HPACK order and no frame is split by another) and one writer thread sends them,
 * many per system call. Nobody else touches the socket: the reader never blocks on a peer that does
 * not read, it only queues acknowledgements.
 *
 * <p>Handlers sending DATA wait here for two things: flow-control window (connection and stream),
 * and room in the queue ({@link #SEND_BUFFER}, as hyper's per-connection send buffer). That wait is
 * the backpressure that makes a handler writing a large body block until the peer reads.
 */
final class Outbound {
  static final long MAX_WINDOW = Integer.MAX_VALUE;

  /** Queued DATA beyond which senders wait for the writer. */
  static final int SEND_BUFFER = 256 * 1024;

  /** Queued bytes beyond which the peer is taken as not reading (e.g. a PING flood). */
  static final int MAX_QUEUED = 4 << 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition windowOpened = lock.newCondition(); // window or queue room
  private final Condition work = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final OutputStream socketOut;
  private final Runnable onWriteFailure;
  private final Encoder encoder = new Encoder(4096);
  private long queued;
  private boolean writing; // the writer holds frames taken from the queue
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

  /**
   * @param onWriteFailure called (on the writer thread) when the socket refuses a write
   */
  Outbound(OutputStream socketOut, Runnable onWriteFailure) {
    this.socketOut = socketOut;
    this.onWriteFailure = onWriteFailure;
    Thread.ofVirtual().name("patina-h2-writer").start(this::writeLoop);
  }

  private void writeLoop() {
    List<byte[]> batch = new ArrayList<>();
    try {
      while (true) {
        lock.lock();
        try {
          while (queue.isEmpty() && !closed) {
            work.await();
          }
          if (queue.isEmpty()) {
            return; // closed and nothing left
          }
          while (!queue.isEmpty()) {
            byte[] f = queue.poll();
            queued -= f.length;
            batch.add(f);
          }
          writing = true;
          windowOpened.signalAll(); // room in the queue again
        } finally {
          lock.unlock();
        }
        for (byte[] f : batch) {
          socketOut.write(f);
        }
        socketOut.flush();
        batch.clear();
        lock.lock();
        try {
          writing = false;
          drained.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException | InterruptedException e) {
      lock.lock();
      try {
        closed = true;
        queue.clear();
        writing = false;
        windowOpened.signalAll();
        drained.signalAll();
      } finally {
        lock.unlock();
      }
      onWriteFailure.run();
    }
  }

  /** Queues frames; the caller holds the lock. */
  private void enqueue(byte[] frames) throws IOException {
    if (closed) {
      throw new IOException("connection closed");
    }
    if (queued + frames.length > MAX_QUEUED) {
      throw new IOException("peer does not read: " + queued + " bytes queued");
    }
    queue.add(frames);
    queued += frames.length;
    work.signal();
  }

  void control(Control c) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(32);
    c.write(new FrameWriter(b));
    lock.lock();
    try {
      enqueue(b.toByteArray());
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
      // encoded under the lock and queued at once: blocks must reach the peer in encoding order
      ByteArrayOutputStream b = new ByteArrayOutputStream(128);
      new FrameWriter(b).headers(s.id, encoder.encode(fields), endStream, maxFrame);
      enqueue(b.toByteArray());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a whole fixed response (HEADERS, and the body as one DATA frame) if that needs no wait:
   * the body fits both windows and one frame, and the queue has room. Otherwise queues nothing and
   * returns false. The HTTP/2 reader answers non-blocking routes with it, and must never wait here:
   * only it can read the WINDOW_UPDATE that would end the wait.
   */
  boolean tryFixed(H2Stream s, List<HeaderField> fields, byte[] body) throws IOException {
    lock.lock();
    try {
      check(s);
      int len = body.length;
      if (len > 0
          && (len > connectionWindow
              || len > s.sendWindow
              || len > maxFrame
              || queued > SEND_BUFFER)) {
        return false;
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream(64 + len);
      FrameWriter w = new FrameWriter(b);
      w.headers(s.id, encoder.encode(fields), len == 0, maxFrame);
      if (len > 0) {
        connectionWindow -= len;
        s.sendWindow -= len;
        w.data(s.id, body, 0, len, true);
      }
      enqueue(b.toByteArray());
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code len} bytes as DATA frames, waiting for window and queue room as needed. */
  void data(H2Stream s, byte[] b, int off, int len, boolean endStream)
      throws IOException, InterruptedException {
    boolean endSent = false;
    while (len > 0) {
      lock.lock();
      try {
        long avail;
        while ((avail = Math.min(Math.min(connectionWindow, s.sendWindow), maxFrame)) <= 0
            || queued > SEND_BUFFER) {
          check(s);
          if (avail <= 0 && peerFinished) {
            throw new IOException("no window, and the peer can send no WINDOW_UPDATE any more");
          }
          windowOpened.await();
        }
        check(s);
        int n = (int) Math.min(avail, len);
        connectionWindow -= n;
        s.sendWindow -= n;
        endSent = endStream && n == len;
        ByteArrayOutputStream f = new ByteArrayOutputStream(9 + n);
        new FrameWriter(f).data(s.id, b, off, n, endSent);
        enqueue(f.toByteArray());
        off += n;
        len -= n;
      } finally {
        lock.unlock();
      }
    }
    if (endStream && !endSent) {
      lock.lock();
      try {
        check(s);
        ByteArrayOutputStream f = new ByteArrayOutputStream(9);
        new FrameWriter(f).data(s.id, b, off, 0, true);
        enqueue(f.toByteArray());
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

  /** Wakes senders waiting on a stream that was reset. */
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

  /** Waits, at most {@code millis}, until everything queued so far is on the wire. */
  void awaitSent(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    lock.lock();
    try {
      while ((!queue.isEmpty() || writing) && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !drained.await(left, TimeUnit.NANOSECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** No more frames: senders fail, the writer ends once the queue is empty. */
  void close() {
    lock.lock();
    try {
      closed = true;
      windowOpened.signalAll();
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
