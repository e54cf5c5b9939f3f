package dev.patina.http.internal.h2;

import dev.patina.http.H2Settings;
import dev.patina.http.Handler;
import dev.patina.http.Limits;
import dev.patina.http.Request;
import dev.patina.http.RequestBodyException;
import dev.patina.http.Response;
import dev.patina.http.internal.hpack.Decoder;
import dev.patina.http.internal.hpack.HeaderField;
import dev.patina.http.internal.hpack.HpackException;
import dev.patina.http.internal.route.InlineRoutes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves one HTTP/2 connection (RFC 9113). The calling thread reads frames and runs the state
 * machine; each request runs its handler on a virtual thread of its own, which writes the response
 * through {@link Outbound}. Errors are answered the RFC's way: RST_STREAM for stream errors, GOAWAY
 * and close for connection errors, never a hang.
 */
public final class H2Connection {
  public static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  static final int MAX_CONCURRENT_STREAMS = 100;
  static final int MAX_FRAME_SIZE = 16_384;

  /** The RFC's initial window, which the peer assumes until it has read our SETTINGS. */
  static final int INITIAL_WINDOW = 65_535;

  /** CONTINUATION frames allowed after one HEADERS: a flood of them is cut off (CVE-2024-27316). */
  static final int MAX_CONTINUATIONS = 32;

  /** RST_STREAM frames a client may send per {@link #RESET_PERIOD_NANOS} (CVE-2023-44487). */
  static final int MAX_RESETS_PER_PERIOD = 200;

  static final long RESET_PERIOD_NANOS = 10_000_000_000L;
  private static final int RESET_MEMORY = 1024;

  private static final byte[] EMPTY = new byte[0];

  private final Socket socket;
  private final InputStream in;
  private final Handler handler;
  private final Limits limits;
  private final int streamWindow; // our SETTINGS_INITIAL_WINDOW_SIZE
  private final int connectionWindow;
  private final Liveness liveness;
  private final Outbound out;
  private final Decoder decoder;
  private final ResponseSender sender;
  private final InlineRoutes inline; // requests answered on the reader thread; null: none
  private final Map<Integer, H2Stream> streams = new ConcurrentHashMap<>();

  /** Streams this side reset recently: late frames on them are ignored, not errors (§5.4.2). */
  private final LinkedHashSet<Integer> resetByUs = new LinkedHashSet<>();

