package dev.patina.http.client.internal;

import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections to origins: TCP, then TLS for {@code https:} with the application protocols
 * offered by ALPN. Shared by the HTTP/1.1 pool and the HTTP/2 pool, which differ only in what they
 * offer.
 *
 * @param tls the TLS context (its trust decides which servers are accepted; host names are always
 *     verified as RFC 2818 says); null: the JDK's default context
 */
public record Connector(int connectMillis, SSLContext tls) {

  /** A connected socket and the protocol ALPN chose ("" for plaintext or no ALPN answer). */
  public record Opened(Socket socket, String protocol) {}

  /**
   * Connects to {@code origin}; over TLS offers {@code alpn} (most preferred first). Failures are
   * {@link Kind#CONNECT} errors with the reason.
   */
  public Opened open(Origin origin, List<String> alpn) throws HttpClientException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(origin.host(), origin.port()), connectMillis);
    } catch (SocketTimeoutException e) {
      close(socket);
      throw new HttpClientException(
          Kind.CONNECT,
          "connect to " + origin.hostHeader() + " timed out after " + connectMillis + " ms",
          e);
    } catch (IOException e) {
      close(socket);
      throw new HttpClientException(
          Kind.CONNECT, "cannot connect to " + origin.hostHeader() + ": " + e.getMessage(), e);
    }
    if (!origin.secure()) {
      return new Opened(socket, "");
    }
    SSLSocket s = handshake(origin, socket, alpn);
    String chosen = s.getApplicationProtocol();
    return new Opened(s, chosen == null ? "" : chosen);
  }

  /**
   * TLS over the connected {@code socket}: SNI for the host name, the certificate checked against
   * the context's trust and the host (endpoint identification "HTTPS"), ALPN offering {@code alpn},
   * the handshake bounded by the connect timeout.
   */
  private SSLSocket handshake(Origin origin, Socket socket, List<String> alpn)
      throws HttpClientException {
    try {
      SSLContext context = tls != null ? tls : SSLContext.getDefault();
      SSLSocket s =
          (SSLSocket)
              context.getSocketFactory().createSocket(socket, origin.host(), origin.port(), true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      p.setApplicationProtocols(alpn.toArray(String[]::new));
      s.setSSLParameters(p);
      s.setSoTimeout(connectMillis);
      s.startHandshake();
      s.setSoTimeout(0);
      return s;
    } catch (java.security.NoSuchAlgorithmException e) {
      close(socket);
      throw new HttpClientException(Kind.CONNECT, "the JDK has no default TLS context", e);
    } catch (IOException e) {
      close(socket);
      throw new HttpClientException(
          Kind.CONNECT,
          "TLS handshake with " + origin.hostHeader() + " failed: " + e.getMessage(),
          e);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do about a failed close
    }
  }
}
