package dev.patina.wasm.text;

import dev.patina.wasm.text.Tokens.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One index space of a module (types, functions, tables, memories, globals, element or data
 * segments) or of a function (locals): how many entries it has and which {@code $id} names which
 * index. Names are kept in index order for the name section.
 */
final class Space {
  private final String category;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  Space(String category) {
    this.category = category;
  }

  int size() {
    return names.size();
  }

  /**
   * Appends an entry named by the identifier at token {@code idToken} (or unnamed if it is -1);
   * returns its index. A name already bound is an error.
   */
  int bind(Tokens tokens, int idToken) {
    int index = names.size();
    if (idToken < 0) {
      names.add(null);
      return index;
    }
    String id = tokens.text(idToken);
    if (ids.putIfAbsent(id, index) != null) {
      throw tokens.error(idToken, "duplicate " + category + " " + id);
    }
    names.add(id);
    return index;
  }

  /** Appends {@code n} unnamed entries. */
  void bindAnonymous(int n) {
    for (int i = 0; i < n; i++) {
      names.add(null);
    }
  }

  /** The index denoted by token {@code i}: a nat literal or a bound identifier. */
  int resolve(Cursor c) {
    Tokens tokens = c.tokens();
    int i = c.pos();
    if (tokens.kind(i) == Kind.NAT) {
      return c.u32();
    }
    if (tokens.kind(i) != Kind.ID) {
      throw c.unexpected();
    }
    Integer index = ids.get(tokens.text(i));
    if (index == null) {
      throw tokens.error(i, "unknown " + category + " " + tokens.text(i));
    }
    c.advance();
    return index;
  }

  /** The identifier of entry {@code index} without its {@code $}, or null if it has none. */
  String name(int index) {
    String id = names.get(index);
    return id == null ? null : id.substring(1);
  }

  boolean hasNames() {
    return !ids.isEmpty();
  }
}
