package dev.patina.wasm.wasi.internal;

import dev.patina.wasm.TrapException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}: clock subscriptions (relative or absolute, realtime or monotonic) and fd
 * readiness. Files and standard output are always ready, as in wasmtime; standard input is ready
 * when bytes are buffered (or at once if nothing else could end the wait); sockets are polled with
 * a {@link Selector}. An interrupted run (a timeout) ends a wait with a trap "interrupted".
 */
final class PollCalls {
  private static final int TAG_CLOCK = 0;
  private static final int TAG_FD_READ = 1;
  private static final int TAG_FD_WRITE = 2;
  private static final long STDIN_POLL_NANOS = 10_000_000L;
  private static final long SLICE_NANOS = 50_000_000L;

  private final WasiContext ctx;
  private final ProcCalls clocks;

  PollCalls(WasiContext ctx) {
    this.ctx = ctx;
    this.clocks = new ProcCalls(ctx);
  }

  private record Sub(long userdata, int tag, long deadline, Descriptor fd) {}

  int pollOneoff(Guest g, long[] a) throws IOException {
    long in = a[0];
    long out = a[1];
    long count = a[2];
    if (count == 0) {
      return Errno.INVAL;
    }
    g.check(in, count * Wasi1.SUBSCRIPTION_SIZE);
    g.check(out, count * Wasi1.EVENT_SIZE);
    g.check(a[3], 4);
    long now = ctx.monotonicNanos();
    List<Sub> subs = new ArrayList<>();
    long deadline = Long.MAX_VALUE;
    for (long i = 0; i < count; i++) {
      long s = in + i * Wasi1.SUBSCRIPTION_SIZE;
      long userdata = g.readLong(s);
      int tag = g.readU8(s + 8);
      switch (tag) {
        case TAG_CLOCK -> {
          int id = g.readInt(s + 16);
          long timeout = g.readLong(s + 24);
          if (timeout < 0) {
            timeout = Long.MAX_VALUE; // beyond 2^63 ns (292 years): forever
          }
          boolean absolute = (g.readU16(s + 40) & Wasi1.SUBSCRIPTION_CLOCK_ABSTIME) != 0;
          long at =
              switch (id) {
                case Wasi1.CLOCK_MONOTONIC -> absolute ? timeout : saturatingAdd(now, timeout);
                case Wasi1.CLOCK_REALTIME -> {
                  if (!absolute) {
                    yield saturatingAdd(now, timeout);
                  }
                  long wait = timeout - clocks.now(Wasi1.CLOCK_REALTIME);
                  yield wait <= 0 ? now : saturatingAdd(now, wait);
                }
                default -> throw new ErrnoException(Errno.INVAL);
              };
          deadline = Math.min(deadline, at);
          subs.add(new Sub(userdata, tag, at, null));
        }
        case TAG_FD_READ, TAG_FD_WRITE -> {
          Descriptor d = ctx.fds.get(g.readInt(s + 16));
          if (d instanceof Descriptor.Directory) {
            throw new ErrnoException(Errno.BADF);
          }
          subs.add(new Sub(userdata, tag, 0, d));
        }
        default -> {
          return Errno.INVAL;
        }
      }
    }
    boolean sockets = false;
    boolean stdin = false;
    for (Sub s : subs) {
      sockets |= s.fd instanceof Descriptor.Socket || s.fd instanceof Descriptor.Listener;
      stdin |= s.fd instanceof Descriptor.Input;
    }
    // Standard input cannot be waited on: with nothing else to end the wait, report it ready.
    boolean stdinAlwaysReady = stdin && !sockets && deadline == Long.MAX_VALUE;
    List<ByteBuffer> events = new ArrayList<>();
    while (true) {
      events.clear();
      for (Sub s : subs) {
        ByteBuffer e = immediate(s, stdinAlwaysReady);
        if (e != null) {
          events.add(e);
        }
      }
      if (sockets) {
        long wait = events.isEmpty() ? waitNanos(deadline, stdin) : 0;
        selectSockets(subs, events, wait);
      } else if (events.isEmpty()) {
        sleep(waitNanos(deadline, stdin));
      }
      long t = ctx.monotonicNanos();
      for (Sub s : subs) {
        if (s.tag == TAG_CLOCK && s.deadline <= t) {
          events.add(event(s.userdata, Errno.SUCCESS, TAG_CLOCK, 0, 0));
        }
      }
      if (!events.isEmpty()) {
        break;
      }
    }
    for (int i = 0; i < events.size(); i++) {
      g.write(out + (long) i * Wasi1.EVENT_SIZE, events.get(i).array());
    }
    g.writeInt(a[3], events.size());
    return Errno.SUCCESS;
  }

