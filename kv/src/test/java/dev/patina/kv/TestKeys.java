package dev.patina.kv;

import java.nio.charset.StandardCharsets;

/** Short helpers for tests. */
public final class TestKeys {
  private TestKeys() {}

  public static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
