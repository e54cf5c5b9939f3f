package dev.patina.kv;

/** A command failed with one of TiKV's key errors; {@link #error()} carries every field. */
public final class KeyErrorException extends KvException {
  private static final long serialVersionUID = 1L;
  private final transient KeyError error;

  public KeyErrorException(KeyError error) {
    super(error.message(), null);
    this.error = error;
  }

  public KeyError error() {
    return error;
  }
}
