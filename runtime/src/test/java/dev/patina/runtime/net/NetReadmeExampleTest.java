package dev.patina.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The README's echo server, on port 0 instead of 8080 and stopped by closing the listener, driven
 * by a JDK socket.
 */
class NetReadmeExampleTest {
  @Test
  void readmeEchoServer() throws Exception {
    var listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread server =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (listener) {
                    while (true) {
                      // --- as in README.md ---
                      TcpStream s = listener.accept();
                      Thread.ofVirtual()
                          .start(
                              () -> { // an echo server
                                try (s) {
                                  byte[] buf = new byte[8192];
                                  for (int n; (n = s.read(buf)) > 0; ) s.writeAll(buf, 0, n);
                                } catch (IOException e) {
                                  /* the client went away */
                                }
                              });
                      // --- end ---
                    }
                  } catch (IOException closed) {
                    // the test closed the listener
                  }
                });
    try (Socket c = new Socket("127.0.0.1", listener.localAddress().getPort())) {
      c.getOutputStream().write("echo me".getBytes());
      c.shutdownOutput();
      assertEquals("echo me", new String(c.getInputStream().readAllBytes()));
    }
    listener.close();
    server.join(10_000);
    assertEquals(false, server.isAlive());
  }
}
