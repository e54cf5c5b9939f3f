package dev.patina.http.internal.h1;

import dev.patina.http.Handler;
import dev.patina.http.Limits;
import dev.patina.http.internal.route.InlineRoutes;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The server's I/O threads: one {@link IoLoop} per processor on a platform thread of its own (a
 * loop that waits in {@code select} should not hold a carrier of the virtual threads), connections
 * dealt out in turn.
 */
public final class IoLoops {
  private final IoLoop[] loops;
  private int next;

  public IoLoops(
      int count,
      Handler handler,
      InlineRoutes inline,
      Limits limits,
      IoLoop.Handoff handoff,
      Connection.Draining draining)
      throws IOException {
    loops = new IoLoop[count];
    for (int i = 0; i < count; i++) {
      loops[i] = new IoLoop(handler, inline, limits, handoff, draining);
      Thread.ofPlatform().name("patina-http-io-" + i).daemon(true).start(loops[i]);
    }
  }

  /** Gives a newly accepted connection to the next loop (called by the one accepting thread). */
  public void add(SocketChannel ch) {
    IoLoop loop = loops[next];
    next = (next + 1) % loops.length;
    loop.add(ch);
  }

  public void drain() {
    for (IoLoop l : loops) {
      l.drain();
    }
  }

  /** Closes every connection still served by a loop; returns about how many there were. */
  public int abort() {
    int left = 0;
    for (IoLoop l : loops) {
      left += l.done() ? 0 : l.connections();
      l.abort();
    }
    return left;
  }

  /** True when every loop has ended (after {@link #drain} and their last connections). */
  public boolean done() {
    for (IoLoop l : loops) {
      if (!l.done()) {
        return false;
      }
    }
    return true;
  }
}