  private volatile int highestStreamId; // written by the reader, read by drain() for GOAWAY
  private int connectionRecvUnacked;
  private int resetsInPeriod;
  private long resetPeriodStart = System.nanoTime();
  private HeaderBlock pending; // a header block waiting for CONTINUATION frames
  private volatile boolean draining; // GOAWAY sent: no new streams
  private volatile boolean peerGoAway;
  private volatile boolean closed;
  private volatile boolean started; // our SETTINGS are out: a GOAWAY may follow
  private final java.util.concurrent.atomic.AtomicBoolean goAwaySent =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** A GOAWAY with an error (or a timeout's NO_ERROR) is out: only one ends the connection. */
  private final java.util.concurrent.atomic.AtomicBoolean endingSent =
      new java.util.concurrent.atomic.AtomicBoolean();

  private volatile boolean failed; // the liveness watch ended the connection: frames are ignored
  private volatile Thread readerThread;
  private long lastActivity = System.nanoTime(); // the last frame other than our PING's ACK

  /** A HEADERS frame whose block continues in CONTINUATION frames. */
  private record HeaderBlock(
      int streamId,
      boolean endStream,
      boolean selfDependent,
      ByteArrayOutputStream bytes,
      int[] continuations) {}

  public H2Connection(
      Socket socket,
      InputStream in,
      OutputStream rawOut,
      Handler handler,
      Limits limits,
      H2Settings settings) {
    this.socket = socket;
    this.in = in;
    this.handler = handler;
    this.limits = limits;
    this.streamWindow = settings.streamWindow();
    this.connectionWindow = settings.connectionWindow();
    this.liveness =
        new Liveness(
            settings.settingsTimeout().toNanos(),
            settings.keepAliveInterval().toNanos(),
            settings.keepAliveTimeout().toNanos(),
            new Liveness.Actions() {
              @Override
              public void ping(long opaque) throws IOException {
                out.control(w -> w.ping(false, opaque));
              }

              @Override
              public void fail(ErrorCode code, String why) {
                failFromWatch(code, why);
              }
            });
    this.out = new Outbound(rawOut, this::close);
    this.decoder = new Decoder(4096, limits.maxHeadBytes());
    this.sender = new ResponseSender(out);
    this.inline = InlineRoutes.of(handler);
  }

  /** The payload of an {@code HTTP2-Settings} header (base64url SETTINGS), or null if invalid. */
  public static List<Frame.Setting> upgradeSettings(String base64) {
    byte[] p;
    try {
      p = java.util.Base64.getUrlDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (p.length % 6 != 0) {
      return null;
    }
    List<Frame.Setting> list = new ArrayList<>();
    for (int i = 0; i < p.length; i += 6) {
      int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
      list.add(new Frame.Setting(id, FrameReader.readInt(p, i + 2) & 0xffffffffL));
    }
    return list;
  }

  /**
   * Serves the connection until it ends.
   *
   * @param prefaceRead whether the caller already consumed the client preface (prior knowledge)
   * @param upgraded the HTTP/1.1 request that asked for {@code Upgrade: h2c}, answered on stream 1,
   *     or null
   * @param upgradeSettings the decoded {@code HTTP2-Settings} of that request
   */
  public void serve(boolean prefaceRead, Request upgraded, List<Frame.Setting> upgradeSettings) {
    readerThread = Thread.currentThread();
    try {
      out.control(
          w -> {
            w.settings(
                List.of(
                    new Frame.Setting(Frame.Setting.MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS),
                    new Frame.Setting(Frame.Setting.ENABLE_PUSH, 0),
                    new Frame.Setting(Frame.Setting.INITIAL_WINDOW_SIZE, streamWindow),
                    new Frame.Setting(Frame.Setting.MAX_HEADER_LIST_SIZE, limits.maxHeadBytes())));
            // the connection window has no setting: it grows by WINDOW_UPDATE only (§6.9.2)
            if (connectionWindow > INITIAL_WINDOW) {
              w.windowUpdate(0, connectionWindow - INITIAL_WINDOW);
            }
          });
      started = true;
      liveness.start();
      if (draining) {
        sendGoAway();
      }
      if (upgraded != null) {
        applySettings(upgradeSettings);
        startUpgraded(upgraded);
      }
      if (!prefaceRead) {
        byte[] p = in.readNBytes(PREFACE.length);
        if (!Arrays.equals(p, PREFACE)) {
          throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "bad connection preface");
        }
      }
      FrameReader reader = new FrameReader(in, MAX_FRAME_SIZE);
      boolean first = true;
      while (!closed) {
        Frame f;
        try {
          f = reader.read();
        } catch (SocketTimeoutException e) {
          if (failed) {
            return;
          }
          resetAnsweredStreams();
          if (streams.isEmpty()) {
            goAwayAndClose(ErrorCode.NO_ERROR, "idle timeout");
            return;
          }
          continue; // handlers are still working: the connection is not idle
        } catch (StreamError e) {
          resetStream(e.streamId(), e.code());
          continue;
        }
        if (f == null) {
          if (!failed) {
            awaitStreams(); // the peer is done sending; it may still read the answers
          }
          return;
        }
        if (failed) {
          continue; // the watch sent GOAWAY: what the peer still sends is drained, not served
        }
        liveness.frameRead();
        if (first && !(f instanceof Frame.Settings s && !s.ack())) {
          throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "preface not followed by SETTINGS");
        }
        first = false;
        if (f instanceof Frame.Ping p && p.ack() && liveness.pingAcked(p.opaque())) {
          // our keep-alive PING answered: the peer lives, but that is no activity, so the idle
          // timeout still counts from its last other frame, as a read timeout would have
          if (idleSince(System.nanoTime())) {
            resetAnsweredStreams();
            if (streams.isEmpty()) {
              goAwayAndClose(ErrorCode.NO_ERROR, "idle timeout");
              return;
            }
          }
          continue;
        }
        lastActivity = System.nanoTime();
        try {
          handle(f);
        } catch (StreamError e) {
          resetStream(e.streamId(), e.code());
        }
      }
    } catch (ConnectionError e) {
      goAwayAndClose(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      // a bug here, not the peer's fault: say so on the wire rather than vanish
      goAwayAndClose(ErrorCode.INTERNAL_ERROR, "internal error");
    } catch (IOException e) {
      // the peer went away, or the server closed the socket
    } finally {
      shutdown();
    }
  }

  /** No frame but keep-alive ACKs for the idle timeout. */
  private boolean idleSince(long now) {
    long idle = limits.idleTimeout().toNanos();
    return idle > 0 && now - lastActivity >= idle;
  }

  private void handle(Frame f) throws ConnectionError, StreamError, IOException {
    if (pending != null && !(f instanceof Frame.Continuation)) {
      throw new ConnectionError(
          ErrorCode.PROTOCOL_ERROR, "header block interrupted by another frame");
    }
    switch (f) {
      case Frame.Headers h -> onHeaders(h);
      case Frame.Continuation c -> onContinuation(c);
      case Frame.Data d -> onData(d);
      case Frame.Settings s -> onSettings(s);
      case Frame.Ping p -> {
        if (!p.ack()) {
          out.control(w -> w.ping(true, p.opaque()));
        }
      }
      case Frame.WindowUpdate u -> onWindowUpdate(u);
      case Frame.RstStream r -> onRstStream(r);
      case Frame.Priority p -> {
        if (p.dependsOn() == p.streamId()) {
          throw new StreamError(p.streamId(), ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
        }
      }
      case Frame.GoAway g -> {
        peerGoAway = true;
        if (streams.isEmpty()) {
          close();
        }
      }
      case Frame.PushPromise p ->
          throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE from a client");
      case Frame.Unknown u -> {} // §4.1: unknown types are ignored
    }
  }

  private void onHeaders(Frame.Headers h) throws ConnectionError, StreamError, IOException {
    // a stream depending on itself is a stream error (§5.3.1), found only after the block is
    // decoded: the compression context must see every block
    boolean selfDependent = h.dependency() != null && h.dependency().dependsOn() == h.streamId();
    if (h.endHeaders()) {
      headerBlock(h.streamId(), h.endStream(), selfDependent, h.fragment());
    } else {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(h.fragment());
      pending = new HeaderBlock(h.streamId(), h.endStream(), selfDependent, b, new int[1]);
    }
  }

  private void onContinuation(Frame.Continuation c)
      throws ConnectionError, StreamError, IOException {
    HeaderBlock p = pending;
    if (p == null || p.streamId() != c.streamId()) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "CONTINUATION without its HEADERS");
    }
    p.bytes().writeBytes(c.fragment());
    if (++p.continuations()[0] > MAX_CONTINUATIONS
        || p.bytes().size() > 2L * limits.maxHeadBytes() + MAX_FRAME_SIZE) {
      throw new ConnectionError(ErrorCode.ENHANCE_YOUR_CALM, "header block too long");
    }
    if (c.endHeaders()) {
      pending = null;
      headerBlock(p.streamId(), p.endStream(), p.selfDependent(), p.bytes().toByteArray());
    }
  }

