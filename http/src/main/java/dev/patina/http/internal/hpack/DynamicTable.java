package dev.patina.http.internal.hpack;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The dynamic table (RFC 7541 §2.3.2, §4): newest entry first, evicting the oldest while the sum of
 * entry sizes exceeds the maximum.
 */
final class DynamicTable {
  private final ArrayDeque<HeaderField> entries = new ArrayDeque<>();
  private int size;
  private int maxSize;

  DynamicTable(int maxSize) {
    this.maxSize = maxSize;
  }

  int length() {
    return entries.size();
  }

  int size() {
    return size;
  }

  int maxSize() {
    return maxSize;
  }

  /** Entry {@code i}, 1 being the newest. */
  HeaderField get(int i) {
    if (i < 1 || i > entries.size()) {
      throw new IndexOutOfBoundsException(i);
    }
    // entries are few (a 4 KiB table holds about a hundred); a linear walk is enough
    Iterator<HeaderField> it = entries.iterator();
    HeaderField f = null;
    for (int k = 0; k < i; k++) {
      f = it.next();
    }
    return f;
  }

  void add(HeaderField f) {
    int fs = f.size();
    if (fs > maxSize) {
      // §4.4: an entry larger than the table empties it and is not added
      entries.clear();
      size = 0;
      return;
    }
    while (size + fs > maxSize) {
      size -= entries.removeLast().size();
    }
    entries.addFirst(new HeaderField(f.name(), f.value()));
    size += fs;
  }

  void setMaxSize(int max) {
    maxSize = max;
    while (size > maxSize) {
      size -= entries.removeLast().size();
    }
  }

  /** Index (1-based) of a full match, negated index of a name match, or 0. */
  int find(String name, String value) {
    int i = 1;
    int nameMatch = 0;
    for (HeaderField f : entries) {
      if (f.name().equals(name)) {
        if (f.value().equals(value)) {
          return i;
        }
        if (nameMatch == 0) {
          nameMatch = -i;
        }
      }
      i++;
    }
    return nameMatch;
  }
}
