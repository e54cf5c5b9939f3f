package dev.patina.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/** Peer programs for the HTTP/2 client tests: started, waited for, stopped; PEM certificates. */
final class H2Peers {
  static final String PYTHON = "/usr/bin/python3";

  private H2Peers() {}

  /** Skips the calling test (with a printed reason) when {@code program} is not installed. */
  static void require(String program) {
    boolean ok = Files.isExecutable(Path.of(program));
    if (!ok) {
      System.out.println("skipped: " + program + " is not installed");
    }
    Assumptions.assumeTrue(ok, program + " is not installed");
  }

  /** Skips unless /usr/bin/python3 can import the h2 package (Debian python3-h2). */
  static void requirePythonH2() throws Exception {
    require(PYTHON);
    Process p = new ProcessBuilder(PYTHON, "-c", "import h2").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    if (!ok) {
      System.out.println("skipped: python3-h2 is not installed");
    }
    Assumptions.assumeTrue(ok, "python3-h2 is not installed");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code cmd} with its output in {@code log} and waits until it accepts on {@code port}.
   */
  static Process start(Path log, int port, String... cmd) throws Exception {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(
            String.join(" ", cmd) + " exited: " + Files.readString(log, StandardCharsets.UTF_8));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return p;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException(String.join(" ", cmd) + " did not listen on " + port);
  }

  static void stop(Process p) throws InterruptedException {
    if (p != null) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** A self-signed EC certificate for 127.0.0.1 and localhost: {key.pem, cert.pem} in dir. */
  static Path[] pemCertificate(Path dir) throws Exception {
    require("/usr/bin/openssl");
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl failed: " + out);
    }
    return new Path[] {key, cert};
  }

  /** A client context trusting only the PEM certificate {@code cert}. */
  static SSLContext trustingPem(Path cert) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      ks.setCertificateEntry(
          "peer", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** SHA-256 (hex) of a stream read to its end, and its length. */
  static String hash(InputStream in) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      md.update(buf, 0, n);
      total += n;
    }
    return HexFormat.of().formatHex(md.digest()) + " " + total;
  }

  static String hash(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data)) + " " + data.length;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
