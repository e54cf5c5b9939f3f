package dev.patina.pd;

import dev.patina.kv.proto.Pdpb.ErrorType;

/**
 * PD's metadata could not be read or written durably (a full disk, a data directory that another
 * process holds, corrupt records). Nothing is acknowledged that was not stored.
 */
public final class StorageException extends PdException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(ErrorType.UNKNOWN, message, cause);
  }

  public StorageException(String message) {
    super(ErrorType.UNKNOWN, message);
  }
}