  private long waitNanos(long deadline, boolean stdin) {
    long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - ctx.monotonicNanos();
    return stdin ? Math.min(wait, STDIN_POLL_NANOS) : wait;
  }

  /** The event of a file or stdio subscription that is ready now, or null. */
  private static ByteBuffer immediate(Sub s, boolean stdinAlwaysReady) throws IOException {
    return switch (s.fd) {
      case null -> null;
      case Descriptor.File f -> {
        if (s.tag == TAG_FD_READ) {
          long left = Math.max(0, f.channel.size() - f.channel.position());
          yield event(
              s.userdata,
              Errno.SUCCESS,
              s.tag,
              left,
              left == 0 ? Wasi1.EVENT_FD_READWRITE_HANGUP : 0);
        }
        yield event(s.userdata, Errno.SUCCESS, s.tag, 1, 0);
      }
      case Descriptor.Input i -> {
        if (s.tag != TAG_FD_READ) {
          yield event(s.userdata, Errno.BADF, s.tag, 0, 0);
        }
        int available = i.in().available();
        yield available > 0 || stdinAlwaysReady
            ? event(s.userdata, Errno.SUCCESS, s.tag, Math.max(available, 1), 0)
            : null;
      }
      case Descriptor.Output o ->
          s.tag == TAG_FD_WRITE
              ? event(s.userdata, Errno.SUCCESS, s.tag, 1, 0)
              : event(s.userdata, Errno.BADF, s.tag, 0, 0);
      default -> null;
    };
  }

  private void selectSockets(List<Sub> subs, List<ByteBuffer> events, long waitNanos)
      throws IOException {
    List<SelectableChannel> channels = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      List<SelectionKey> keys = new ArrayList<>();
      for (Sub s : subs) {
        SelectableChannel ch =
            switch (s.fd) {
              case Descriptor.Socket sock -> sock.channel;
              case Descriptor.Listener l -> l.channel;
              case null, default -> null;
            };
        if (ch == null) {
          keys.add(null);
          continue;
        }
        int ops =
            s.fd instanceof Descriptor.Listener
                ? (s.tag == TAG_FD_READ ? SelectionKey.OP_ACCEPT : 0)
                : (s.tag == TAG_FD_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        if (!channels.contains(ch)) {
          ch.configureBlocking(false);
          channels.add(ch);
        }
        SelectionKey key = ch.keyFor(selector);
        key = key == null ? ch.register(selector, ops) : key.interestOps(key.interestOps() | ops);
        keys.add(key);
      }
      if (waitNanos <= 0) {
        selector.selectNow();
      } else {
        long ms = Math.max(1, Math.min(waitNanos / 1_000_000, Long.MAX_VALUE / 2));
        selector.select(Math.min(ms, SLICE_NANOS / 1_000_000));
        checkInterrupt();
      }
      for (int i = 0; i < subs.size(); i++) {
        SelectionKey key = keys.get(i);
        if (key == null || !key.isValid()) {
          continue;
        }
        Sub s = subs.get(i);
        int ready = key.readyOps();
        boolean hit =
            s.tag == TAG_FD_READ
                ? (ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0
                : (ready & SelectionKey.OP_WRITE) != 0;
        if (hit) {
          events.add(event(s.userdata, Errno.SUCCESS, s.tag, 1, 0));
        }
      }
    } finally {
      for (SelectableChannel ch : channels) {
        ch.configureBlocking(true);
      }
    }
  }

  /** Sleeps up to {@code nanos}, in slices so that an interruption of the run ends it. */
  private void sleep(long nanos) {
    if (nanos <= 0) {
      return;
    }
    long slice = Math.min(nanos, SLICE_NANOS);
    try {
      Thread.sleep(slice / 1_000_000, (int) (slice % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrapException("interrupted");
    }
    checkInterrupt();
  }

  private void checkInterrupt() {
    if (ctx.interrupted) {
      throw new TrapException("interrupted");
    }
  }

  private static ByteBuffer event(long userdata, int errno, int type, long nbytes, int flags) {
    ByteBuffer b = Guest.struct(Wasi1.EVENT_SIZE);
    b.putLong(0, userdata);
    b.putShort(8, (short) errno);
    b.put(10, (byte) type);
    b.putLong(16, nbytes);
    b.putShort(24, (short) flags);
    return b;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return b > 0 && r < a ? Long.MAX_VALUE : r;
  }
}
