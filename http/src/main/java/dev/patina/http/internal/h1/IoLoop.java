package dev.patina.http.internal.h1;

import dev.patina.http.Body;
import dev.patina.http.Handler;
import dev.patina.http.Headers;
import dev.patina.http.Limits;
import dev.patina.http.Request;
import dev.patina.http.Response;
import dev.patina.http.internal.h2.H2Connection;
import dev.patina.http.internal.route.InlineRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One I/O thread serving plaintext HTTP/1.1 connections from a {@link Selector}. A request without
 * a body whose route never blocks ({@link Handler.NonBlocking}) is answered right here, where it
 * was read: no virtual thread is parked and woken for it, which is what a request costs most on the
 * virtual-thread path (the JDK's poller registration, the unpark and the carrier switch; see
 * docs/benchmarks.md). Pipelined requests read together are answered with one write.
 *
 * <p>Anything else (a body, {@code Expect}, an upgrade, the HTTP/2 preface, a route that may block,
 * a head the loop cannot parse, a streamed response) hands the connection to a virtual thread
 * ({@link Connection}) together with the bytes read and not yet consumed, and it stays there: that
 * path has every rule of the server, so the loop only has to recognise the simple case and never
 * decides an error itself.
 */
public final class IoLoop implements Runnable {
  /** Starts a virtual thread for a connection the loop gives up ({@link Connection#handedOver}). */
  @FunctionalInterface
  public interface Handoff {
    void start(SocketChannel ch, byte[] bytes, int length, RequestHead head, Response response);
  }

  private static final byte[] REQUEST_TIMEOUT =
      "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static final long SWEEP_NANOS = 20_000_000; // deadlines hold to within ~20 ms

