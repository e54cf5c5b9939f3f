package dev.patina.http.client;

import static dev.patina.http.RawFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A fake server sends mutated frame sequences to the HTTP/2 client: whatever arrives, two requests
 * end within a bound (the client's 300 ms read timeout, never a hang) either with their responses
 * or with an {@link HttpClientException} — never another exception type.
 */
class H2ClientFuzzTest {

  /**
   * Where the answers to stream 1 and to stream 3 start in {@link #validFrames}: the fake server
   * sends each part once the client's request for it has arrived.
   */
  private static final int[] CUTS = new int[2];

  /** Answers to two sequential GETs (streams 1 and 3), with the frames a server may add. */
  private static byte[] validFrames() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    // SETTINGS: MAX_CONCURRENT_STREAMS 10, INITIAL_WINDOW_SIZE 65535, HEADER_TABLE_SIZE 4096
    frame(
        b,
        4,
        0,
        0,
        new byte[] {0, 3, 0, 0, 0, 10, 0, 4, 0, 0, (byte) 0xff, (byte) 0xff, 0, 1, 0, 0, 0x10, 0});
    frame(b, 4, 1, 0, new byte[0]); // ACK of the client's SETTINGS
    frame(b, 6, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // PING
    frame(b, 8, 0, 0, new byte[] {0, 0, 0x10, 0}); // WINDOW_UPDATE on the connection
    Encoder e = new Encoder(4096);
    for (int stream : new int[] {1, 3}) {
      CUTS[stream / 2] = b.size();
      frame(b, 1, 4, stream, e.encode(head()));
      frame(b, 0, 0, stream, "hello ".getBytes(StandardCharsets.US_ASCII));
      frame(b, 0, 8, stream, new byte[] {2, 'w', 'o', 'r', 'l', 'd', 0, 0}); // padded
      frame(b, 1, 5, stream, e.encode(List.of(new HeaderField("x-trailer", "t")))); // trailers
    }
    frame(b, 7, 0, 0, new byte[] {0, 0, 0, 3, 0, 0, 0, 0}); // GOAWAY(NO_ERROR, last 3)
    return b.toByteArray();
  }

  private static List<HeaderField> head() {
    return List.of(
        new HeaderField(":status", "200"),
        new HeaderField("content-length", "11"),
        new HeaderField("content-type", "text/plain"));
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    byte[] valid = validFrames();
    Arbitrary<byte[]> flipped = dev.patina.http.Mutations.overwritten(valid);
    Arbitrary<byte[]> truncated =
        Arbitraries.integers()
            .between(0, valid.length - 1)
            .map(n -> java.util.Arrays.copyOf(valid, n));
    return Arbitraries.oneOf(flipped, truncated);
  }

  @Example
  void theUnmutatedAnswersAreRead() throws Exception {
    clientFrames.clear();
    assertEquals(
        List.of("200 hello world x-trailer=t", "200 hello world x-trailer=t"),
        converse(validFrames(), true),
        "bodies (one frame padded) and trailers");
    // what the client said on the way: its SETTINGS, the ACK of ours, the PING answered with its
    // payload, and the two requests
    List<String> seen;
    synchronized (clientFrames) {
      seen = new ArrayList<>(clientFrames);
    }
    assertTrue(seen.contains("SETTINGS"), seen.toString());
    assertTrue(seen.contains("SETTINGS_ACK"), seen.toString());
    assertTrue(seen.contains("PING_ACK 0102030405060708"), seen.toString());
    assertTrue(seen.contains("HEADERS 1") && seen.contains("HEADERS 3"), seen.toString());
  }

  /** The frames clients sent to the fake server, as "TYPE" words (for the example). */
  private static final List<String> clientFrames = new ArrayList<>();

  @Property(tries = 60)
  void mutatedFramesEndInAnAnswerOrATypedError(
      @ForAll("mutated") byte[] frames, @ForAll boolean closeAfter) throws Exception {
    converse(frames, closeAfter);
  }

  @Property(tries = 25)
  void randomFramesAfterSettingsEndInAnAnswerOrATypedError(
      @ForAll byte[] junk, @ForAll boolean closeAfter) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    frame(b, 4, 0, 0, new byte[0]);
    b.writeBytes(junk);
    converse(b.toByteArray(), closeAfter);
  }

  /**
   * Serves {@code frames} to one client connection (then closes it, or holds it open silently), and
   * sends two GETs one after the other: each ends in "status body" or "error KIND".
   */
  private static List<String> converse(byte[] frames, boolean closeAfter) throws Exception {
    try (ServerSocket listener = new ServerSocket(0);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client =
            HttpClient.builder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofMillis(300))
                .maxConnectionsPerOrigin(1)
                .build()) {
      List<Socket> accepted = new ArrayList<>();
      pool.submit(
          () -> {
            while (true) {
              Socket s = listener.accept();
              synchronized (accepted) {
                accepted.add(s);
              }
              pool.submit(() -> serve(s, frames, closeAfter));
            }
          });
      String base = "http://127.0.0.1:" + listener.getLocalPort();
      Future<List<String>> outcome =
          pool.submit(
              () -> {
                List<String> out = new ArrayList<>();
                for (String path : new String[] {"/a", "/b"}) {
                  try (ClientResponse res = client.get(base + path)) {
                    String text = res.text();
                    dev.patina.http.Headers trailers =
                        ((dev.patina.http.client.internal.h2.H2ResponseBody) res.body()).trailers();
                    out.add(
                        res.status()
                            + " "
                            + text
                            + (trailers == null ? "" : " x-trailer=" + trailers.get("x-trailer")));
                  } catch (HttpClientException e) {
                    out.add("error " + e.kind());
                  }
                }
                return out;
              });
      try {
        return outcome.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail("the client hung on " + java.util.HexFormat.of().formatHex(frames));
        return null;
      } catch (ExecutionException e) {
        throw new AssertionError("not a typed error: " + e.getCause(), e.getCause());
      } finally {
        listener.close();
        synchronized (accepted) {
          for (Socket s : accepted) {
            s.close();
          }
        }
      }
    }
  }

  /**
   * Sends {@code frames} in three parts: the prelude at once, the answer to stream 1 after the
   * client's first HEADERS, the rest after its second; then closes or holds the connection.
   */
  private static Void serve(Socket s, byte[] frames, boolean closeAfter) {
    try {
      validFrames(); // CUTS
      int[] starts = {0, Math.min(CUTS[0], frames.length), Math.min(CUTS[1], frames.length)};
      DataInputStream in = new DataInputStream(s.getInputStream());
      in.readNBytes(24); // the client's preface
      for (int part = 0; part < 3; part++) {
        if (part > 0) {
          awaitHeaders(in);
        }
        int end = part < 2 ? starts[part + 1] : frames.length;
        s.getOutputStream().write(frames, starts[part], end - starts[part]);
        s.getOutputStream().flush();
      }
      if (closeAfter) {
        s.close();
      } else {
        while (true) {
          awaitHeaders(in); // reads and records until the client closes
        }
      }
    } catch (IOException ignored) {
      // the client closed first (after an error, or a timeout): fine
    }
    return null;
  }

  /** Reads client frames up to and including its next HEADERS. */
  private static void awaitHeaders(DataInputStream in) throws IOException {
    while (true) {
      int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int stream = in.readInt();
      byte[] payload = in.readNBytes(length);
      String seen =
          switch (type) {
            case 1 -> "HEADERS " + stream;
            case 4 -> (flags & 1) != 0 ? "SETTINGS_ACK" : "SETTINGS";
            case 6 ->
                ((flags & 1) != 0 ? "PING_ACK " : "PING ")
                    + java.util.HexFormat.of().formatHex(payload);
            default -> "TYPE " + type;
          };
      synchronized (clientFrames) {
        clientFrames.add(seen);
      }
      if (type == 1) {
        return;
      }
    }
  }
}
