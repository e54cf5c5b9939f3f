package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection-level behaviour seen on a raw socket, where no peer program shows it directly. */
@Timeout(30)
class H2ConnectionTest {
  private static final byte[] PREFACE_AND_SETTINGS = {
    'P', 'R', 'I', ' ', '*', ' ', 'H', 'T', 'T', 'P', '/', '2', '.', '0', '\r', '\n', '\r', '\n',
    'S', 'M', '\r', '\n', '\r', '\n', 0, 0, 0, 4, 0, 0, 0, 0, 0
  };

  @Test
  void idleConnectionGetsGoAwayAndIsClosed() throws Exception {
    HttpServer server =
        H2Fixture.routes()
            .limits(new Limits(64 * 1024, 100, 1 << 20, Duration.ofMillis(300)))
            .bind(0);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      long start = System.nanoTime();
      s.getOutputStream().write(PREFACE_AND_SETTINGS);
      List<String> frames = readUntilClosed(new DataInputStream(s.getInputStream()));
      long ms = (System.nanoTime() - start) / 1_000_000;
      // the server's SETTINGS, its ACK of ours, then GOAWAY(NO_ERROR, last stream 0)
      assertEquals(List.of("SETTINGS 0", "SETTINGS 1", "GOAWAY 0 NO_ERROR"), frames);
      assertTrue(ms >= 250, "closed after the idle timeout, not before: " + ms + " ms");
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void settingsFromThePeerAreAppliedToResponses() throws Exception {
    // MAX_FRAME_SIZE stays 16 KiB, INITIAL_WINDOW_SIZE 100: a 250-byte body comes as 100 bytes
    // and then waits; closing our side (FIN) ends the wait instead of hanging the server
    HttpServer server = H2Fixture.routes().bind(0);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      var out = s.getOutputStream();
      out.write(java.util.Arrays.copyOf(PREFACE_AND_SETTINGS, 24));
      out.write(new byte[] {0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 100});
      byte[] block =
          new dev.patina.http.internal.hpack.Encoder(4096)
              .encode(
                  List.of(
                      new dev.patina.http.internal.hpack.HeaderField(":method", "GET"),
                      new dev.patina.http.internal.hpack.HeaderField(":scheme", "http"),
                      new dev.patina.http.internal.hpack.HeaderField(":path", "/big?n=250")));
      out.write(new byte[] {0, 0, (byte) block.length, 1, 5, 0, 0, 0, 1});
      out.write(block);
      out.flush();
      Thread.sleep(300);
      s.shutdownOutput();
      List<String> frames = readUntilClosed(new DataInputStream(s.getInputStream()));
      assertTrue(frames.contains("DATA 1 100"), frames.toString());
      assertTrue(frames.stream().noneMatch(f -> f.startsWith("DATA 1 150")), frames.toString());
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  private static List<String> readUntilClosed(DataInputStream in) throws Exception {
    List<String> frames = new ArrayList<>();
    try {
      while (true) {
        int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt();
        byte[] p = in.readNBytes(length);
        switch (type) {
          case 0 -> frames.add("DATA " + stream + " " + length);
          case 4 -> frames.add("SETTINGS " + (flags & 1));
          case 7 ->
              frames.add(
                  "GOAWAY "
                      + (((p[0] & 0x7f) << 24)
                          | ((p[1] & 0xff) << 16)
                          | ((p[2] & 0xff) << 8)
                          | (p[3] & 0xff))
                      + (p[7] == 0 ? " NO_ERROR" : " error " + p[7]));
          default -> frames.add("type " + type + " " + stream);
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return frames;
    }
  }
}
