package dev.patina.http.client.internal.h2;

import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.client.internal.Origin;
import dev.patina.http.internal.h2.ConnectionError;
import dev.patina.http.internal.h2.ErrorCode;
import dev.patina.http.internal.h2.Frame;
import dev.patina.http.internal.h2.FrameReader;
import dev.patina.http.internal.h2.FrameWriter;
import dev.patina.http.internal.h2.StreamError;
import dev.patina.http.internal.hpack.Decoder;
import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import dev.patina.http.internal.hpack.HpackException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client side of one HTTP/2 connection (RFC 9113): the preface and SETTINGS exchange, then one
 * virtual thread reading frames and many request threads opening streams on it. Concurrency: the
 * state (streams, windows, settings) is guarded by {@code lock}; frames go out under {@code
 * writeLock}, which also orders header blocks for HPACK and stream ids (both must leave in order).
 * {@code writeLock} is never taken while {@code lock} is held, and the reader thread never waits
 * for it (its frames are queued, see {@link #sendControl}).
 */
public final class H2ClientConnection implements AutoCloseable {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Our SETTINGS_INITIAL_WINDOW_SIZE: what one response may have in flight (hyper: 1 MiB). */
  static final int STREAM_WINDOW = 1 << 20;

  /** The connection receive window we open at the start (the RFC's initial one is 64 KiB). */
  static final int CONNECTION_WINDOW = 16 << 20;

  private static final int DEFAULT_WINDOW = 65_535;
  private static final int OUR_MAX_FRAME = 16_384; // the default; we announce no other
  private static final int MAX_CONTINUATIONS = 64;

  private final Origin origin;
  private final Socket socket;
  private final FrameReader reader;
  private final FrameWriter writer;
  private final OutputStream out;
  private final long readTimeoutNanos;
  private final int maxHeadBytes;
  private final Runnable onChange;

  private final ReentrantLock writeLock = new ReentrantLock();
  private final Encoder encoder = new Encoder(4096); // guarded by writeLock
  private final ConcurrentLinkedQueue<Write> control = new ConcurrentLinkedQueue<>();
  private final Decoder decoder; // reader thread only

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition windowOpened = lock.newCondition();
  private final Map<Integer, H2ClientStream> streams = new HashMap<>();
  private long peerMaxConcurrent = Long.MAX_VALUE;
  private long peerInitialWindow = DEFAULT_WINDOW;
  private volatile int peerMaxFrame = 16_384;
  private long sendWindow = DEFAULT_WINDOW;
  private int reserved; // streams promised to callers by tryReserve, not opened yet
  private int nextStreamId = 1;
  private int highestOpened; // the highest stream id we opened
  private boolean goingAway; // GOAWAY received, or we close: no new streams
  private HttpClientException failure; // the connection is dead, and why
  private long idleSince = System.nanoTime();

  // reader thread only
  private long recvConnectionWindow = CONNECTION_WINDOW;
  private int connectionUnacked;
  private int blockStream; // the stream of a header block awaiting CONTINUATION, or 0
  private boolean blockEndStream;
  private int blockFrames;
  private ByteArrayOutputStream block;
  private volatile long lastFrameNanos = System.nanoTime();
  private long pingSentNanos; // a liveness PING not answered yet by any frame (lock), or 0

  private H2ClientConnection(
      Origin origin, Socket socket, int readTimeoutMillis, int maxHeadBytes, Runnable onChange)
      throws IOException {
    this.origin = origin;
    this.socket = socket;
    this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
    this.maxHeadBytes = maxHeadBytes;
    this.onChange = onChange;
    socket.setTcpNoDelay(true);
    InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024 + 9);
    this.reader = new FrameReader(in, OUR_MAX_FRAME);
    this.out = out;
    this.writer = new FrameWriter(out);
    this.decoder = new Decoder(4096, maxHeadBytes);
  }

  /**
   * Speaks HTTP/2 on a connected socket: sends the preface and our SETTINGS, waits up to {@code
   * connectMillis} for the server's SETTINGS (so its MAX_CONCURRENT_STREAMS is known before the
   * first request), then starts the reader thread.
   *
   * @param onChange called (without locks held) when a stream ends or the connection closes, so
   *     that a pool can wake callers waiting for a free stream
   */
  public static H2ClientConnection start(
      Origin origin,
      Socket socket,
      int connectMillis,
      int readTimeoutMillis,
      int maxHeadBytes,
      Runnable onChange)
      throws HttpClientException {
    H2ClientConnection c;
    try {
      c = new H2ClientConnection(origin, socket, readTimeoutMillis, maxHeadBytes, onChange);
      c.handshake(connectMillis);
    } catch (HttpClientException e) {
      closeQuietly(socket);
      throw e;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new HttpClientException(
          Kind.CONNECTION_CLOSED,
          "HTTP/2 handshake with " + origin.hostHeader() + " failed: " + e.getMessage(),
          e);
    }
    Thread.ofVirtual().name("patina-h2-client-" + origin.hostHeader()).start(c::readLoop);
    return c;
  }

  private void handshake(int connectMillis) throws IOException {
    out.write(PREFACE);
    writer.settings(
        List.of(
            new Frame.Setting(Frame.Setting.ENABLE_PUSH, 0),
            new Frame.Setting(Frame.Setting.INITIAL_WINDOW_SIZE, STREAM_WINDOW),
            new Frame.Setting(Frame.Setting.MAX_HEADER_LIST_SIZE, maxHeadBytes)));
    writer.windowUpdate(0, CONNECTION_WINDOW - DEFAULT_WINDOW);
    writer.flush();
    socket.setSoTimeout(connectMillis);
    Frame first;
    try {
      first = reader.read();
    } catch (SocketTimeoutException e) {
      throw new HttpClientException(
          Kind.CONNECT,
          origin.hostHeader() + " sent no HTTP/2 SETTINGS within " + connectMillis + " ms",
          e);
    } catch (ConnectionError | StreamError e) {
      throw notHttp2(e.getMessage());
    } catch (IOException e) {
      throw notHttp2(e.getMessage());
    }
    if (!(first instanceof Frame.Settings s) || s.ack()) {
      throw notHttp2(first == null ? "it closed the connection" : "its first frame was " + first);
    }
    socket.setSoTimeout(0); // the reader waits for frames without limit; callers time out
    try {
      applySettings(s);
    } catch (ConnectionError e) {
      sendGoAway(e.code(), e.getMessage());
      throw new HttpClientException(
          Kind.MALFORMED_RESPONSE,
          "HTTP/2 connection error "
              + e.code()
              + " from "
              + origin.hostHeader()
              + ": "
              + e.getMessage());
    }
  }

  private HttpClientException notHttp2(String why) {
    return new HttpClientException(
        Kind.MALFORMED_RESPONSE,
        origin.hostHeader() + " did not answer the HTTP/2 preface with SETTINGS: " + why);
  }

  // ---- what callers and the pool use -------------------------------------------------------

  /**
   * Promises the caller one stream if the connection takes new ones and the server's
   * MAX_CONCURRENT_STREAMS allows one more; the caller then {@link #open}s it or {@link
   * #unreserve}s.
   */
  public boolean tryReserve() {
    lock.lock();
    try {
      if (failure != null || goingAway || nextStreamId + 2L * reserved > Integer.MAX_VALUE) {
        return false;
      }
      if (streams.size() + reserved >= peerMaxConcurrent) {
        return false;
      }
      reserved++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  public void unreserve() {
    lock.lock();
    try {
      reserved--;
    } finally {
      lock.unlock();
    }
    onChange.run();
  }

  /**
   * Whether the connection is dead or draining (it takes no new streams); one whose liveness PING
   * went unanswered is closed here.
   */
  public boolean retired() {
    if (pingUnanswered()) {
      checkAlive();
      return true;
    }
    lock.lock();
    try {
      return failure != null || goingAway;
    } finally {
      lock.unlock();
    }
  }

  /** Nanoseconds since the last stream ended, or 0 while streams are open or promised. */
  public long idleNanos() {
    lock.lock();
    try {
      return streams.isEmpty() && reserved == 0 ? System.nanoTime() - idleSince : 0;
    } finally {
      lock.unlock();
    }
  }

  public Origin origin() {
    return origin;
  }

  /**
   * Opens a reserved stream: allocates its id and sends the request's header block.
   *
   * @throws HttpClientException {@link Kind#REFUSED} if the connection stopped taking streams since
   *     the reservation (nothing was sent), {@link Kind#CONNECTION_CLOSED} if sending failed
   */
  H2ClientStream open(List<HeaderField> fields, boolean endStream, boolean headRequest)
      throws HttpClientException {
    H2ClientStream s;
    writeLock.lock();
    try {
      lock.lock();
      try {
        reserved--;
        if (failure != null || goingAway || nextStreamId < 0) {
          throw new HttpClientException(
              Kind.REFUSED,
              "the HTTP/2 connection to " + origin.hostHeader() + " stopped taking requests");
        }
        s =
            new H2ClientStream(
                nextStreamId, lock.newCondition(), headRequest, peerInitialWindow, STREAM_WINDOW);
        nextStreamId += 2;
        highestOpened = s.id;
        s.localClosed = endStream;
        streams.put(s.id, s);
      } finally {
        lock.unlock();
      }
      try {
        drainControl();
        byte[] block = encoder.encode(fields);
        writer.headers(s.id, block, endStream, peerMaxFrame);
        writer.flush();
      } catch (IOException e) {
        throw writeFailed(e);
      }
    } finally {
      writeLock.unlock();
    }
    flushControlQuietly();
    return s;
  }

  /**
   * Sends {@code len} bytes of request content on {@code s}, as DATA frames within the server's
   * windows, waiting (up to the read timeout each time) for WINDOW_UPDATE when they are shut.
   *
   * @throws EarlyResponse when the server has sent its whole response (or reset the stream with
   *     NO_ERROR) and stopped reading: the rest of the request is not wanted (RFC 9113 §8.1)
   */
  void sendData(H2ClientStream s, byte[] b, int off, int len, boolean endStream)
      throws IOException, InterruptedException {
    do {
      int n;
      lock.lock();
      try {
        while (true) {
          if (s.error != null) {
            throw s.error;
          }
          if (s.localClosed) {
            throw new EarlyResponse();
          }
          if (failure != null) {
            throw failure;
          }
          long room = Math.min(sendWindow, s.sendWindow);
          if (room > 0 || len == 0) {
            // an empty END_STREAM frame needs no window (which may even be negative, §6.9.2)
            n = len == 0 ? 0 : (int) Math.min(Math.min(room, len), peerMaxFrame);
            sendWindow -= n;
            s.sendWindow -= n;
            break;
          }
          if (s.remoteClosed) {
            throw new EarlyResponse(); // answered in full, and the window stays shut
          }
          if (windowOpened.awaitNanos(readTimeoutNanos) <= 0
              && Math.min(sendWindow, s.sendWindow) <= 0) {
            throw new HttpClientException(
                Kind.TIMEOUT,
                "request body: the server's flow-control window stayed shut for "
                    + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos)
                    + " ms");
          }
        }
        if (endStream && n == len) {
          s.localClosed = true;
        }
      } finally {
        lock.unlock();
      }
      int sent = n;
      int offset = off;
      boolean end = endStream && n == len;
      try {
        send(w -> w.data(s.id, b, offset, sent, end));
      } catch (IOException e) {
        throw writeFailed(e);
      }
      off += n;
      len -= n;
      if (endStream && len == 0) {
        releaseIfDone(s);
      }
    } while (len > 0);
  }

  /** Thrown to a request body's writer when the server answered and wants no more of it. */
  static final class EarlyResponse extends IOException {
    EarlyResponse() {
      super("the server answered before the request body was complete");
    }
  }

  /** Waits up to the read timeout for the response head; the stream's failure if it fails. */
  ResponseFields.Head awaitHead(H2ClientStream s) throws HttpClientException, InterruptedException {
    lock.lock();
    try {
      long left = readTimeoutNanos;
      while (s.head == null && s.error == null) {
        if (left <= 0) {
          break;
        }
        left = s.changed.awaitNanos(left);
      }
      if (s.head != null) {
        return s.head;
      }
      if (s.error != null) {
        throw s.error;
      }
    } finally {
      lock.unlock();
    }
    throw timedOut(s, "no response head within the read timeout");
  }

  /**
   * Reads response content into {@code b}; -1 at the end. Reopens the stream's window as the caller
   * consumes (backpressure: a caller that stops reading stops the server after one window).
   */
  int read(H2ClientStream s, byte[] b, int off, int len) throws IOException, InterruptedException {
    int n;
    int grant = 0;
    lock.lock();
    try {
      long left = readTimeoutNanos;
      while (s.chunks.isEmpty() && !s.remoteClosed) {
        if (left <= 0) {
          break;
        }
        left = s.changed.awaitNanos(left);
      }
      if (s.chunks.isEmpty()) {
        if (s.error != null) {
          throw s.error;
        }
        if (!s.remoteClosed) {
          n = -2; // timed out
        } else {
          return -1;
        }
      } else {
        byte[] c = s.chunks.peek();
        n = Math.min(len, c.length - s.chunkPos);
        System.arraycopy(c, s.chunkPos, b, off, n);
        s.chunkPos += n;
        if (s.chunkPos == c.length) {
          s.chunks.poll();
          s.chunkPos = 0;
        }
        s.unacked += n;
        if (!s.remoteClosed && s.unacked >= STREAM_WINDOW / 2) {
          grant = s.unacked;
          s.unacked = 0;
          s.recvWindow += grant;
        }
      }
    } finally {
      lock.unlock();
    }
    if (n == -2) {
      throw timedOut(s, "response body: no data within the read timeout");
    }
    if (grant > 0) {
      int g = grant;
      sendQuietly(w -> w.windowUpdate(s.id, g));
    }
    return n;
  }

  /** Trailers of a response read to its end, or null. */
  dev.patina.http.Headers trailers(H2ClientStream s) {
    lock.lock();
    try {
      return s.trailers;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The caller is done with the stream (its response closed, or the exchange failed): a stream
   * still open is reset with CANCEL and its buffered data dropped.
   */
  void cancel(H2ClientStream s) {
    boolean reset;
    lock.lock();
    try {
      s.chunks.clear();
      reset = !s.released;
      if (s.error == null && !(s.remoteClosed && s.localClosed)) {
        s.error = new HttpClientException(Kind.RESET, "stream cancelled by the client");
      }
      s.remoteClosed = true;
      s.localClosed = true;
      release(s);
    } finally {
      lock.unlock();
    }
    if (reset) {
      sendQuietly(w -> w.rstStream(s.id, ErrorCode.CANCEL));
    }
    onChange.run();
  }

  /**
   * The server answered in full before the request body was sent: stop sending (RST_STREAM CANCEL
   * if the stream is still open) and keep the answer for the caller.
   */
  void stopSending(H2ClientStream s) {
    boolean reset;
    lock.lock();
    try {
      reset = !s.released;
      s.localClosed = true;
      release(s);
    } finally {
      lock.unlock();
    }
    if (reset) {
      sendQuietly(w -> w.rstStream(s.id, ErrorCode.CANCEL));
    }
    onChange.run();
  }

  private HttpClientException timedOut(H2ClientStream s, String what) {
    cancel(s);
    if (!checkAlive()) {
      return new HttpClientException(
          Kind.TIMEOUT, what + "; the connection did not answer a PING either and was closed");
    }
    return new HttpClientException(Kind.TIMEOUT, what);
  }

  /**
   * Liveness after a stream timed out: a slow response is no reason to drop a connection that
   * carries other streams, so the first timeout sends a PING; if no frame at all has arrived a read
   * timeout after that PING, the server is taken as gone and the connection closed (its other
   * streams fail now instead of each waiting out its timeout, and the pool opens a new one).
   *
   * @return false if the connection was found dead (and is now closed)
   */
  private boolean checkAlive() {
    long now = System.nanoTime();
    boolean dead = false;
    boolean ping = false;
    lock.lock();
    try {
      if (failure != null) {
        return false;
      }
      if (pingSentNanos != 0 && lastFrameNanos - pingSentNanos < 0) {
        dead = now - pingSentNanos >= readTimeoutNanos;
      } else {
        pingSentNanos = now; // no PING outstanding: send one
        ping = true;
      }
    } finally {
      lock.unlock();
    }
    if (dead) {
      fail(
          new HttpClientException(
              Kind.TIMEOUT,
              "no frame from "
                  + origin.hostHeader()
                  + " within the read timeout after a PING; the connection was closed"),
          ErrorCode.NO_ERROR);
      return false;
    }
    if (ping) {
      sendQuietly(w -> w.ping(false, now));
    }
    return true;
  }

  /** For the pool: true if a liveness PING went unanswered for a read timeout (then closed). */
  private boolean pingUnanswered() {
    lock.lock();
    try {
      if (pingSentNanos == 0 || lastFrameNanos - pingSentNanos >= 0) {
        return false;
      }
      return System.nanoTime() - pingSentNanos >= readTimeoutNanos;
    } finally {
      lock.unlock();
    }
  }

  private void releaseIfDone(H2ClientStream s) {
    lock.lock();
    try {
      if (s.remoteClosed && s.localClosed) {
        release(s);
      }
    } finally {
      lock.unlock();
    }
    onChange.run();
  }

  /** Removes a closed stream from the map (lock held); the pool is told by the caller. */
  private void release(H2ClientStream s) {
    if (!s.released) {
      s.released = true;
      streams.remove(s.id);
      if (streams.isEmpty()) {
        idleSince = System.nanoTime();
      }
      windowOpened.signalAll();
    }
  }

  // ---- the reader thread ---------------------------------------------------------------------

  private void readLoop() {
    try {
      while (true) {
        Frame f;
        try {
          f = reader.read();
        } catch (StreamError e) {
          streamError(e.streamId(), e.code(), e.getMessage());
          continue;
        }
        if (f == null) {
          fail(closed("the server closed the connection"), null);
          return;
        }
        lastFrameNanos = System.nanoTime();
        handle(f);
        if (drained()) {
          close();
          return;
        }
      }
    } catch (ConnectionError e) {
      fail(
          new HttpClientException(
              Kind.MALFORMED_RESPONSE,
              "HTTP/2 protocol error by "
                  + origin.hostHeader()
                  + " ("
                  + e.code()
                  + "): "
                  + e.getMessage()),
          e.code());
    } catch (IOException e) {
      fail(closed("connection to " + origin.hostHeader() + " failed: " + e.getMessage()), null);
    } catch (RuntimeException e) {
      fail(
          new HttpClientException(
              Kind.MALFORMED_RESPONSE, "HTTP/2 client failed on a frame: " + e, e),
          ErrorCode.INTERNAL_ERROR);
    }
  }

  private HttpClientException closed(String why) {
    return new HttpClientException(Kind.CONNECTION_CLOSED, why);
  }

  /** After GOAWAY, once the last stream has ended. */
  private boolean drained() {
    lock.lock();
    try {
      return goingAway && streams.isEmpty() && reserved == 0 && failure == null;
    } finally {
      lock.unlock();
    }
  }

  private void handle(Frame f) throws ConnectionError, IOException {
    if (blockStream != 0 && !(f instanceof Frame.Continuation)) {
      throw new ConnectionError(
          ErrorCode.PROTOCOL_ERROR, "a header block was interrupted by " + name(f));
    }
    switch (f) {
      case Frame.Data d -> data(d);
      case Frame.Headers h -> {
        checkOpened(h.streamId(), "HEADERS");
        blockStream = h.streamId();
        blockEndStream = h.endStream();
        blockFrames = 1;
        block = new ByteArrayOutputStream(h.fragment().length);
        block.write(h.fragment());
        if (h.endHeaders()) {
          endBlock();
        }
      }
      case Frame.Continuation c -> {
        if (c.streamId() != blockStream) {
          throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "CONTINUATION without HEADERS");
        }
        block.write(c.fragment());
        if (++blockFrames > MAX_CONTINUATIONS || block.size() > 2L * maxHeadBytes + 16384) {
          throw new ConnectionError(
              ErrorCode.ENHANCE_YOUR_CALM, "header block of more than " + blockFrames + " frames");
        }
        if (c.endHeaders()) {
          endBlock();
        }
      }
      case Frame.Priority p -> {} // deprecated (RFC 9113 §5.3.2); a client has nothing to do
      case Frame.RstStream r -> reset(r);
      case Frame.Settings s -> {
        if (!s.ack()) {
          applySettings(s);
        }
      }
      case Frame.PushPromise p ->
          throw new ConnectionError(
              ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE though SETTINGS_ENABLE_PUSH is 0");
      case Frame.Ping p -> {
        if (!p.ack()) {
          sendControl(w -> w.ping(true, p.opaque()));
        }
      }
      case Frame.GoAway g -> goAway(g);
      case Frame.WindowUpdate w -> windowUpdate(w);
      case Frame.Unknown u -> {} // §5.5: ignored
    }
  }

  private static String name(Frame f) {
    return f.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
  }

  /** Frames on a stream we never opened: even ids (no push) or odd ones above ours (idle). */
  private void checkOpened(int id, String what) throws ConnectionError {
    lock.lock();
    try {
      if (id % 2 == 0 || id > highestOpened) {
        throw new ConnectionError(
            ErrorCode.PROTOCOL_ERROR,
            what + " on stream " + id + ", which the client never opened");
      }
    } finally {
      lock.unlock();
    }
  }

  private void data(Frame.Data d) throws ConnectionError, IOException {
    checkOpened(d.streamId(), "DATA");
    recvConnectionWindow -= d.flowLength();
    if (recvConnectionWindow < 0) {
      throw new ConnectionError(
          ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the connection's receive window");
    }
    // the connection window reopens on receipt: what is buffered is bounded per stream by the
    // stream windows, which reopen only as callers read
    connectionUnacked += d.flowLength();
    if (connectionUnacked >= CONNECTION_WINDOW / 2) {
      int grant = connectionUnacked;
      connectionUnacked = 0;
      recvConnectionWindow += grant;
      sendControl(w -> w.windowUpdate(0, grant));
    }
    String error = null;
    ErrorCode code = null;
    int grant = 0;
    lock.lock();
    try {
      H2ClientStream s = streams.get(d.streamId());
      if (s == null || s.remoteClosed) {
        if (s != null) { // half-closed (remote): §5.1 STREAM_CLOSED
          code = ErrorCode.STREAM_CLOSED;
          error = "DATA after END_STREAM";
        }
        // else a stream we reset or finished: late frames are ignored
      } else if (s.head == null) {
        code = ErrorCode.PROTOCOL_ERROR;
        error = "DATA before the response head";
      } else {
        s.recvWindow -= d.flowLength();
        if (s.recvWindow < 0) {
          code = ErrorCode.FLOW_CONTROL_ERROR;
          error = "DATA beyond the stream's receive window";
        } else {
          s.received += d.data().length;
          long declared = s.head.contentLength();
          if (s.noContent() && d.data().length > 0) {
            code = ErrorCode.PROTOCOL_ERROR;
            error = "content in a response that has none";
          } else if (!s.noContent()
              && declared >= 0
              && (s.received > declared || (d.endStream() && s.received != declared))) {
            code = ErrorCode.PROTOCOL_ERROR;
            error = "DATA of " + s.received + " bytes, content-length " + declared;
          } else {
            if (d.data().length > 0) {
              s.chunks.add(d.data());
            }
            // padding is granted back at once: nobody will read it
            s.unacked += d.flowLength() - d.data().length;
            if (s.unacked >= STREAM_WINDOW / 2 && !d.endStream()) {
              grant = s.unacked;
              s.unacked = 0;
              s.recvWindow += grant;
            }
            if (d.endStream()) {
              s.remoteClosed = true;
              if (s.localClosed) {
                release(s);
              }
            }
            s.changed.signalAll();
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      streamError(d.streamId(), code, error);
    } else if (grant > 0) {
      int g = grant;
      sendControl(w -> w.windowUpdate(d.streamId(), g));
    }
    if (d.endStream()) {
      onChange.run();
    }
  }

  private void endBlock() throws ConnectionError, IOException {
    int id = blockStream;
    boolean endStream = blockEndStream;
    byte[] bytes = block.toByteArray();
    blockStream = 0;
    block = null;
    Decoder.Block decoded;
    try {
      decoded = decoder.decode(bytes); // always: the dynamic table must stay in step
    } catch (HpackException e) {
      throw new ConnectionError(ErrorCode.COMPRESSION_ERROR, "HPACK: " + e.getMessage());
    }
    ErrorCode code = null;
    String error = null;
    Kind kind = Kind.MALFORMED_RESPONSE;
    lock.lock();
    try {
      H2ClientStream s = streams.get(id);
      if (s == null) {
        return; // a stream we reset or finished
      }
      if (s.remoteClosed) {
        code = ErrorCode.STREAM_CLOSED;
        error = "HEADERS after END_STREAM";
      } else if (decoded.tooLarge()) {
        code = ErrorCode.CANCEL;
        error = "response head larger than " + maxHeadBytes + " bytes";
      } else {
        try {
          if (s.head == null) {
            ResponseFields.Head h = ResponseFields.head(decoded.fields());
            if (h.status() >= 100 && h.status() < 200) {
              if (endStream) {
                throw new ResponseFields.Malformed("END_STREAM on a 1xx response");
              }
              // informational: the final head follows
            } else {
              s.head = h;
              if (endStream) {
                if (!s.noContent() && h.contentLength() > 0) {
                  throw new ResponseFields.Malformed(
                      "no DATA, content-length " + h.contentLength());
                }
                s.remoteClosed = true;
                if (s.localClosed) {
                  release(s);
                }
              }
              s.changed.signalAll();
            }
          } else {
            if (!endStream) {
              throw new ResponseFields.Malformed("trailers without END_STREAM");
            }
            s.trailers = ResponseFields.trailers(decoded.fields());
            long declared = s.head.contentLength();
            if (!s.noContent() && declared >= 0 && s.received != declared) {
              throw new ResponseFields.Malformed(
                  "DATA of " + s.received + " bytes, content-length " + declared);
            }
            s.remoteClosed = true;
            if (s.localClosed) {
              release(s);
            }
            s.changed.signalAll();
          }
        } catch (ResponseFields.Malformed m) {
          code = ErrorCode.PROTOCOL_ERROR;
          error = "malformed response: " + m.getMessage();
        }
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      streamError(id, code, error, kind);
    } else if (endStream) {
      onChange.run();
    }
  }

  private void reset(Frame.RstStream r) throws ConnectionError {
    checkOpened(r.streamId(), "RST_STREAM");
    lock.lock();
    try {
      H2ClientStream s = streams.get(r.streamId());
      if (s == null) {
        return;
      }
      if (r.errorCode() == ErrorCode.NO_ERROR.code && s.remoteClosed && s.error == null) {
        // §8.1: the server has answered in full and wants no more of the request
        s.localClosed = true;
        s.changed.signalAll();
        windowOpened.signalAll();
      } else if (r.errorCode() == ErrorCode.REFUSED_STREAM.code) {
        s.fail(
            new HttpClientException(
                Kind.REFUSED,
                "the server refused stream " + s.id + " (REFUSED_STREAM); it was not processed"));
      } else {
        s.fail(
            new HttpClientException(
                Kind.RESET,
                "the server reset stream " + s.id + " with " + codeName(r.errorCode())));
      }
      release(s);
    } finally {
      lock.unlock();
    }
    onChange.run();
  }

  static String codeName(int code) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.code == code) {
        return c.name();
      }
    }
    return "error code 0x" + Integer.toHexString(code);
  }

  private void applySettings(Frame.Settings f) throws ConnectionError, IOException {
    int tableSize = -1;
    lock.lock();
    try {
      for (Frame.Setting s : f.settings()) {
        switch (s.id()) {
          case Frame.Setting.HEADER_TABLE_SIZE -> tableSize = (int) Math.min(s.value(), 4096);
          case Frame.Setting.ENABLE_PUSH -> {
            if (s.value() != 0) { // §6.5.2: a server must not send 1, nor anything else
              throw new ConnectionError(
                  ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH " + s.value() + " from a server");
            }
          }
          case Frame.Setting.MAX_CONCURRENT_STREAMS -> peerMaxConcurrent = s.value();
          case Frame.Setting.INITIAL_WINDOW_SIZE -> {
            if (s.value() > Integer.MAX_VALUE) {
              throw new ConnectionError(
                  ErrorCode.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE " + s.value());
            }
            long delta = s.value() - peerInitialWindow;
            peerInitialWindow = s.value();
            for (H2ClientStream st : streams.values()) { // §6.9.2
              st.sendWindow += delta;
              if (st.sendWindow > Integer.MAX_VALUE) {
                throw new ConnectionError(
                    ErrorCode.FLOW_CONTROL_ERROR, "a stream window grew past 2^31-1");
              }
            }
            windowOpened.signalAll();
          }
          case Frame.Setting.MAX_FRAME_SIZE -> {
            if (s.value() < 16_384 || s.value() > 16_777_215) {
              throw new ConnectionError(
                  ErrorCode.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE " + s.value());
            }
            // DATA and header fragments stay within 16 KiB anyway; larger frames would gain
            // little and cost larger buffers
            peerMaxFrame = (int) Math.min(s.value(), 16_384);
          }
          default -> {} // MAX_HEADER_LIST_SIZE is advisory; unknown settings are ignored
        }
      }
    } finally {
      lock.unlock();
    }
    int table = tableSize;
    sendControl(
        w -> {
          if (table >= 0) {
            encoder.setMaxTableSize(table); // under writeLock, as every use of the encoder
          }
          w.settingsAck();
        });
    onChange.run(); // MAX_CONCURRENT_STREAMS may have grown
  }

  private void goAway(Frame.GoAway g) {
    List<H2ClientStream> refused = new ArrayList<>();
    lock.lock();
    try {
      goingAway = true;
      for (H2ClientStream s : streams.values()) {
        if (s.id > g.lastStreamId()) {
          refused.add(s);
        }
      }
      String debug = new String(g.debug(), StandardCharsets.UTF_8);
      for (H2ClientStream s : refused) {
        s.fail(
            new HttpClientException(
                Kind.REFUSED,
                "the server's GOAWAY ("
                    + codeName(g.errorCode())
                    + (debug.isEmpty() ? "" : ", \"" + debug + "\"")
                    + ", last stream "
                    + g.lastStreamId()
                    + ") did not take stream "
                    + s.id
                    + "; it was not processed"));
        release(s);
      }
    } finally {
      lock.unlock();
    }
    onChange.run();
  }

  private void windowUpdate(Frame.WindowUpdate w) throws ConnectionError, IOException {
    if (w.streamId() == 0) {
      if (w.increment() == 0) {
        throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on the connection");
      }
      lock.lock();
      try {
        sendWindow += w.increment();
        if (sendWindow > Integer.MAX_VALUE) {
          throw new ConnectionError(
              ErrorCode.FLOW_CONTROL_ERROR, "connection send window past 2^31-1");
        }
        windowOpened.signalAll();
      } finally {
        lock.unlock();
      }
      return;
    }
    checkOpened(w.streamId(), "WINDOW_UPDATE");
    String error = null;
    ErrorCode code = ErrorCode.PROTOCOL_ERROR;
    lock.lock();
    try {
      H2ClientStream s = streams.get(w.streamId());
      if (s == null) {
        return;
      }
      if (w.increment() == 0) {
        error = "WINDOW_UPDATE of 0";
      } else {
        s.sendWindow += w.increment();
        if (s.sendWindow > Integer.MAX_VALUE) {
          code = ErrorCode.FLOW_CONTROL_ERROR;
          error = "stream send window past 2^31-1";
        }
        windowOpened.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      streamError(w.streamId(), code, error);
    }
  }

  private void streamError(int id, ErrorCode code, String message) throws IOException {
    streamError(id, code, message, Kind.MALFORMED_RESPONSE);
  }

  /** §5.4.2: RST_STREAM for the stream, the request fails; the connection goes on. */
  private void streamError(int id, ErrorCode code, String message, Kind kind) throws IOException {
    lock.lock();
    try {
      H2ClientStream s = streams.get(id);
      if (s != null) {
        s.fail(
            new HttpClientException(
                kind, "stream " + id + " from " + origin.hostHeader() + ": " + message));
        release(s);
      }
    } finally {
      lock.unlock();
    }
    sendControl(w -> w.rstStream(id, code));
    onChange.run();
  }

  // ---- writing and closing -------------------------------------------------------------------

  @FunctionalInterface
  private interface Write {
    void to(FrameWriter w) throws IOException;
  }

  /**
   * Writes a frame from a request thread: waits for the write lock, and also writes the control
   * frames the reader queued meanwhile.
   */
  private void send(Write write) throws IOException {
    writeLock.lock();
    try {
      drainControl();
      write.to(writer);
      writer.flush();
    } finally {
      writeLock.unlock();
    }
    flushControl();
  }

  /**
   * Writes a frame from the reader thread (ACKs, WINDOW_UPDATE, RST_STREAM) without ever waiting
   * for the write lock: a request thread blocked writing to a server that does not read until it
   * can write to us must not stop the reader, or both sides would wait for each other. The frame is
   * queued, and written now if the lock is free, else by the lock's holder before it lets go.
   */
  private void sendControl(Write write) throws IOException {
    control.add(write);
    flushControl();
  }

  /**
   * Writes queued control frames if nobody holds the write lock. A holder checks again after
   * unlocking, so a frame queued while its tryLock failed is not left behind.
   */
  private void flushControl() throws IOException {
    while (!control.isEmpty() && writeLock.tryLock()) {
      try {
        drainControl();
        writer.flush();
      } finally {
        writeLock.unlock();
      }
    }
  }

  private void flushControlQuietly() {
    try {
      flushControl();
    } catch (IOException e) {
      fail(closed("writing to " + origin.hostHeader() + " failed: " + e.getMessage()), null);
    }
  }

  /** Writes the queued control frames (write lock held). */
  private void drainControl() throws IOException {
    for (Write w; (w = control.poll()) != null; ) {
      w.to(writer);
    }
  }

  private void sendQuietly(Write write) {
    try {
      send(write);
    } catch (IOException e) {
      fail(closed("writing to " + origin.hostHeader() + " failed: " + e.getMessage()), null);
    }
  }

  private HttpClientException writeFailed(IOException e) {
    HttpClientException f =
        closed("writing to " + origin.hostHeader() + " failed: " + e.getMessage());
    fail(f, null);
    return f;
  }

  private void sendGoAway(ErrorCode code, String why) {
    if (tryWriteLock()) {
      try {
        writer.goAway(0, code, why); // the server opens no streams: last stream id 0
        writer.flush();
      } catch (IOException ignored) {
        // the connection is going anyway
      } finally {
        writeLock.unlock();
      }
    }
  }

  /**
   * The write lock for a GOAWAY: a request thread may hold it for a moment (a frame being written),
   * so wait a little; a writer stuck on a full socket must not hold up the close for long.
   */
  private boolean tryWriteLock() {
    try {
      return writeLock.tryLock(250, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Ends the connection: every open stream fails with {@code why}; with {@code code}, GOAWAY tells
   * the server first (a protocol violation's code, or NO_ERROR).
   */
  private void fail(HttpClientException why, ErrorCode code) {
    List<H2ClientStream> open;
    lock.lock();
    try {
      if (failure != null) {
        return;
      }
      failure = why;
      goingAway = true;
      open = new ArrayList<>(streams.values());
      for (H2ClientStream s : open) {
        s.fail(why);
        release(s);
      }
      windowOpened.signalAll();
    } finally {
      lock.unlock();
    }
    if (code != null) {
      sendGoAway(code, why.getMessage());
    }
    closeQuietly(socket);
    onChange.run();
  }

  /** Closes the connection (GOAWAY NO_ERROR); streams still open fail. */
  @Override
  public void close() {
    fail(closed("the HTTP/2 connection was closed by the client"), ErrorCode.NO_ERROR);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do about a failed close
    }
  }
}
