package dev.patina.http;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A server that hashes uploads as they stream in, for upload measurements with curl (HTTP/1.1 and
 * HTTP/2): {@code UploadServer [port]}, then {@code curl -T file http://127.0.0.1:port/sha256}.
 * Bodies are unbounded ({@code maxBodyBytes} = {@code Long.MAX_VALUE}): memory stays at the
 * handler's 64 KiB buffer whatever the size.
 */
public final class UploadServer {
  private UploadServer() {}

  public static void main(String[] args) throws Exception {
    Limits limits =
        new Limits(64 * 1024, 100, Long.MAX_VALUE, Duration.ofSeconds(30), Duration.ofSeconds(30));
    Handler hash =
        req -> {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          InputStream in = req.bodyStream();
          byte[] buf = new byte[64 * 1024];
          long total = 0;
          for (int n; (n = in.read(buf)) >= 0; total += n) {
            md.update(buf, 0, n);
          }
          return Response.text(HexFormat.of().formatHex(md.digest()) + " " + total + "\n");
        };
    HttpServer server =
        HttpServer.builder()
            .limits(limits)
            .put("/sha256", hash)
            .post("/sha256", hash)
            .bind(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
    System.out.println("listening on " + server.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(Duration.ofSeconds(2))));
    Thread.sleep(Long.MAX_VALUE);
  }
}
