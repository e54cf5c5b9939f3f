package dev.patina.bench.echo;

import dev.patina.runtime.net.NetDriver;
import dev.patina.runtime.net.TcpListener;
import dev.patina.runtime.net.TcpStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The runtime's TCP API on one driver: an accept loop and a virtual thread per connection. */
final class PatinaEchoServer implements EchoServer {
  private final NetDriver driver;
  private TcpListener listener;

  PatinaEchoServer(NetDriver driver) {
    this.driver = driver;
  }

  @Override
  public int start(int port) throws IOException {
    NetDriver.Availability a = driver.availability();
    if (!a.available()) {
      throw new IllegalStateException(driver + " unavailable: " + a.reason());
    }
    listener =
        TcpListener.bind(driver, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Thread.ofVirtual().name("accept").start(this::acceptLoop);
    return listener.localAddress().getPort();
  }

  private void acceptLoop() {
    while (true) {
      TcpStream s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        return; // listener closed
      }
      Thread.ofVirtual().start(() -> echo(s));
    }
  }

  private static void echo(TcpStream s) {
    try (s) {
      s.setNoDelay(true);
      byte[] buf = new byte[16 * 1024];
      for (int n; (n = s.read(buf)) > 0; ) {
        s.writeAll(buf, 0, n);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void stop() throws IOException {
    listener.close();
  }
}
