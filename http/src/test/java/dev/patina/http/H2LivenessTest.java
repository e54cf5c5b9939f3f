package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SETTINGS timeout (RFC 9113 §6.5.3) and keep-alive PINGs, against a raw-socket peer that
 * acknowledges or answers only when a test says so.
 */
@Timeout(30)
class H2LivenessTest {
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration PING_TIMEOUT = Duration.ofMillis(300);

  private static HttpServer server(H2Settings settings, Duration idle) throws Exception {
    return H2Fixture.routes()
        .limits(new Limits(64 * 1024, 100, 1 << 20, idle))
        .http2(settings)
        .bind(0);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void unacknowledgedSettingsEndTheConnection() throws Exception {
    HttpServer server =
        server(
            H2Settings.DEFAULT.withSettingsTimeout(Duration.ofMillis(300)), Duration.ofSeconds(10));
    try (RawH2 c = new RawH2(server.port())) {
      long start = System.nanoTime();
      c.preface(); // and never an ACK of the server's SETTINGS
      List<RawH2.Frame> frames = c.readUntilClosed();
      long ms = millisSince(start);
      RawH2.Frame last = frames.getLast();
      assertEquals(RawH2.GOAWAY, last.type(), frames.toString());
      assertEquals(4, last.errorCode(), "SETTINGS_TIMEOUT: " + frames);
      assertTrue(ms >= 250 && ms < 5000, "closed after about the timeout: " + ms + " ms");
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void acknowledgedSettingsKeepTheConnection() throws Exception {
    HttpServer server =
        server(
            H2Settings.DEFAULT.withSettingsTimeout(Duration.ofMillis(300)), Duration.ofSeconds(10));
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      Thread.sleep(1000); // more than three timeouts
      c.request(1, "GET", "/hello", true);
      List<RawH2.Frame> seen = new ArrayList<>();
      assertNotNull(c.await(RawH2.HEADERS, 1, seen), seen.toString());
      assertTrue(seen.stream().noneMatch(f -> f.type() == RawH2.GOAWAY), seen.toString());
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void keepAliveIsOffByDefault() throws Exception {
    HttpServer server = server(H2Settings.DEFAULT, Duration.ofMillis(800));
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      List<RawH2.Frame> frames = c.readUntilClosed(); // until the idle timeout
      assertTrue(frames.stream().noneMatch(f -> f.type() == RawH2.PING), frames.toString());
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void answeredKeepAlivePingsKeepTheConnection() throws Exception {
    HttpServer server =
        server(H2Settings.DEFAULT.withKeepAlive(INTERVAL, PING_TIMEOUT), Duration.ofSeconds(10));
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      long start = System.nanoTime();
      List<RawH2.Frame> seen = new ArrayList<>();
      int pings = answerPings(c, seen, 1500);
      // one PING per interval of silence: ~6 in 1.5 s, fewer on a loaded machine
      assertTrue(pings >= 3, pings + " PINGs in " + millisSince(start) + " ms: " + seen);
      c.request(1, "GET", "/hello", true);
      assertNotNull(c.await(RawH2.HEADERS, 1, seen), seen.toString());
      assertTrue(seen.stream().noneMatch(f -> f.type() == RawH2.GOAWAY), seen.toString());
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void unansweredKeepAlivePingClosesTheConnection() throws Exception {
    HttpServer server =
        server(H2Settings.DEFAULT.withKeepAlive(INTERVAL, PING_TIMEOUT), Duration.ofSeconds(10));
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      List<RawH2.Frame> seen = new ArrayList<>();
      assertNotNull(c.await(RawH2.PING, 0, seen), seen.toString());
      long pinged = System.nanoTime();
      seen.addAll(c.readUntilClosed()); // the PING is not answered
      long ms = millisSince(pinged);
      RawH2.Frame last = seen.getLast();
      assertEquals(RawH2.GOAWAY, last.type(), seen.toString());
      assertEquals(0, last.errorCode(), seen.toString());
      assertTrue(last.debug().contains("PING not acknowledged"), last.toString());
      assertTrue(ms >= 250 && ms < 5000, "closed about the timeout after the PING: " + ms + " ms");
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * The ACKs of our PINGs show the peer lives but are no activity: the idle timeout still ends it.
   */
  @Test
  void keepAliveDoesNotHoldAnIdleConnectionOpen() throws Exception {
    HttpServer server =
        server(H2Settings.DEFAULT.withKeepAlive(INTERVAL, PING_TIMEOUT), Duration.ofSeconds(1));
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      long start = System.nanoTime();
      List<RawH2.Frame> seen = new ArrayList<>();
      answerPings(c, seen, 10_000);
      long ms = millisSince(start);
      RawH2.Frame last = seen.getLast();
      assertEquals("GOAWAY 0 code 0 \"idle timeout\"", last.toString(), seen.toString());
      assertTrue(ms >= 900 && ms < 5000, "closed after about the idle timeout: " + ms + " ms");
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * A client that stops sending its body once answered is reset about the idle timeout later
   * (docs/http.md, request bodies) even while it answers keep-alive PINGs.
   */
  @Test
  void keepAliveDoesNotHoldAnAnsweredStreamOpen() throws Exception {
    HttpServer server =
        H2Fixture.routes()
            .limits(new Limits(64 * 1024, 100, 1 << 20, Duration.ofSeconds(1)))
            .http2(H2Settings.DEFAULT.withKeepAlive(INTERVAL, PING_TIMEOUT))
            .post("/early", req -> Response.text("not reading it\n"))
            .bind(0);
    try (RawH2 c = new RawH2(server.port())) {
      c.preface();
      c.settingsAck();
      c.request(1, "POST", "/early", false);
      c.data(1, 100, false); // and no more
      long start = System.nanoTime();
      List<RawH2.Frame> seen = new ArrayList<>();
      answerPings(c, seen, 10_000);
      long ms = millisSince(start);
      List<String> told =
          seen.stream()
              .filter(f -> f.type() == RawH2.RST_STREAM || f.type() == RawH2.GOAWAY)
              .map(RawH2.Frame::toString)
              .toList();
      assertEquals(List.of("RST_STREAM 1 code 0", "GOAWAY 0 code 0 \"idle timeout\""), told);
      assertTrue(seen.stream().anyMatch(f -> f.type() == RawH2.PING), seen.toString());
      assertTrue(ms >= 900 && ms < 6000, "reset and closed after the idle timeout: " + ms + " ms");
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /** Answers the server's PINGs for {@code millis} or until it closes; returns how many. */
  private static int answerPings(RawH2 c, List<RawH2.Frame> seen, long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    int pings = 0;
    while (System.nanoTime() < end) {
      RawH2.Frame f = c.read();
      if (f == null) {
        break;
      }
      seen.add(f);
      if (f.type() == RawH2.PING && !f.ack()) {
        pings++;
        c.frame(RawH2.PING, 1, 0, f.payload());
      }
    }
    return pings;
  }
}