  private final Selector selector;
  private final Handler handler;
  private final InlineRoutes inline;
  private final Limits limits;
  private final Handoff handoff;
  private final Connection.Draining draining;
  private final ConcurrentLinkedQueue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
  private final ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);
  private final byte[] scratch = new byte[16 * 1024]; // one connection's input at a time
  private final ConnectionInput parseInput = ConnectionInput.over(scratch);
  private final Sink sink = new Sink();
  private final ResponseWriter writer = new ResponseWriter(sink);
  private final List<Given> given = new ArrayList<>();
  private final long idleNanos;
  private final long headerNanos;
  private volatile boolean stopping; // draining: close idle connections, take no new requests
  private volatile boolean aborted; // the grace period is over: close everything
  private volatile boolean done;
  private int open;
  private long nextSweep;

  public IoLoop(
      Handler handler,
      InlineRoutes inline,
      Limits limits,
      Handoff handoff,
      Connection.Draining draining)
      throws IOException {
    this.selector = Selector.open();
    this.handler = handler;
    this.inline = inline;
    this.limits = limits;
    this.handoff = handoff;
    this.draining = draining;
    this.idleNanos = limits.idleTimeout().toNanos();
    this.headerNanos = limits.headerTimeout().toNanos();
  }

  /** Takes a newly accepted connection (any thread). */
  public void add(SocketChannel ch) {
    incoming.add(ch);
    selector.wakeup();
  }

  /** Graceful shutdown: idle connections close now, the others after their answer. */
  public void drain() {
    stopping = true;
    selector.wakeup();
  }

  /** The grace period is over: every connection still here closes. */
  public void abort() {
    aborted = true;
    selector.wakeup();
  }

  /** True once the loop has ended (after {@link #drain} and its last connection). */
  public boolean done() {
    return done;
  }

  /** Connections the loop serves now (its own thread's count; approximate elsewhere). */
  public int connections() {
    return open;
  }

  @Override
  public void run() {
    try {
      while (true) {
        takeIncoming();
        if (aborted || (stopping && closeIdle())) {
          break;
        }
        // the select variant that hands each ready key to us: no selected-key set to fill and
        // empty per event
        selector.select(this::serveKey, open == 0 ? 0 : SWEEP_NANOS / 1_000_000);
        while (!given.isEmpty()) {
          List<Given> leaving = new ArrayList<>(given);
          given.clear();
          // deregisters the keys given up (so their channels may block); keys that became ready
          // meanwhile are served, and may give up more connections for the next round
          selector.selectNow(this::serveKey);
          startGiven(leaving);
        }
        sweep();
      }
    } catch (IOException | RuntimeException e) {
      // the selector failed: nothing left to serve with; the connections are closed below
    } finally {
      for (SelectionKey k : selector.keys()) {
        closeQuietly(k);
      }
      SocketChannel ch;
      while ((ch = incoming.poll()) != null) {
        closeQuietly(ch);
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing to do
      }
      done = true;
    }
  }

  private void takeIncoming() {
    SocketChannel ch;
    while ((ch = incoming.poll()) != null) {
      if (stopping) {
        closeQuietly(ch);
        continue;
      }
      try {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        LoopConnection c = new LoopConnection(ch);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        c.deadline = idleNanos == 0 ? 0 : System.nanoTime() + idleNanos;
        open++;
      } catch (IOException e) {
        closeQuietly(ch);
      }
    }
  }

  /** While draining: closes connections between requests; true when none is left. */
  private boolean closeIdle() {
    for (SelectionKey k : selector.keys()) {
      if (k.attachment() instanceof LoopConnection c && c.restLength == 0 && c.out == null) {
        close(c);
      }
    }
    return open == 0;
  }

  private void serveKey(SelectionKey k) {
    if (!k.isValid() || !(k.attachment() instanceof LoopConnection c)) {
      return;
    }
    try {
      if (k.isWritable()) {
        writable(c);
      } else if (k.isReadable()) {
        readable(c);
      }
    } catch (IOException | RuntimeException e) {
      close(c); // the peer went away, or a reset: nothing to answer
    }
  }

  private void readable(LoopConnection c) throws IOException {
    int length = c.restLength;
    if (length > 0) {
      System.arraycopy(c.rest, 0, scratch, 0, length);
    }
    direct.clear().limit(scratch.length - length);
    int n = c.ch.read(direct);
    if (n < 0) {
      close(c); // clean end between requests, or the client gave up mid-head
      return;
    }
    direct.flip();
    direct.get(scratch, length, n);
    serve(c, length + n);
  }

  /** Answers the complete requests in {@code scratch[0..length)}, keeps the rest, writes. */
  private void serve(LoopConnection c, int length) throws IOException {
    int pos = 0;
    boolean first = !c.served;
    c.served = true;
    if (first && mayBePreface(length)) {
      giveUp(c, 0, length, null, null); // HTTP/2 by prior knowledge: the virtual thread path
      return;
    }
    while (pos < length) {
      int headEnd = headEnd(pos, length);
      if (headEnd < 0) {
        if (pos == 0 && length == scratch.length) {
          giveUp(c, 0, length, null, null); // a long head: the thread path reads it under budget
          return;
        }
        break;
      }
      RequestHead head = parse(pos, headEnd);
      String path = head == null ? null : path(head.target());
      if (head == null
          || head.bodyLength() != 0
          || head.expect() != null
          || head.connectionHas(RequestHead.CONNECTION_UPGRADE)
          || !inline.nonBlocking(head.method(), path)) {
        giveUp(c, pos, length, null, null);
        return;
      }
      pos = headEnd;
      Response response = answer(head);
      boolean keep = head.keepAlive() && !draining.draining() && !stopping;
      if (response.body() instanceof Body.Streamed) {
        giveUp(c, pos, length, head, response); // writing it may block
        return;
      }
      if (!Connection.writeResponse(writer, response, head, keep)) {
        c.closeAfterWrite = true;
        pos = length; // nothing after a closing answer is read
        break;
      }
    }
    keepRest(c, pos, length);
    flush(c);
  }

  /** The HTTP/2 connection preface, or the start of it, at the very beginning of a connection. */
  private boolean mayBePreface(int length) {
    byte[] preface = H2Connection.PREFACE;
    int n = Math.min(length, preface.length);
    return n > 0 && Arrays.equals(scratch, 0, n, preface, 0, n);
  }

  /** Index just past the empty line that ends a head starting at {@code from}, or -1. */
  private int headEnd(int from, int to) {
    for (int i = from; i < to; i++) {
      if (scratch[i] == '\n') {
        if (i + 1 < to && scratch[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < to && scratch[i + 1] == '\r' && scratch[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** The head in {@code scratch[from..to)}, or null for anything the thread path must judge. */
  private RequestHead parse(int from, int to) {
    parseInput.reset(from, to);
    try {
      RequestHead head = HeadParser.parse(parseInput, limits);
      return parseInput.position() == to ? head : null;
    } catch (IOException | ProtocolException e) {
      return null; // leading empty lines, or a bad head: the thread path answers it
    }
  }

  private static String path(String target) {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  private Response answer(RequestHead head) {
    Headers headers = head.headers();
    Request request =
        new Request(
            head.method(), head.target(), head.version(), headers, InputStream.nullInputStream());
    try {
      Response r = handler.handle(request);
      return r != null ? r : Connection.INTERNAL_ERROR;
    } catch (Exception e) { // interrupted too: a non-blocking handler has nothing to wait for
      return Connection.INTERNAL_ERROR;
    }
  }

  private void keepRest(LoopConnection c, int pos, int length) {
    int rest = length - pos;
    if (rest == 0) {
      c.restLength = 0;
      c.headStart = 0;
      c.deadline = idleNanos == 0 ? 0 : System.nanoTime() + idleNanos;
      return;
    }
    if (c.rest == null || c.rest.length < rest) {
      c.rest = new byte[Math.max(rest, 512)];
    }
    System.arraycopy(scratch, pos, c.rest, 0, rest);
    c.restLength = rest;
    long now = System.nanoTime();
    if (c.headStart == 0 || pos > 0) {
      c.headStart = now; // a new head began in this read
    }
    long d = headerNanos == 0 ? 0 : c.headStart + headerNanos;
    if (idleNanos != 0) {
      d = d == 0 ? now + idleNanos : Math.min(d, now + idleNanos);
    }
    c.deadline = d;
  }

  /** Writes what the answers put in the sink; what the socket does not take waits for OP_WRITE. */
  private void flush(LoopConnection c) throws IOException {
    int len = sink.count;
    int off = 0;
    while (off < len) {
      int chunk = Math.min(direct.capacity(), len - off);
      direct.clear();
      direct.put(sink.buf, off, chunk).flip();
      int n = c.ch.write(direct);
      off += n;
      if (n < chunk) {
        break; // the socket's buffer is full
      }
    }
    sink.count = 0;
    if (off < len) {
      c.out = Arrays.copyOfRange(sink.buf, off, len);
      c.outPos = 0;
      c.key.interestOps(SelectionKey.OP_WRITE);
      c.deadline = idleNanos == 0 ? 0 : System.nanoTime() + idleNanos;
      return;
    }
    afterWrite(c);
  }

  private void writable(LoopConnection c) throws IOException {
    while (c.outPos < c.out.length) {
      int chunk = Math.min(direct.capacity(), c.out.length - c.outPos);
      direct.clear();
      direct.put(c.out, c.outPos, chunk).flip();
      int n = c.ch.write(direct);
      c.outPos += n;
      if (n < chunk) {
        c.deadline = idleNanos == 0 ? 0 : System.nanoTime() + idleNanos;
        return; // still full: wait for the next OP_WRITE
      }
    }
    c.out = null;
    c.key.interestOps(SelectionKey.OP_READ);
    afterWrite(c);
  }

  private void afterWrite(LoopConnection c) {
    if (c.givenAfterWrite != null) {
      Given g = c.givenAfterWrite;
      c.givenAfterWrite = null;
      handOver(c, g); // a request is waiting there, draining or not
    } else if (c.closeAfterWrite || (stopping && c.restLength == 0)) {
      close(c);
    }
  }

  /**
   * Gives the connection to a virtual thread with {@code scratch[from..to)} unread and, if not
   * null, {@code response} to send first. Answers already in the sink go out before that.
   */
  private void giveUp(LoopConnection c, int from, int to, RequestHead head, Response response)
      throws IOException {
    Given g = new Given(c.ch, Arrays.copyOfRange(scratch, from, to), to - from, head, response);
    c.restLength = 0;
    c.givenAfterWrite = g;
    flush(c); // hands over at once if everything was written, else after OP_WRITE
  }

  private void handOver(LoopConnection c, Given g) {
    c.key.cancel();
    open--;
    given.add(g);
  }

  private void startGiven(List<Given> leaving) {
    for (Given g : leaving) {
      try {
        g.ch.configureBlocking(true);
        handoff.start(g.ch, g.bytes, g.length, g.head, g.response);
      } catch (IOException | RuntimeException e) {
        closeQuietly(g.ch);
      }
    }
  }

  /** Closes connections past their idle or head deadline (a late head gets a 408 first). */
  private void sweep() {
    long now = System.nanoTime();
    if (now - nextSweep < 0) {
      return;
    }
    nextSweep = now + SWEEP_NANOS;
    for (SelectionKey k : selector.keys()) {
      if (k.attachment() instanceof LoopConnection c
          && c.deadline != 0
          && now - c.deadline >= 0
          && k.isValid()) {
        if (c.restLength > 0 && c.out == null) {
          try {
            c.ch.write(ByteBuffer.wrap(REQUEST_TIMEOUT)); // best effort, as the thread path does
          } catch (IOException ignored) {
            // closing anyway
          }
        }
        close(c);
      }
    }
  }

  private void close(LoopConnection c) {
    if (c.key.isValid()) {
      open--;
    }
    closeQuietly(c.key);
  }

  private static void closeQuietly(SelectionKey k) {
    k.cancel();
    closeQuietly((SocketChannel) k.channel());
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** A connection the loop gives to a virtual thread, and what it had read and answered. */
  private record Given(
      SocketChannel ch, byte[] bytes, int length, RequestHead head, Response response) {}

  /** Per-connection state while the loop serves it. */
  private static final class LoopConnection {
    final SocketChannel ch;
    SelectionKey key;
    byte[] rest; // a head not complete yet
    int restLength;
    long headStart; // System.nanoTime() when the head in rest began, 0 for none
    long deadline; // System.nanoTime() by which the connection must make progress, 0 for none
    byte[] out; // answers the socket did not take yet
    int outPos;
    boolean closeAfterWrite;
    boolean served;
    Given givenAfterWrite;

    LoopConnection(SocketChannel ch) {
      this.ch = ch;
    }
  }

  /** The answers of one read, gathered for one write. */
  private static final class Sink extends java.io.OutputStream {
    byte[] buf = new byte[16 * 1024];
    int count;

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }
}
