package dev.patina.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.TestCerts;
import java.nio.file.Path;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS against Jetty 12's TLS connector (a peer not written here). */
class JettyTlsPeerTest {
  @TempDir static Path dir;
  private static Path store;
  private static Server server;
  private static int port;

  @BeforeAll
  static void startJetty() throws Exception {
    store = TestCerts.selfSignedKeystore(dir);
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(store.toString());
    tls.setKeyStoreType("PKCS12");
    tls.setKeyStorePassword(TestCerts.PASSWORD);
    server = new Server();
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls, "http/1.1"),
            new HttpConnectionFactory(new HttpConfiguration()));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            Content.Sink.write(
                response, true, "secure " + request.getHttpURI().getScheme(), callback);
            return true;
          }
        });
    server.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stopJetty() throws Exception {
    server.stop();
  }

  @Test
  void getsOverTlsAndReusesTheConnection() throws Exception {
    try (HttpClient client = HttpClient.builder().tls(TestCerts.trusting(store)).build()) {
      for (String host : new String[] {"127.0.0.1", "localhost"}) {
        try (ClientResponse res = client.get("https://" + host + ":" + port + "/")) {
          assertEquals(200, res.status());
          assertEquals("secure https", res.text());
        }
      }
      try (ClientResponse res = client.get("https://127.0.0.1:" + port + "/again")) {
        assertEquals("secure https", res.text());
      }
      assertEquals(2, client.openedConnections(), "one per origin (127.0.0.1, localhost)");
    }
  }

  @Test
  void anUntrustedCertificateIsAConnectError() throws Exception {
    try (HttpClient client = HttpClient.builder().build()) { // the JDK's CAs: not ours
      HttpClientException e =
          assertThrows(
              HttpClientException.class, () -> client.get("https://127.0.0.1:" + port + "/"));
      assertEquals(HttpClientException.Kind.CONNECT, e.kind());
      assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + port), e.getMessage());
    }
  }

  @Test
  void plainHttpToATlsPortIsNotMistakenForAResponse() throws Exception {
    try (HttpClient client = HttpClient.builder().build()) {
      HttpClientException e =
          assertThrows(
              HttpClientException.class, () -> client.get("http://127.0.0.1:" + port + "/"));
      assertTrue(
          e.kind() == HttpClientException.Kind.MALFORMED_RESPONSE
              || e.kind() == HttpClientException.Kind.CONNECTION_CLOSED,
          e.kind() + ": " + e.getMessage());
    }
  }

  @Test
  void preferHttp2FallsBackToHttp11WhenAlpnDoesNotPickH2() throws Exception {
    // this Jetty connector has no ALPN: the default (h2 preferred) gets HTTP/1.1 and keeps using
    // it, on one pooled connection
    try (HttpClient client = HttpClient.builder().tls(TestCerts.trusting(store)).build()) {
      for (int i = 0; i < 3; i++) {
        try (ClientResponse res = client.get("https://127.0.0.1:" + port + "/" + i)) {
          assertEquals("HTTP/1.1", res.version());
          assertEquals("secure https", res.text());
        }
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void http2OnlyIsAConnectErrorWhenAlpnDoesNotPickH2() throws Exception {
    try (HttpClient client =
        HttpClient.builder()
            .tls(TestCerts.trusting(store))
            .version(HttpClient.Version.HTTP_2)
            .build()) {
      HttpClientException e =
          assertThrows(
              HttpClientException.class, () -> client.get("https://127.0.0.1:" + port + "/"));
      assertEquals(HttpClientException.Kind.CONNECT, e.kind());
      assertTrue(e.getMessage().contains("did not choose h2 in TLS ALPN"), e.getMessage());
    }
  }
}
