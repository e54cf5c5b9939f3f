package dev.patina.stream.pgwire;

import java.net.SocketAddress;
import java.util.Map;

/**
 * What the server tells a session about its client, and the channel for messages the session sends
 * outside of results.
 */
public interface SessionContext {
  /** The authenticated user name. */
  String user();

  /** The database named in the startup packet ({@code dev} if none). */
  String database();

  /**
   * Every startup parameter the client sent ({@code user}, {@code database}, {@code
   * application_name}, {@code client_encoding}, {@code TimeZone}, {@code options} ...).
   */
  Map<String, String> startupParameters();

  /** The backend process id the client received in BackendKeyData. */
  int processId();

  /** The client's address. */
  SocketAddress remoteAddress();

  /** Sends a NoticeResponse (or a WARNING) to the client before the next result. */
  void notice(Notice notice);

  /**
   * Sends a ParameterStatus message, e.g. after {@code SET TimeZone}: clients such as pgjdbc and
   * psql track {@code TimeZone}, {@code client_encoding}, {@code DateStyle} and {@code
   * application_name} this way.
   */
  void reportParameter(String name, String value);
}
