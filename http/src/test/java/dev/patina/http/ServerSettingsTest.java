package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Limits} and {@link H2Settings}: defaults, and one precise message per bad value. */
class ServerSettingsTest {
  private static void refused(String message, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void defaultsAreHypersAndTheOldBudgets() {
    assertEquals(256 * 1024, Limits.DEFAULT.bodySkipBudget());
    assertEquals(1 << 20, Limits.DEFAULT.bodyDropBudget());
    assertEquals(1 << 20, H2Settings.DEFAULT.streamWindow());
    assertEquals(1 << 20, H2Settings.DEFAULT.connectionWindow());
    assertEquals(Duration.ofSeconds(10), H2Settings.DEFAULT.settingsTimeout());
    assertFalse(H2Settings.DEFAULT.keepAlive());
    assertTrue(
        H2Settings.DEFAULT.withKeepAlive(Duration.ofSeconds(5), Duration.ofSeconds(1)).keepAlive());
    // the shorter constructors keep the default budgets
    Limits l = new Limits(1024, 10, 1000, Duration.ofSeconds(1));
    assertEquals(Limits.DEFAULT_BODY_SKIP_BUDGET, l.bodySkipBudget());
    assertEquals(0, l.withBodySkipBudget(0).bodySkipBudget());
    assertEquals(7, l.withBodyDropBudget(7).bodyDropBudget());
  }

  @Test
  void badLimitsNameTheField() {
    refused("bodySkipBudget must not be negative: -1", () -> Limits.DEFAULT.withBodySkipBudget(-1));
    refused("bodyDropBudget must not be negative: -5", () -> Limits.DEFAULT.withBodyDropBudget(-5));
    refused(
        "maxHeadBytes must be at least 64, not 10",
        () -> new Limits(10, 10, 1000, Duration.ofSeconds(1)));
    refused(
        "maxHeaderCount must be at least 1, not 0",
        () -> new Limits(1024, 0, 1000, Duration.ofSeconds(1)));
    refused(
        "maxBodyBytes must not be negative: -2",
        () -> new Limits(1024, 10, -2, Duration.ofSeconds(1)));
    refused(
        "idleTimeout must not be negative: PT-1S",
        () -> new Limits(1024, 10, 1000, Duration.ofSeconds(-1)));
    refused(
        "headerTimeout must not be null",
        () -> new Limits(1024, 10, 1000, Duration.ofSeconds(1), null));
  }

  @Test
  void badH2SettingsNameTheField() {
    H2Settings d = H2Settings.DEFAULT;
    refused(
        "streamWindow must be between 65535 and 2147483647 bytes, not 65534",
        () -> d.withWindows(65_534, 1 << 20));
    refused(
        "connectionWindow must be between 65535 and 2147483647 bytes, not -1",
        () -> d.withWindows(1 << 20, -1));
    refused("settingsTimeout must be positive: PT0S", () -> d.withSettingsTimeout(Duration.ZERO));
    refused(
        "keepAliveInterval must be zero (off) or positive: PT-0.001S",
        () -> d.withKeepAlive(Duration.ofMillis(-1), Duration.ofSeconds(1)));
    refused(
        "keepAliveTimeout must be positive: PT0S",
        () -> d.withKeepAlive(Duration.ofSeconds(1), Duration.ZERO));
    assertThrows(NullPointerException.class, () -> HttpServer.builder().http2(null));
  }
}
