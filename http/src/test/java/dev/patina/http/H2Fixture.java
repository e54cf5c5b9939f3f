package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assumptions;

/** What the HTTP/2 tests share: the routes they call, running peers, a self-signed certificate. */
final class H2Fixture {
  private H2Fixture() {}

  /** The routes every HTTP/2 test serves (the same handlers serve HTTP/1.1). */
  static HttpServer.Builder routes() {
    return HttpServer.builder()
        .get("/hello", req -> Response.json("{\"hello\":\"world\"}"))
        .get("/proto", req -> Response.text(req.version() + " " + req.headers().get("host")))
        .post("/sha256", req -> Response.text(sha256(req.body())))
        .put("/sha256", req -> Response.text(sha256(req.body())))
        .get(
            "/big",
            req -> {
              int n = Integer.parseInt(req.query().substring(2)); // ?n=<bytes>
              return Response.stream("application/octet-stream", out -> out.write(pattern(n)));
            })
        .get(
            "/slow",
            req -> {
              Thread.sleep(600);
              return Response.text("slow done");
            });
  }

  /** Deterministic bytes that a body check can recompute: not all the same, not random. */
  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8));
    }
    return b;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Skips the calling test (with a printed reason) when {@code program} is not installed. */
  static void require(String program) {
    boolean ok = Files.isExecutable(Path.of(program));
    if (!ok) {
      System.out.println("skipped: " + program + " is not installed");
    }
    Assumptions.assumeTrue(ok, program + " is not installed");
  }

  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs a peer program to its end (at most 30 s) and collects both output streams. */
  static Result run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).start();
    byte[][] streams = new byte[2][];
    Thread o = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
    Thread e = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    o.join();
    e.join();
    assertTrue(done, String.join(" ", cmd) + " finished in time");
    return new Result(p.exitValue(), streams[0], new String(streams[1], StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException ex) {
      return new byte[0];
    }
  }

  /** How many responses with status 200 {@code nghttp -v} printed. */
  static int statusOkCount(String nghttpVerbose) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("recv \\(stream_id=(\\d+)\\) :status: 200")
            .matcher(nghttpVerbose);
    int ok = 0;
    while (m.find()) {
      ok++;
    }
    return ok;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A TLS context with a fresh self-signed EC certificate for 127.0.0.1, made by keytool. */
  static SSLContext selfSignedTls(Path dir) throws Exception {
    return TestCerts.serverContext(TestCerts.selfSignedKeystore(dir));
  }
}
