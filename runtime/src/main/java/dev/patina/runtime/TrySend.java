package dev.patina.runtime;

/** The outcome of a non-blocking send, as Tokio's {@code try_send} and {@code TrySendError}. */
public enum TrySend {
  /** The value is in the channel. */
  SENT,
  /** A bounded channel is at capacity; the value was not sent. */
  FULL,
  /** The receiving side is gone or closed; the value was not sent and never will be. */
  CLOSED
}
