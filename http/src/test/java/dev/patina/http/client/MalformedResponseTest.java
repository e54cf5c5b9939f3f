package dev.patina.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.client.HttpClientException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Responses no real server would send (or only a broken one), from a raw socket: each must end in
 * one precise {@link HttpClientException}, never a hang or a wrong body.
 */
class MalformedResponseTest {

  /**
   * Accepts connections; on each, for every request head read, writes the next canned response
   * (cycling through {@code replies}); a reply of null closes the connection instead.
   */
  private static final class CannedServer implements AutoCloseable {
    final ServerSocket listener;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    CannedServer(List<String> replies, boolean closeAfterEach) throws IOException {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!listener.isClosed()) {
                      try {
                        Socket s = listener.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, replies, closeAfterEach));
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
    }

    private void serve(Socket s, List<String> replies, boolean closeAfterEach) {
      try (s) {
        InputStream in = s.getInputStream();
        while (readHead(in)) {
          String reply = replies.get(requests.getAndIncrement() % replies.size());
          if (reply == null) {
            return;
          }
          s.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
          if (closeAfterEach) {
            return;
          }
        }
      } catch (IOException ignored) {
        // the client went away
      }
    }

    /** Reads up to the blank line ending a request head (the tests send no bodies). */
    private static boolean readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        byte[] h = head.toByteArray();
        int n = h.length;
        if (n >= 4
            && h[n - 4] == '\r'
            && h[n - 3] == '\n'
            && h[n - 2] == '\r'
            && h[n - 1] == '\n') {
          return true;
        }
      }
      return false;
    }

    String url() {
      return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }

  private static HttpClientException failure(String reply) throws Exception {
    // a null reply: the server closes without answering (List.of would refuse the null)
    try (CannedServer server = new CannedServer(Collections.singletonList(reply), true);
        HttpClient client = HttpClient.builder().build()) {
      return assertThrows(
          HttpClientException.class,
          () -> {
            try (ClientResponse res = client.get(server.url())) {
              res.bytes(1 << 20);
            }
          });
    }
  }

  private static void assertFailure(Kind kind, String messagePart, String reply) throws Exception {
    HttpClientException e = failure(reply);
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void badStatusLines() throws Exception {
    assertFailure(Kind.MALFORMED_RESPONSE, "bad status line", "HTTP/1.1 2OO OK\r\n\r\n");
    assertFailure(Kind.MALFORMED_RESPONSE, "bad status line", "HTTP/2.0 200 OK\r\n\r\n");
    assertFailure(Kind.MALFORMED_RESPONSE, "bad status line", "SSH-2.0-OpenSSH_9.2\r\n");
    assertFailure(Kind.MALFORMED_RESPONSE, "bad status code", "HTTP/1.1 099 Odd\r\n\r\n");
  }

  @Test
  void badFields() throws Exception {
    assertFailure(
        Kind.MALFORMED_RESPONSE,
        "obsolete line folding",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: 0\r\n\r\n");
    assertFailure(
        Kind.MALFORMED_RESPONSE, "bad header name", "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n");
    assertFailure(
        Kind.MALFORMED_RESPONSE,
        "conflicting Content-Length",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
    assertFailure(
        Kind.MALFORMED_RESPONSE,
        "bad Content-Length",
        "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello");
    assertFailure(
        Kind.MALFORMED_RESPONSE,
        "response head too large",
        "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
  }

  @Test
  void badChunks() throws Exception {
    String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertFailure(Kind.MALFORMED_RESPONSE, "bad chunk size", head + "zz\r\nhello\r\n0\r\n\r\n");
    assertFailure(Kind.MALFORMED_RESPONSE, "not followed by CRLF", head + "5\r\nhelloXX0\r\n\r\n");
    assertFailure(Kind.CONNECTION_CLOSED, "closed", head + "10\r\nshort");
  }

  @Test
  void earlyCloses() throws Exception {
    assertFailure(Kind.CONNECTION_CLOSED, "before the response", null);
    assertFailure(Kind.CONNECTION_CLOSED, "inside the response head", "HTTP/1.1 200 OK\r\nX-A");
    assertFailure(
        Kind.CONNECTION_CLOSED,
        "mid-body",
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
  }

  @Test
  void bodyDelimitedByCloseIsReadWhole() throws Exception {
    try (CannedServer server =
            new CannedServer(List.of("HTTP/1.1 200 OK\r\n\r\nuntil the end"), true);
        HttpClient client = HttpClient.builder().build()) {
      for (int i = 0; i < 2; i++) {
        try (ClientResponse res = client.get(server.url())) {
          assertEquals("until the end", res.text());
        }
      }
      assertEquals(2, server.accepted.get(), "a close-delimited body ends its connection");
    }
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    String reply =
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    try (CannedServer server = new CannedServer(List.of(reply), false);
        HttpClient client = HttpClient.builder().build();
        ClientResponse res = client.get(server.url())) {
      assertEquals(200, res.status());
      assertEquals("ok", res.text());
    }
  }

  @Test
  void staleKeepAliveConnectionIsReplacedOnce() throws Exception {
    // keep-alive promised, but the server closes after each response (as after an idle timeout):
    // the second GET finds the pooled connection dead and is sent again on a new one
    String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    try (CannedServer server = new CannedServer(List.of(ok), true);
        HttpClient client = HttpClient.builder().build()) {
      for (int i = 0; i < 3; i++) {
        try (ClientResponse res = client.get(server.url())) {
          assertEquals("ok", res.text());
        }
        Thread.sleep(50); // let the server's close arrive
      }
      assertEquals(3, server.accepted.get());
      assertEquals(3, server.requests.get());
    }
  }

  @Test
  void invalidRequestsFailBeforeConnecting() throws Exception {
    try (HttpClient client = HttpClient.builder().build()) {
      HttpClientException ftp =
          assertThrows(HttpClientException.class, () -> client.get("ftp://127.0.0.1:1/"));
      assertEquals(Kind.INVALID_REQUEST, ftp.kind());
      assertTrue(ftp.getMessage().startsWith("unsupported scheme ftp"), ftp.getMessage());
      HttpClientException crlf =
          assertThrows(
              HttpClientException.class,
              () ->
                  client.send(
                      ClientRequest.get("http://127.0.0.1:1/").withHeader("X-A", "a\r\nX-B: b")));
      assertEquals(Kind.INVALID_REQUEST, crlf.kind());
      assertEquals(0, client.openedConnections());
    }
  }

  @Test
  void failingBodyWriterIsNotABrokenConnection() throws Exception {
    try (CannedServer server =
            new CannedServer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), false);
        HttpClient client = HttpClient.builder().build()) {
      ClientRequest upload =
          ClientRequest.post(
              URI.create(server.url()),
              "application/octet-stream",
              out -> {
                out.write(new byte[10_000]);
                out.flush();
                throw new IOException("disk gone");
              });
      HttpClientException e = assertThrows(HttpClientException.class, () -> client.send(upload));
      assertEquals(Kind.INVALID_REQUEST, e.kind());
      assertTrue(e.getMessage().contains("writer failed: disk gone"), e.getMessage());
    }
  }

  @Test
  void refusedConnectionIsAConnectError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (HttpClient client = HttpClient.builder().build()) {
      HttpClientException e =
          assertThrows(
              HttpClientException.class, () -> client.get("http://127.0.0.1:" + port + "/"));
      assertEquals(Kind.CONNECT, e.kind());
    }
  }
}
