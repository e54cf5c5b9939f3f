package dev.patina.kv.codec;

/** Bytes that do not decode: a truncated number, a bad padding, an unknown flag. */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }
}
