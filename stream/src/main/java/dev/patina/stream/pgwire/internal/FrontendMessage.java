package dev.patina.stream.pgwire.internal;

import java.util.Map;

/** A message from the client, parsed from one frame. */
public sealed interface FrontendMessage {
  /** The first packet of a session (protocol 3.x). */
  record Startup(int majorVersion, int minorVersion, Map<String, String> parameters)
      implements FrontendMessage {}

  /** SSLRequest: the server answers 'N' (no TLS) and waits for the startup packet. */
  record SslRequest() implements FrontendMessage {}

  /** GSSENCRequest: answered 'N' likewise. */
  record GssEncRequest() implements FrontendMessage {}

  /** CancelRequest, sent on a new connection. */
  record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

  /** Simple query. */
  record Query(String sql) implements FrontendMessage {}

  /** Parse: name, query, declared parameter type OIDs (0 = unspecified). */
  record Parse(String name, String sql, int[] parameterOids) implements FrontendMessage {}

  /**
   * Bind: portal, statement, parameter format codes (0, 1 or n), values (null for NULL), result
   * format codes (0, 1 or n).
   */
  record Bind(
      String portal,
      String statement,
      short[] parameterFormats,
      byte[][] parameters,
      short[] resultFormats)
      implements FrontendMessage {}

  /** Describe a statement ('S') or a portal ('P'). */
  record Describe(char kind, String name) implements FrontendMessage {}

  /** Execute a portal, returning at most {@code maxRows} rows (0 = all). */
  record Execute(String portal, int maxRows) implements FrontendMessage {}

  /** Close a statement ('S') or a portal ('P'). */
  record Close(char kind, String name) implements FrontendMessage {}

  record Sync() implements FrontendMessage {}

  record Flush() implements FrontendMessage {}

  record Terminate() implements FrontendMessage {}

  /**
   * A 'p' message: PasswordMessage, SASLInitialResponse or SASLResponse, told apart by the
   * authentication exchange in progress.
   */
  record AuthData(byte[] data) implements FrontendMessage {}

  /** A message type the server does not serve (CopyData, FunctionCall ...). */
  record Unsupported(char type) implements FrontendMessage {}
}
