package dev.patina.http.internal.h1;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the read deadlines of server connections with one sleeping thread, instead of a timed
 * read per request. A timed read on a virtual thread schedules and cancels a timer in the JDK's
 * scheduler on every park; measured on the hello-world benchmark that cost ~30% of the server's CPU
 * per request (docs/benchmarks.md). Here a read only publishes its deadline (a volatile write);
 * every {@link #TICK_MILLIS} this thread looks at the connections blocked in a read and, for one
 * past its deadline, shuts the socket's input down, which ends the read at once. Deadlines are
 * therefore kept to within about one tick. With no connection watched the thread parks until one is
 * (a process that served once does not keep waking 100 times a second).
 */
final class DeadlineWatch {
  static final long TICK_MILLIS = 10;

  private static final Set<ConnectionInput> WATCHED = ConcurrentHashMap.newKeySet();
  private static final Thread THREAD = new Thread(DeadlineWatch::loop, "patina-http-deadlines");

  static {
    THREAD.setDaemon(true);
    THREAD.start();
  }

  private DeadlineWatch() {}

  static void watch(ConnectionInput in) {
    WATCHED.add(in);
    LockSupport.unpark(THREAD); // once per connection: wakes the loop if it parked on an empty set
  }

  static void unwatch(ConnectionInput in) {
    WATCHED.remove(in);
  }

  private static void loop() {
    while (true) {
      if (WATCHED.isEmpty()) {
        // a watch() after this check leaves a permit, so the park returns at once
        LockSupport.park();
        continue;
      }
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
