package dev.patina.http;

import static dev.patina.http.RawFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated and random frame sequences over real connections: whatever arrives, the server answers
 * with frames and closes once the client is done — it never hangs (a 5 s read timeout fails the
 * try), never sends GOAWAY(INTERNAL_ERROR) (which would mean an exception escaped the state
 * machine), and keeps serving other connections.
 */
class H2FuzzTest {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static HttpServer server;

  @BeforeContainer
  static void start() throws IOException {
    server = H2Fixture.routes().bind(0);
  }

  @AfterContainer
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
  }

  /** A plausible conversation: SETTINGS, a GET, a POST with DATA, PING, WINDOW_UPDATE. */
  private static byte[] validFrames() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    frame(b, 4, 0, 0, new byte[] {0, 4, 0, 0, 0x40, 0}); // SETTINGS INITIAL_WINDOW_SIZE 16 KiB
    Encoder e = new Encoder(4096);
    frame(b, 1, 5, 1, e.encode(request("GET", "/hello")));
    frame(b, 1, 4, 3, e.encode(request("POST", "/sha256")));
    frame(b, 0, 0, 3, "some body".getBytes(StandardCharsets.UTF_8));
    frame(b, 0, 1, 3, "end".getBytes(StandardCharsets.UTF_8));
    frame(b, 6, 0, 0, new byte[8]);
    frame(b, 8, 0, 0, new byte[] {0, 0, 0x10, 0});
    frame(b, 1, 5, 5, e.encode(request("GET", "/big?n=10000")));
    return b.toByteArray();
  }

  private static List<HeaderField> request(String method, String path) {
    return List.of(
        new HeaderField(":method", method),
        new HeaderField(":scheme", "http"),
        new HeaderField(":path", path),
        new HeaderField(":authority", "fuzz"));
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    byte[] valid = validFrames();
    return Mutations.overwritten(valid);
  }

  @Example
  void theUnmutatedConversationIsAnswered() throws Exception {
    // the base of the mutations is a real conversation: three requests, three full answers
    List<String> seen = converse(validFrames());
    for (int stream : new int[] {1, 3, 5}) {
      assertTrue(seen.contains("HEADERS " + stream), seen.toString());
      assertTrue(seen.contains("END_STREAM " + stream), seen.toString());
    }
    assertTrue(seen.contains("PING_ACK"), seen.toString());
  }

  @Property(tries = 80)
  void mutatedFramesNeverHangOrCrash(@ForAll("mutated") byte[] frames) throws Exception {
    converse(frames);
  }

  @Property(tries = 40)
  void randomBytesAfterThePrefaceNeverHangOrCrash(@ForAll byte[] junk) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    frame(b, 4, 0, 0, new byte[0]);
    b.writeBytes(junk);
    converse(b.toByteArray());
  }

  @Property(tries = 5)
  void serverStillServesAfterwards() throws Exception {
    H2Fixture.Result r =
        H2Fixture.run(
            "/usr/bin/curl",
            "-sS",
            "--http2-prior-knowledge",
            "http://127.0.0.1:" + server.port() + "/hello");
    assertEquals("{\"hello\":\"world\"}", r.out(), r.stderr());
  }

  /**
   * Sends the preface and {@code frames}, half-closes, and reads frames until the server closes.
   */
  private static List<String> converse(byte[] frames) throws Exception {
    List<String> seen = new ArrayList<>();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      try {
        s.getOutputStream().write(PREFACE);
        s.getOutputStream().write(frames);
        s.shutdownOutput();
      } catch (IOException e) {
        // the server may close before reading everything (after a GOAWAY): still read its answer
      }
      DataInputStream in = new DataInputStream(s.getInputStream());
      try {
        while (true) {
          int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
          int type = in.readUnsignedByte();
          int flags = in.readUnsignedByte();
          int stream = in.readInt();
          byte[] payload = in.readNBytes(length);
          if (type == 1) {
            seen.add("HEADERS " + stream);
          }
          if ((type == 0 || type == 1) && (flags & 1) != 0) {
            seen.add("END_STREAM " + stream);
          }
          if (type == 6 && (flags & 1) != 0) {
            seen.add("PING_ACK");
          }
          if (type == 7 && payload.length >= 8) {
            int code =
                ((payload[4] & 0xff) << 24)
                    | ((payload[5] & 0xff) << 16)
                    | ((payload[6] & 0xff) << 8)
                    | (payload[7] & 0xff);
            assertNotEquals(2, code, "GOAWAY(INTERNAL_ERROR): an exception escaped");
          }
        }
      } catch (EOFException | java.net.SocketException e) {
        // the server closed: the conversation is over
      } catch (SocketTimeoutException e) {
        throw new AssertionError("server neither answered nor closed within 5 s", e);
      }
    }
    return seen;
  }
}