  /** A complete header block: a new request, trailers, or an error by the stream's state. */
  private void headerBlock(int id, boolean endStream, boolean selfDependent, byte[] block)
      throws ConnectionError, StreamError, IOException {
    Decoder.Block decoded;
    try {
      // always decoded, even when the stream is refused: the table must stay in step (§4.3)
      decoded = decoder.decode(block);
    } catch (HpackException e) {
      throw new ConnectionError(ErrorCode.COMPRESSION_ERROR, e.getMessage());
    }
    if ((id & 1) == 0) {
      throw new ConnectionError(
          ErrorCode.PROTOCOL_ERROR, "even stream id " + id + " from a client");
    }
    if (selfDependent) {
      highestStreamId = Math.max(highestStreamId, id);
      throw new StreamError(id, ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
    }
    H2Stream s = streams.get(id);
    if (s != null) {
      if (s.remoteClosed) {
        throw new StreamError(id, ErrorCode.STREAM_CLOSED, "HEADERS after END_STREAM");
      }
      if (!endStream) {
        throw new StreamError(id, ErrorCode.PROTOCOL_ERROR, "trailers without END_STREAM");
      }
      for (HeaderField f : decoded.fields()) {
        if (f.name().startsWith(":")) {
          throw new StreamError(id, ErrorCode.PROTOCOL_ERROR, "pseudo-header in trailers");
        }
      }
      // trailers are accepted and dropped, as by HTTP/1.1's chunked reader
      endOfBody(s, EMPTY);
      return;
    }
    if (id <= highestStreamId) {
      if (resetByUs.contains(id)) {
        return;
      }
      throw new ConnectionError(ErrorCode.STREAM_CLOSED, "HEADERS on closed stream " + id);
    }
    highestStreamId = id;
    if (draining) {
      return; // after our GOAWAY new streams are ignored (§6.8)
    }
    if (streams.size() >= MAX_CONCURRENT_STREAMS) {
      throw new StreamError(id, ErrorCode.REFUSED_STREAM, "too many concurrent streams");
    }
    if (decoded.tooLarge()) {
      earlyResponse(id, 431, endStream);
      return;
    }
    RequestFields fields = RequestFields.of(id, decoded.fields());
    if (fields.contentLength() > limits.maxBodyBytes()) {
      earlyResponse(id, 413, endStream);
      return;
    }
    s = newStream(id, fields, out.initialWindow());
    streams.put(id, s);
    if (endStream) {
      s.remoteClosed = true;
      s.body.offer(EMPTY, true);
    }
    // the handler starts now and reads the body as DATA arrives (hyper's Incoming)
    start(s, new Request(fields.method(), fields.path(), "HTTP/2", fields.headers(), s.body));
  }

  private H2Stream newStream(int id, RequestFields fields, long sendWindow) {
    return new H2Stream(
        id,
        fields,
        streamWindow,
        sendWindow,
        limits.idleTimeout().toNanos(),
        this::consumedByHandler);
  }

  /** The handler took {@code bytes}: reopen the stream's window unless no more DATA can come. */
  private void consumedByHandler(H2Stream s, int bytes) throws IOException {
    if (!s.remoteClosed && !s.reset) {
      reopenStreamWindow(s, bytes);
    }
  }

  /** END_STREAM (on DATA or trailers): the body is complete, or it is dropped if unwanted. */
  private void endOfBody(H2Stream s, byte[] last) {
    s.remoteClosed = true;
    if (s.discarding || !s.body.offer(last, true)) {
      streams.remove(s.id); // the handler is done (or never ran): nothing waits for the stream
    }
  }

  /**
   * Refuses a request before its handler with a bodiless final response. If the peer is still
   * sending, the rest of its body is read and dropped (up to {@link Limits#bodyDropBudget()})
   * rather than reset at once: RST_STREAM(NO_ERROR) is what RFC 9113 §8.1 allows, but clients such
   * as curl 7.88 then report an error instead of the response.
   */
  private void earlyResponse(int id, int status, boolean endStream) throws IOException {
    H2Stream s = newStream(id, null, 0);
    out.headers(s, ResponseSender.statusOnly(status), true);
    if (!endStream) {
      s.discarding = true;
      streams.put(id, s);
    }
  }

  /** DATA on a stream answered early: dropped, with its window reopened, within a budget. */
  private void discard(H2Stream s, Frame.Data d) throws IOException {
    s.discarded += d.flowLength();
    if (d.endStream()) {
      streams.remove(s.id);
      if ((draining || peerGoAway) && streams.isEmpty()) {
        close();
      }
    } else if (s.discarded > limits.bodyDropBudget()) {
      resetStream(s.id, ErrorCode.NO_ERROR);
    } else {
      reopenStreamWindow(s, d.flowLength());
    }
  }

  /** Called by the reader (dropped DATA, padding) and by handlers (consumed bytes). */
  private void reopenStreamWindow(H2Stream s, int consumed) throws IOException {
    int inc;
    synchronized (s) {
      s.recvUnacked += consumed;
      if (s.recvUnacked < streamWindow / 2) {
        return;
      }
      inc = s.recvUnacked;
      s.recvUnacked = 0;
      s.recvWindow += inc;
    }
    out.control(w -> w.windowUpdate(s.id, inc));
  }

  private void onData(Frame.Data d) throws ConnectionError, StreamError, IOException {
    int id = d.streamId();
    // connection-level flow control counts every DATA frame, even one on a reset stream (§6.9)
    connectionRecvUnacked += d.flowLength();
    if (connectionRecvUnacked > connectionWindow) {
      throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, "connection window exceeded");
    }
    if (connectionRecvUnacked >= connectionWindow / 2) {
      int inc = connectionRecvUnacked;
      connectionRecvUnacked = 0;
      out.control(w -> w.windowUpdate(0, inc));
    }
    if (id > highestStreamId) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "DATA on idle stream " + id);
    }
    H2Stream s = streams.get(id);
    if (s == null) {
      if (resetByUs.contains(id)) {
        return;
      }
      throw new ConnectionError(ErrorCode.STREAM_CLOSED, "DATA on closed stream " + id);
    }
    if (s.remoteClosed) {
      throw new StreamError(id, ErrorCode.STREAM_CLOSED, "DATA after END_STREAM");
    }
    synchronized (s) {
      s.recvWindow -= d.flowLength();
      if (s.recvWindow < 0) {
        throw new StreamError(id, ErrorCode.FLOW_CONTROL_ERROR, "stream window exceeded");
      }
    }
    if (s.discarding) {
      discard(s, d);
      return;
    }
    long total = s.received + d.data().length;
    if (s.request.contentLength() >= 0
        && (total > s.request.contentLength()
            || (d.endStream() && total != s.request.contentLength()))) {
      throw new StreamError(id, ErrorCode.PROTOCOL_ERROR, "DATA not matching content-length");
    }
    s.received = total;
    if (total > limits.maxBodyBytes()) {
      // the handler's next read throws; it (or the server for it) answers 413, and what the
      // client still sends is dropped as for an early response
      s.body.fail(
          new RequestBodyException(413, "body larger than " + limits.maxBodyBytes() + " bytes"));
      s.discarding = true;
      discard(s, d);
      return;
    }
    int padding = d.flowLength() - d.data().length;
    if (d.endStream()) {
      endOfBody(s, d.data());
      return;
    }
    if (!s.body.offer(d.data(), false)) {
      discard(s, d); // the handler has answered and gone: drop the rest, within a budget
      return;
    }
    if (padding > 0) {
      reopenStreamWindow(s, padding); // padding is never read by the handler
    }
    // the data's own window reopens as the handler reads it (H2BodyStream): backpressure
  }

  private void startUpgraded(Request request) {
    // RFC 7540 §3.2: the upgrade request becomes stream 1, half-closed (remote)
    highestStreamId = 1;
    H2Stream s = newStream(1, null, out.initialWindow());
    s.remoteClosed = true;
    s.body.offer(EMPTY, true);
    streams.put(1, s);
    start(s, request);
  }

  private void start(H2Stream s, Request request) {
    if (inline != null && s.remoteClosed && inline.nonBlocking(request.method(), request.path())) {
      // a complete request to a route that never blocks: answered here on the reader, no thread
      // started and woken for it; only an answer that would wait for window leaves for one
      Response response = sender.answer(s, request, handler);
      if (response == null || sender.tryDeliverNow(s, request, response)) {
        streamDone(s);
      } else {
        startThread(s, () -> sender.deliver(s, request, response));
      }
      return;
    }
    startThread(s, () -> sender.respond(s, request, handler));
  }

  private void startThread(H2Stream s, Runnable work) {
    s.handler =
        Thread.ofVirtual()
            .name("patina-h2-stream-" + s.id)
            .start(
                () -> {
                  try {
                    work.run();
                  } finally {
                    streamDone(s);
                  }
                });
  }

  /**
   * The peer sent its FIN: requests still incomplete never will be, and no WINDOW_UPDATE can come
   * any more. Waits, at most the idle timeout, for the handlers in flight to send what they can.
   */
  private void awaitStreams() {
    for (H2Stream s : streams.values()) {
      if (!s.remoteClosed) {
        streams.remove(s.id);
        cancel(s);
      }
    }
    out.peerFinished();
    long deadline = System.nanoTime() + limits.idleTimeout().toNanos();
    while (!streams.isEmpty() && !closed && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }

  private void streamDone(H2Stream s) {
    long unread = s.body.abandon();
    if (unread >= 0 && !s.reset) {
      // the client is still sending a body nobody reads: the reader drops it (discard), and the
      // window the dropped buffer held is reopened so a client blocked on it can finish
      if (unread > 0) {
        try {
          reopenStreamWindow(s, (int) unread);
        } catch (IOException ignored) {
          // the connection is gone
        }
      }
      s.answered = true;
      return;
    }
    streams.remove(s.id);
    if ((draining || peerGoAway) && streams.isEmpty()) {
      close();
    }
  }

  /**
   * A client that got its answer but neither finishes nor abandons its body within the idle timeout
   * (curl 7.88 uploading stdin stops sending once the response is complete) is told to stop:
   * RST_STREAM(NO_ERROR), as RFC 9113 §8.1 allows. Runs on the reader thread.
   */
  private void resetAnsweredStreams() throws IOException {
    for (H2Stream s : streams.values()) {
      if (s.answered) {
        resetStream(s.id, ErrorCode.NO_ERROR);
      }
    }
  }

  private void onSettings(Frame.Settings s) throws ConnectionError, IOException {
    if (s.ack()) {
      liveness.settingsAcked();
      return;
    }
    applySettings(s.settings());
    out.control(FrameWriter::settingsAck);
  }

  private void applySettings(List<Frame.Setting> settings) throws ConnectionError {
    Long initial = null;
    Integer frameSize = null;
    Long tableSize = null;
    for (Frame.Setting p : settings) {
      switch (p.id()) {
        case Frame.Setting.HEADER_TABLE_SIZE -> tableSize = p.value();
        case Frame.Setting.ENABLE_PUSH -> {
          if (p.value() > 1) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "ENABLE_PUSH not 0 or 1");
          }
        }
        case Frame.Setting.INITIAL_WINDOW_SIZE -> {
          if (p.value() > Outbound.MAX_WINDOW) {
            throw new ConnectionError(
                ErrorCode.FLOW_CONTROL_ERROR, "INITIAL_WINDOW_SIZE too large");
          }
          initial = p.value();
        }
        case Frame.Setting.MAX_FRAME_SIZE -> {
          if (p.value() < 16_384 || p.value() > 16_777_215) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "MAX_FRAME_SIZE out of range");
          }
          frameSize = (int) p.value();
        }
        default -> {} // MAX_CONCURRENT_STREAMS bounds pushes (none here); unknown ids are ignored
      }
    }
    out.peerSettings(initial, frameSize, tableSize, streams.values());
  }

  private void onWindowUpdate(Frame.WindowUpdate u) throws ConnectionError, StreamError {
    int id = u.streamId();
    if (id == 0) {
      if (u.increment() == 0) {
        throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0");
      }
      if (!out.openConnectionWindow(u.increment())) {
        throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, "connection window overflow");
      }
      return;
    }
    if (id > highestStreamId) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + id);
    }
    if (u.increment() == 0) {
      throw new StreamError(id, ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0");
    }
    H2Stream s = streams.get(id);
    if (s != null && !out.openStreamWindow(s, u.increment())) {
      throw new StreamError(id, ErrorCode.FLOW_CONTROL_ERROR, "stream window overflow");
    }
    // on a closed stream it is ignored: it may have crossed our END_STREAM (§6.9)
  }

  private void onRstStream(Frame.RstStream r) throws ConnectionError {
    int id = r.streamId();
    if (id > highestStreamId) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on idle stream " + id);
    }
    long now = System.nanoTime();
    if (now - resetPeriodStart > RESET_PERIOD_NANOS) {
      resetPeriodStart = now;
      resetsInPeriod = 0;
    }
    if (++resetsInPeriod > MAX_RESETS_PER_PERIOD) {
      throw new ConnectionError(ErrorCode.ENHANCE_YOUR_CALM, "too many stream resets");
    }
    H2Stream s = streams.remove(id);
    if (s != null) {
      cancel(s);
    }
  }

  /** Stops a stream's handler: its writes fail, a wait for window ends, it is interrupted. */
  private void cancel(H2Stream s) {
    s.reset = true;
    s.body.fail(new java.io.InterruptedIOException("stream reset"));
    out.wake();
    Thread t = s.handler;
    if (t != null) {
      t.interrupt();
    }
  }

  private void resetStream(int id, ErrorCode code) throws IOException {
    H2Stream s = streams.remove(id);
    if (s != null) {
      cancel(s);
    }
    resetByUs.add(id);
    if (resetByUs.size() > RESET_MEMORY) {
      resetByUs.removeFirst();
    }
    out.control(w -> w.rstStream(id, code));
  }

  /**
   * Graceful shutdown: GOAWAY with the last stream id this side will serve; the connection closes
   * when the streams in flight finish. Returns true if it is closed already.
   */
  public boolean drain() {
    draining = true;
    if (started) {
      sendGoAway();
    }
    if (started && streams.isEmpty()) {
      close();
    }
    return closed;
  }

  private void sendGoAway() {
    if (goAwaySent.compareAndSet(false, true)) {
      try {
        out.control(w -> w.goAway(highestStreamId, ErrorCode.NO_ERROR, "shutting down"));
      } catch (IOException e) {
        close();
      }
    }
  }

  private void goAwayAndClose(ErrorCode code, String why) {
    if (!endingSent.compareAndSet(false, true)) {
      close(); // the liveness watch is ending the connection already
      return;
    }
    try {
      out.control(w -> w.goAway(highestStreamId, code, why == null ? "" : why));
      out.awaitSent(1000);
      lingerThenClose();
    } catch (IOException ignored) {
      // the peer is gone already
    }
    close();
  }

  /**
   * Closing with unread input makes TCP send a reset that can destroy the GOAWAY before the peer
   * reads it: half-close, then drain a bounded amount for a short while (as the HTTP/1.1 side
   * does).
   */
  private void lingerThenClose() throws IOException {
    if (socket instanceof javax.net.ssl.SSLSocket) {
      return; // TLS has no half-close; the GOAWAY is flushed already
    }
    socket.shutdownOutput();
    socket.setSoTimeout(500);
    byte[] sink = new byte[8192];
    long left = 1 << 20;
    int n;
    while (left > 0 && (n = in.read(sink)) > 0) {
      left -= n;
    }
  }

  /** Lets the writer send what is queued (a last DATA, a GOAWAY), then closes the socket. */
  private void close() {
    closed = true;
    out.awaitSent(1000);
    out.close();
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  /**
   * From the liveness watch's thread: GOAWAY, then FIN; the reader goes on draining (and ignoring)
   * what the peer still sends for a moment, as in {@link #lingerThenClose}, then the socket closes
   * and the reader's end cancels the streams.
   */
  private void failFromWatch(ErrorCode code, String why) {
    if (closed || !endingSent.compareAndSet(false, true)) {
      return;
    }
    failed = true;
    try {
      out.control(w -> w.goAway(highestStreamId, code, why));
      out.awaitSent(1000);
      if (!(socket instanceof javax.net.ssl.SSLSocket)) {
        socket.shutdownOutput();
        Thread r = readerThread;
        if (r != null) {
          r.join(java.time.Duration.ofMillis(500)); // ends early when the peer closes
        }
      }
    } catch (IOException ignored) {
      // the peer is gone already
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  private void shutdown() {
    liveness.stop();
    close();
    for (H2Stream s : streams.values()) {
      cancel(s);
    }
    streams.clear();
  }
}
