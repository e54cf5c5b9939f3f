package dev.patina.stream.pgwire.internal;

import dev.patina.stream.pgwire.PgServerConfig;
import dev.patina.stream.pgwire.QueryEngine;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What all connections of one server share: settings, engine, live sessions by process id. */
public final class ServerState {
  private final PgServerConfig config;
  private final QueryEngine engine;
  private final Map<Integer, Connection> byPid = new ConcurrentHashMap<>();
  private final Map<String, Scram.Verifier> verifiers = new ConcurrentHashMap<>();
  private final AtomicInteger nextPid = new AtomicInteger(1);
  private final AtomicInteger sessions = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();

  public ServerState(PgServerConfig config, QueryEngine engine) {
    this.config = config;
    this.engine = engine;
  }

  public PgServerConfig config() {
    return config;
  }

  QueryEngine engine() {
    return engine;
  }

  int newPid() {
    return nextPid.getAndIncrement();
  }

  int newSecret() {
    return random.nextInt();
  }

  byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Takes a session slot, or returns false when {@code maxConnections} are in use. */
  boolean acquireSlot() {
    while (true) {
      int n = sessions.get();
      if (n >= config.maxConnections()) {
        return false;
      }
      if (sessions.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void releaseSlot() {
    sessions.decrementAndGet();
  }

  /** Sessions past startup. */
  public int sessionCount() {
    return sessions.get();
  }

  void register(Connection c) {
    byPid.put(c.processId(), c);
  }

  void unregister(Connection c) {
    byPid.remove(c.processId(), c);
  }

  /** Handles a CancelRequest: cancels the target's running statement if the key matches. */
  void cancel(int pid, int secret) {
    Connection c = byPid.get(pid);
    if (c != null && c.secretKey() == secret) {
      c.cancelRunning();
    }
  }

  Scram.Verifier verifier(String user, String password) {
    return verifiers.computeIfAbsent(user + "\0" + password, k -> Scram.Verifier.of(password));
  }

  /** Every live connection (for shutdown). */
  public Iterable<Connection> connections() {
    return byPid.values();
  }
}
