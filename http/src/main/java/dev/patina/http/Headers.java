package dev.patina.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Header fields in the order they arrived or were added. Names compare case-insensitively (RFC 9110
 * §5.1); repeated fields are kept as separate entries, as hyper's {@code HeaderMap} does.
 */
public record Headers(List<Field> fields) {
  /** One field line: name as sent, value with surrounding whitespace removed. */
  public record Field(String name, String value) {}

  public Headers {
    fields = List.copyOf(fields);
  }

  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    List<Field> list = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new Headers(list);
  }

  /** The first value of {@code name}, or null. */
  public String get(String name) {
    for (Field f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.value();
      }
    }
    return null;
  }

  /** Every value of {@code name}, in order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** True if a comma-separated list field {@code name} holds {@code token} (case-insensitive). */
  public boolean hasToken(String name, String token) {
    for (String v : all(name)) {
      for (String part : v.split(",")) {
        if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A copy with one more field. */
  public Headers with(String name, String value) {
    List<Field> list = new ArrayList<>(fields);
    list.add(new Field(name, value));
    return new Headers(list);
  }
}
