package dev.patina.http.internal.hpack;

/**
 * A header block that cannot be decoded. HTTP/2 answers it with a connection error of type
 * COMPRESSION_ERROR (RFC 9113 §4.3): the shared compression context is no longer trustworthy.
 */
public final class HpackException extends Exception {
  public HpackException(String message) {
    super(message);
  }
}
