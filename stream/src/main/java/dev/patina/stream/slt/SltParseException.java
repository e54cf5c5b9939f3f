package dev.patina.stream.slt;

/** A script that is not valid sqllogictest. */
public final class SltParseException extends RuntimeException {
  public SltParseException(SltRecord.Location at, String message) {
    super(at + ": " + message);
  }
}
