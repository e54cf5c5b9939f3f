package dev.patina.kv;

/**
 * A request that TiKV rejects before touching data. The message is TiKV's own wording (for example
 * {@code max key size exceeded, size: 9000, limit: 8192}).
 */
public final class InvalidRequestException extends KvException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message, null);
  }
}
