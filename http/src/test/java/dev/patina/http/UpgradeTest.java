package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 upgrades (RFC 9110 §7.8): {@code 101 Switching Protocols}, then the handler's session
 * owns the connection. A WebSocket echo (RFC 6455, its few framing rules written in this test)
 * against python3-websockets' client, and the rules around it over a raw socket.
 */
@Timeout(30)
class UpgradeTest {
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static HttpServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        HttpServer.builder()
            .get(
                "/upper",
                req -> Response.upgrade("upper", UpgradeTest::upper).withHeader("X-A", "1"))
            .post("/upper", req -> Response.upgrade("upper", UpgradeTest::upper))
            .get("/ws", UpgradeTest::webSocket)
            .get("/hello", Handler.nonBlocking(req -> Response.text("hello")))
            .bind(0);
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  /** A toy protocol: every byte the client sends comes back upper-cased, until its FIN. */
  private static void upper(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(
          new String(buf, 0, n, StandardCharsets.US_ASCII)
              .toUpperCase(Locale.ROOT)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    out.close();
  }

  /** RFC 6455 §4.2.2: the accept key, and an echo of text frames until a close frame. */
  private static Response webSocket(Request req) throws Exception {
    String key = req.headers().get("sec-websocket-key");
    byte[] digest =
        MessageDigest.getInstance("SHA-1")
            .digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
    return Response.upgrade("websocket", UpgradeTest::echoFrames)
        .withHeader("Sec-WebSocket-Accept", Base64.getEncoder().encodeToString(digest));
  }

  private static void echoFrames(InputStream raw, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    while (true) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = in.readUnsignedShort();
      } else if (len == 127) {
        len = in.readLong();
      }
      byte[] mask = new byte[4];
      if ((b1 & 0x80) != 0) {
        in.readFully(mask); // client frames are masked (§5.3)
      }
      byte[] payload = new byte[(int) len];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      int opcode = b0 & 0x0f;
      if (opcode == 0x8) { // close: answer it and end (§5.5.1)
        out.write(new byte[] {(byte) 0x88, 0});
        out.flush();
        return;
      }
      if (opcode == 0x9) { // ping: pong
        b0 = 0x8A;
      }
      out.write(b0 | 0x80);
      if (payload.length < 126) {
        out.write(payload.length);
      } else {
        out.write(126);
        out.write(payload.length >> 8);
        out.write(payload.length);
      }
      out.write(payload);
      out.flush();
    }
  }

  @Test
  void aWebSocketClientTalksToTheSessionAfter101() throws Exception {
    H2Fixture.require("/usr/bin/python3");
    H2Fixture.Result probe = H2Fixture.run("/usr/bin/python3", "-c", "import websockets");
    if (probe.exit() != 0) {
      System.out.println("skipped: python3-websockets is not installed");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(probe.exit() == 0, "python3-websockets");
    String script = Path.of("src/test/python/ws_client.py").toAbsolutePath().toString();
    String longer = "x".repeat(300); // a 16-bit length field both ways
    H2Fixture.Result r =
        H2Fixture.run(
            "/usr/bin/python3",
            script,
            "ws://127.0.0.1:" + server.port() + "/ws",
            "hello",
            "wörld",
            longer);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("hello\nwörld\n" + longer + "\n", r.out());
  }

  @Test
  void bytesSentWithTheRequestBelongToTheNewProtocol() throws IOException {
    try (Wire w = new Wire(server.port())) {
      w.send(
          "GET /upper HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\n"
              + "Upgrade: foo/2, Upper\r\n\r\nhello ");
      InputStream in = w.socket.getInputStream();
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
      assertTrue(head.contains("\r\nUpgrade: upper\r\n") && head.contains("\r\nX-A: 1\r\n"), head);
      assertEquals("HELLO ", new String(in.readNBytes(6), StandardCharsets.US_ASCII));
      w.send("world");
      assertEquals("WORLD", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
      w.socket.shutdownOutput();
      assertEquals(-1, in.read(), "the session ended, and with it the connection");
    }
  }

  @Test
  void theRequestBodyIsReadBeforeSwitching() throws IOException {
    try (Wire w = new Wire(server.port())) {
      w.send(
          "POST /upper HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: upper\r\n"
              + "Content-Length: 5\r\n\r\nabcdexyz");
      w.socket.shutdownOutput();
      String out = w.readToClose();
      assertTrue(out.startsWith("HTTP/1.1 101 ") && out.endsWith("\r\n\r\nXYZ"), out);
    }
  }

  @Test
  void anUpgradeNobodyAskedForIs500() throws IOException {
    for (String request :
        new String[] {
          "GET /upper HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", // no Upgrade at all
          "GET /upper HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n",
          "GET /upper HTTP/1.0\r\nConnection: upgrade\r\nUpgrade: upper\r\n\r\n", // 1.0: no
          // upgrades
        }) {
      try (Wire w = new Wire(server.port())) {
        String out = w.send(request).readResponses(1);
        assertTrue(out.startsWith("HTTP/1.") && out.contains(" 500 "), request + "\n" + out);
      }
    }
  }

  @Test
  void noUpgradeOverHttp2() throws Exception {
    H2Fixture.require("/usr/bin/curl");
    H2Fixture.Result r =
        H2Fixture.run(
            "/usr/bin/curl",
            "-s",
            "--http2-prior-knowledge",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "http://127.0.0.1:" + server.port() + "/upper");
    assertEquals("500", r.out());
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
