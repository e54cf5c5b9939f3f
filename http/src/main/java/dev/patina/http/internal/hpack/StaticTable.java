package dev.patina.http.internal.hpack;

import java.util.HashMap;
import java.util.Map;

/** The 61 entries of RFC 7541 Appendix A; index 1 is the first. */
final class StaticTable {
  private StaticTable() {}

  static final String[][] ENTRIES = {
    {":authority", ""},
    {":method", "GET"},
    {":method", "POST"},
    {":path", "/"},
    {":path", "/index.html"},
    {":scheme", "http"},
    {":scheme", "https"},
    {":status", "200"},
    {":status", "204"},
    {":status", "206"},
    {":status", "304"},
    {":status", "400"},
    {":status", "404"},
    {":status", "500"},
    {"accept-charset", ""},
    {"accept-encoding", "gzip, deflate"},
    {"accept-language", ""},
    {"accept-ranges", ""},
    {"accept", ""},
    {"access-control-allow-origin", ""},
    {"age", ""},
    {"allow", ""},
    {"authorization", ""},
    {"cache-control", ""},
    {"content-disposition", ""},
    {"content-encoding", ""},
    {"content-language", ""},
    {"content-length", ""},
    {"content-location", ""},
    {"content-range", ""},
    {"content-type", ""},
    {"cookie", ""},
    {"date", ""},
    {"etag", ""},
    {"expect", ""},
    {"expires", ""},
    {"from", ""},
    {"host", ""},
    {"if-match", ""},
    {"if-modified-since", ""},
    {"if-none-match", ""},
    {"if-range", ""},
    {"if-unmodified-since", ""},
    {"last-modified", ""},
    {"link", ""},
    {"location", ""},
    {"max-forwards", ""},
    {"proxy-authenticate", ""},
    {"proxy-authorization", ""},
    {"range", ""},
    {"referer", ""},
    {"refresh", ""},
    {"retry-after", ""},
    {"server", ""},
    {"set-cookie", ""},
    {"strict-transport-security", ""},
    {"transfer-encoding", ""},
    {"user-agent", ""},
    {"vary", ""},
    {"via", ""},
    {"www-authenticate", ""},
  };

  static final int SIZE = ENTRIES.length;

  /** Name → lowest index with that name. */
  private static final Map<String, Integer> BY_NAME = new HashMap<>();

  static {
    for (int i = SIZE; i >= 1; i--) {
      BY_NAME.put(ENTRIES[i - 1][0], i);
    }
  }

  static String name(int index) {
    return ENTRIES[index - 1][0];
  }

  static String value(int index) {
    return ENTRIES[index - 1][1];
  }

  /**
   * Index of a full match, or 0. Entries with one name are adjacent in the table, so the values
   * after the name's first index are all there is to compare (no key built per lookup).
   */
  static int indexOf(String name, String value) {
    Integer first = BY_NAME.get(name);
    if (first == null) {
      return 0;
    }
    for (int i = first; i <= SIZE && ENTRIES[i - 1][0].equals(name); i++) {
      if (ENTRIES[i - 1][1].equals(value)) {
        return i;
      }
    }
    return 0;
  }

  /** Index of an entry with this name, or 0. */
  static int indexOfName(String name) {
    return BY_NAME.getOrDefault(name, 0);
  }
}
