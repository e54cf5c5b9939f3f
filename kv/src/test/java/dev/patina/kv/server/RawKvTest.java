package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiSession;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/** RawKV through the official client (tikv-client-java 3.3.5, unchanged) against PD + one store. */
class RawKvTest {
  @TempDir static Path dir;
  static TestCluster cluster;
  static TiSession session;
  static RawKVClient raw;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(dir);
    session = cluster.rawSession();
    raw = session.createRawClient();
  }

  @AfterAll
  static void stop() throws Exception {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void putGetDelete() {
    raw.put(bs("k1"), bs("v1"));
    assertEquals(Optional.of(bs("v1")), raw.get(bs("k1")));
    raw.delete(bs("k1"));
    assertFalse(raw.get(bs("k1")).isPresent());
    assertTrue(cluster.kv.regionCount() >= 1);
  }
}
