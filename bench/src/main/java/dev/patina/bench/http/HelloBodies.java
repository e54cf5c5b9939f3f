package dev.patina.bench.http;

import java.nio.charset.StandardCharsets;

/**
 * What every hello-world server in the HTTP benchmark answers (the TechEmpower "plaintext" and
 * "json" tests): the same bytes and content types, so that the servers differ only in themselves.
 * bench/hyper-hello/src/main.rs holds the same two bodies.
 */
final class HelloBodies {
  static final String PLAINTEXT_PATH = "/plaintext";
  static final String JSON_PATH = "/json";
  static final String PLAINTEXT_TYPE = "text/plain";
  static final String JSON_TYPE = "application/json";
  static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
  static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);

  private HelloBodies() {}

  /** The port from the command line: {@code java ... MainClass PORT}. */
  static int port(String[] args, String name) {
    if (args.length != 1 || !args[0].matches("\\d{1,5}")) {
      System.err.println("usage: " + name + " PORT");
      System.exit(2);
    }
    return Integer.parseInt(args[0]);
  }
}
