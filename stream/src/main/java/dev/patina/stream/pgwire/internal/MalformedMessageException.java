package dev.patina.stream.pgwire.internal;

/**
 * A frame whose content does not match its message type (a missing string terminator, a length past
 * the end). It is a protocol violation: the connection is closed.
 */
public final class MalformedMessageException extends RuntimeException {
  public MalformedMessageException(String message) {
    super(message);
  }
}
