package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** What the upload tests share: random files, SHA-256 answers, a peer program's outcome. */
final class Uploads {
  private Uploads() {}

  /** What a peer program printed and how it ended. */
  record Result(int exit, String stdout, String stderr) {}

  /**
   * The SHA-256 (hex) and byte count of a stream read to its end, as the hashing handlers answer;
   * {@code onFirstBytes} runs once the first bytes have been read.
   */
  static String hashStream(InputStream in, Runnable onFirstBytes) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      md.update(buf, 0, n);
      if (total == 0 && n > 0) {
        onFirstBytes.run();
      }
      total += n;
    }
    return HexFormat.of().formatHex(md.digest()) + " " + total + "\n";
  }

  /** What a hashing handler answers for the file {@code f}. */
  static String expected(Path f) throws IOException {
    return expected(Files.readAllBytes(f));
  }

  /** What a hashing handler answers for {@code data}. */
  static String expected(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data)) + " " + data.length + "\n";
  }

  /** {@code size} pseudo-random bytes in {@code dir/name}, written once. */
  static Path randomFile(Path dir, String name, int size) throws IOException {
    Path f = dir.resolve(name);
    if (!Files.exists(f)) {
      byte[] data = new byte[size];
      new Random(size).nextBytes(data);
      Files.write(f, data);
    }
    return f;
  }

  /** Waits for {@code p} (at most {@code seconds}), reading both output streams meanwhile. */
  static Result finish(Process p, int seconds, String what) throws InterruptedException {
    // both streams on virtual threads: a full pipe must not stall the peer
    byte[][] streams = new byte[2][];
    Thread o = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
    Thread e = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), what + " finished");
    o.join();
    e.join();
    return new Result(
        p.exitValue(),
        new String(streams[0], StandardCharsets.UTF_8),
        new String(streams[1], StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException ex) {
      return new byte[0];
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
