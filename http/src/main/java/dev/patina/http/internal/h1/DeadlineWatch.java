package dev.patina.http.internal.h1;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the read deadlines of server connections with one sleeping thread, instead of a timed
 * read per request. A timed read on a virtual thread schedules and cancels a timer in the JDK's
 * scheduler on every park; measured on the hello-world benchmark that cost ~30% of the server's CPU
 * per request (docs/benchmarks.md). Here a read only publishes its deadline (a volatile write);
 * every {@link #TICK_MILLIS} this thread looks at the connections blocked in a read and, for one
 * past its deadline, shuts the socket's input down, which ends the read at once. Deadlines are
 * therefore kept to within about one tick.
 */
final class DeadlineWatch {
  static final long TICK_MILLIS = 10;

  private static final Set<ConnectionInput> WATCHED = ConcurrentHashMap.newKeySet();

  static {
    Thread t = new Thread(DeadlineWatch::loop, "patina-http-deadlines");
    t.setDaemon(true);
    t.start();
  }

  private DeadlineWatch() {}

  static void watch(ConnectionInput in) {
    WATCHED.add(in);
  }

  static void unwatch(ConnectionInput in) {
    WATCHED.remove(in);
  }

  private static void loop() {
    while (true) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return; // only at JVM exit: nobody else holds this thread
      }
      long now = System.nanoTime();
      for (ConnectionInput in : WATCHED) {
        in.expireIfDue(now);
      }
    }
  }
}
