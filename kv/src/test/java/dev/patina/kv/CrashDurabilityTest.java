package dev.patina.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.mvcc.TimeStamps;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a writing process loses nothing it acknowledged: a child JVM writes with several
 * threads and prints an acknowledgement after each write returns; the test kills it with SIGKILL
 * mid-stream, reopens the database and checks every acknowledged key.
 */
class CrashDurabilityTest {
  @TempDir Path dir;

  @Test
  void acknowledgedRawWritesSurviveSigkill() throws Exception {
    Map<Integer, Long> acked = runAndKill(dir.resolve("raw"), "raw");
    try (Storage s =
        Storage.open(StorageOptions.builder(dir.resolve("raw")).blockCacheBytes(8 << 20).build())) {
      for (Map.Entry<Integer, Long> e : acked.entrySet()) {
        for (long n = 0; n <= e.getValue(); n++) {
          byte[] v = s.raw().get(KeyRange.ALL, "", key("t" + e.getKey() + "-" + n));
          assertEquals("v" + n, str(v), "t" + e.getKey() + "-" + n);
        }
      }
    }
  }

  @Test
  void acknowledgedCommitsSurviveSigkill() throws Exception {
    Map<Integer, Long> acked = runAndKill(dir.resolve("txn"), "txn");
    try (Storage s =
        Storage.open(StorageOptions.builder(dir.resolve("txn")).blockCacheBytes(8 << 20).build())) {
      for (Map.Entry<Integer, Long> e : acked.entrySet()) {
        for (long n = 0; n <= e.getValue(); n++) {
          String p = "t" + e.getKey() + "-" + n;
          byte[] a =
              s.txn().get(KeyRange.ALL, key(p + "-a"), TimeStamps.MAX, TxnReadOptions.DEFAULT);
          byte[] b =
              s.txn().get(KeyRange.ALL, key(p + "-b"), TimeStamps.MAX, TxnReadOptions.DEFAULT);
          assertEquals("v" + n, str(a), p);
          assertEquals("v" + n + "-" + "x".repeat(300), str(b), p);
        }
      }
    }
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String str(byte[] v) {
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private Map<Integer, Long> runAndKill(Path db, String mode) throws Exception {
    int threads = 4;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                db.toString(),
                Integer.toString(threads),
                mode)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<Integer, Long> acked = new HashMap<>();
    long total = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((line = r.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] f = line.split(" ");
          acked.merge(Integer.parseInt(f[1]), Long.parseLong(f[2]), Math::max);
          total++;
          if (total == 600) {
            // SIGKILL while the writers are mid-stream; keep reading what they acknowledged.
            p.toHandle().destroyForcibly();
          }
        }
        if (System.nanoTime() > deadline) {
          p.toHandle().destroyForcibly();
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(total >= 600, "child wrote " + total + " acknowledged writes");
    return acked;
  }
}
