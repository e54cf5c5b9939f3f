package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection-level behaviour seen on a raw socket, where no peer program shows it directly. */
@Timeout(30)
class H2ConnectionTest {
  @Test
  void idleConnectionGetsGoAwayAndIsClosed() throws Exception {
    HttpServer server =
        H2Fixture.routes()
            .limits(new Limits(64 * 1024, 100, 1 << 20, Duration.ofMillis(300)))
            .bind(0);
    try (RawH2 c = new RawH2(server.port())) {
      long start = System.nanoTime();
      c.preface();
      List<String> frames = c.readUntilClosed().stream().map(RawH2.Frame::toString).toList();
      long ms = (System.nanoTime() - start) / 1_000_000;
      // the server's SETTINGS (with hyper's 1 MiB stream window), the connection window raised to
      // 1 MiB, its ACK of ours, then GOAWAY(NO_ERROR, last stream 0); keep-alive is off: no PING
      assertEquals(
          List.of(
              "SETTINGS 0 {3=100, 2=0, 4=1048576, 6=65536}",
              "WINDOW_UPDATE 0 +983041",
              "SETTINGS 0 ACK",
              "GOAWAY 0 code 0 \"idle timeout\""),
          frames);
      assertTrue(ms >= 250, "closed after the idle timeout, not before: " + ms + " ms");
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * A configured stream window is announced and is what the server enforces: 70,000 bytes to a
   * handler that does not read are accepted, one byte more is a stream FLOW_CONTROL_ERROR, and the
   * connection goes on.
   */
  @Test
  void configuredStreamWindowIsAnnouncedAndEnforced() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server =
        H2Fixture.routes()
            .http2(H2Settings.DEFAULT.withWindows(70_000, 65_535))
            .post(
                "/hold",
                req -> {
                  release.await(); // reads nothing: the stream window stays used up
                  return Response.text("released\n");
                })
            .bind(0);
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      List<RawH2.Frame> seen = new ArrayList<>();
      RawH2.Frame settings = c.read();
      assertEquals(70_000L, settings.settings().get(4), settings.toString());
      c.settingsAck();
      c.request(1, "POST", "/hold", false);
      for (int i = 0; i < 3; i++) {
        c.data(1, 14_000, false);
      }
      // the 65,535-byte connection window reopens as DATA arrives (once half is used)
      assertNotNull(c.await(RawH2.WINDOW_UPDATE, 0, seen), seen.toString());
      c.data(1, 14_000, false);
      c.data(1, 14_000, false);
      c.frame(RawH2.PING, 0, 0, new byte[8]);
      assertNotNull(c.await(RawH2.PING, 0, seen), seen.toString());
      assertTrue(
          seen.stream().noneMatch(f -> f.stream() == 1),
          "70,000 bytes fit the window, and none of it was granted back: " + seen);
      c.data(1, 1, false);
      RawH2.Frame rst = c.await(RawH2.RST_STREAM, 1, seen);
      assertNotNull(rst, seen.toString());
      assertEquals(3, rst.errorCode(), "FLOW_CONTROL_ERROR: " + rst);
      c.request(3, "GET", "/hello", true);
      assertNotNull(c.await(RawH2.HEADERS, 3, seen), "the connection goes on: " + seen);
    } finally {
      release.countDown();
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * {@link Limits#bodyDropBudget()}: a body the client goes on sending after an early answer is
   * dropped up to the budget, then the stream is reset with NO_ERROR. 2,000 bytes are within the
   * default 1 MiB (the upload finishes, no reset) but over a 1 KiB budget.
   */
  @Test
  void dropBudgetDecidesWhenAnUnwantedBodyIsCutOff() throws Exception {
    assertEquals(List.of(), earlyAnswerThenMoreBody(Limits.DEFAULT));
    List<RawH2.Frame> resets = earlyAnswerThenMoreBody(Limits.DEFAULT.withBodyDropBudget(1024));
    assertEquals(1, resets.size(), resets.toString());
    assertEquals(0, resets.getFirst().errorCode(), "NO_ERROR: " + resets);
  }

  /** The RST_STREAMs on stream 1 after 2,000 more body bytes sent to an answered request. */
  private static List<RawH2.Frame> earlyAnswerThenMoreBody(Limits limits) throws Exception {
    HttpServer server =
        H2Fixture.routes()
            .limits(limits)
            .post("/early", req -> Response.text("not reading it\n"))
            .bind(0);
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      List<RawH2.Frame> seen = new ArrayList<>();
      c.request(1, "POST", "/early", false);
      RawH2.Frame last;
      do {
        last = c.await(RawH2.DATA, 1, seen);
        assertNotNull(last, seen.toString());
      } while (!last.endStream());
      Thread.sleep(200); // the handler's thread finishes the stream after its last frame
      c.data(1, 2_000, false);
      c.data(1, 0, true);
      c.frame(RawH2.PING, 0, 0, new byte[8]);
      assertNotNull(c.await(RawH2.PING, 0, seen), seen.toString());
      return seen.stream().filter(f -> f.type() == RawH2.RST_STREAM && f.stream() == 1).toList();
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void settingsFromThePeerAreAppliedToResponses() throws Exception {
    // MAX_FRAME_SIZE stays 16 KiB, INITIAL_WINDOW_SIZE 100: a 250-byte body comes as 100 bytes
    // and then waits; closing our side (FIN) ends the wait instead of hanging the server
    HttpServer server = H2Fixture.routes().bind(0);
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.frame(RawH2.SETTINGS, 0, 0, new byte[] {0, 4, 0, 0, 0, 100});
      c.request(1, "GET", "/big?n=250", true);
      Thread.sleep(300);
      c.shutdownOutput();
      List<String> frames = new ArrayList<>();
      for (RawH2.Frame f : c.readUntilClosed()) {
        frames.add(f.type() == RawH2.DATA ? "DATA " + f.stream() + " " + f.payload().length : "");
      }
      assertTrue(frames.contains("DATA 1 100"), frames.toString());
      assertTrue(frames.stream().noneMatch(f -> f.startsWith("DATA 1 150")), frames.toString());
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }
}
