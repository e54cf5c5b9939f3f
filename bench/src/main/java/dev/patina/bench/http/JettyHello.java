package dev.patina.bench.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12's side of the HTTP benchmark on its core API (no servlets), as Jetty's own TechEmpower
 * entry does it: a non-blocking {@link Handler.Abstract} writing pre-encoded header fields and a
 * read-only direct buffer per body. One connector speaks HTTP/1.1 and, when a connection starts
 * with the HTTP/2 preface, h2c (Jetty's HTTP2CServerConnectionFactory). Date on, Server header off,
 * so the responses carry what the other servers send.
 */
public final class JettyHello {
  private JettyHello() {}

  public static void main(String[] args) throws Exception {
    int port = HelloBodies.port(args, "JettyHello");
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(true);
    Server server = new Server();
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Hello());
    server.start();
    System.err.println("jetty listening on http://127.0.0.1:" + port);
    server.join();
  }

  private static final class Hello extends Handler.Abstract.NonBlocking {
    private static final HttpField TEXT_TYPE =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, HelloBodies.PLAINTEXT_TYPE);
    private static final HttpField JSON_TYPE =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, HelloBodies.JSON_TYPE);
    private static final HttpField TEXT_LENGTH =
        new PreEncodedHttpField(
            HttpHeader.CONTENT_LENGTH, Integer.toString(HelloBodies.PLAINTEXT.length));
    private static final HttpField JSON_LENGTH =
        new PreEncodedHttpField(
            HttpHeader.CONTENT_LENGTH, Integer.toString(HelloBodies.JSON.length));
    private static final ByteBuffer PLAINTEXT = direct(HelloBodies.PLAINTEXT);
    private static final ByteBuffer JSON = direct(HelloBodies.JSON);

    private static ByteBuffer direct(byte[] bytes) {
      return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!"GET".equals(request.getMethod())) {
        return false; // Jetty answers 404
      }
      switch (Request.getPathInContext(request)) {
        case HelloBodies.PLAINTEXT_PATH -> {
          response.getHeaders().add(TEXT_TYPE).add(TEXT_LENGTH);
          response.write(true, PLAINTEXT.slice(), callback);
          return true;
        }
        case HelloBodies.JSON_PATH -> {
          response.getHeaders().add(JSON_TYPE).add(JSON_LENGTH);
          response.write(true, JSON.slice(), callback);
          return true;
        }
        default -> {
          return false;
        }
      }
    }
  }
}
