package dev.patina.http.internal.hpack;

/**
 * One decoded or to-be-encoded field. Names and values are octets carried in Latin-1 strings (one
 * char per byte), so any byte survives the round trip.
 *
 * @param sensitive sent "never indexed" (RFC 7541 §6.2.3), e.g. for credentials
 */
public record HeaderField(String name, String value, boolean sensitive) {
  public HeaderField(String name, String value) {
    this(name, value, false);
  }

  /** The size the table accounts for this field (RFC 7541 §4.1). */
  public int size() {
    return name.length() + value.length() + 32;
  }
}
