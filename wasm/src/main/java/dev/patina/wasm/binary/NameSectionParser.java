package dev.patina.wasm.binary;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.structure.NameSection;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses the payload of the {@code name} custom section (module, function and local names). The
 * section only carries debugging information, so a malformed one is ignored rather than failing the
 * module, as the specification's appendix allows.
 */
public final class NameSectionParser {
  private static final int MODULE = 0;
  private static final int FUNCTIONS = 1;
  private static final int LOCALS = 2;

  private NameSectionParser() {}

  /** The names in {@code payload}, or null if it is not a well-formed name section. */
  public static NameSection parse(byte[] payload) {
    try {
      return read(new BinaryReader(payload));
    } catch (MalformedException e) {
      return null;
    }
  }

  private static NameSection read(BinaryReader r) {
    String moduleName = null;
    Map<Integer, String> functions = Map.of();
    Map<Integer, Map<Integer, String>> locals = Map.of();
    int lastId = -1;
    while (!r.atEnd()) {
      int start = r.position();
      int id = r.u8();
      // Each subsection occurs at most once, in order of increasing id; unknown ids (label, type
      // names... from later proposals) are skipped.
      if (id <= lastId) {
        throw BinaryReader.error("malformed name section", start);
      }
      lastId = id;
      int size = r.length();
      int end = r.position() + size;
      BinaryReader sub = new BinaryReader(r.bytes(), r.position(), end);
      switch (id) {
        case MODULE -> moduleName = sub.name();
        case FUNCTIONS -> functions = nameMap(sub);
        case LOCALS -> {
          int n = sub.length();
          Map<Integer, Map<Integer, String>> map = new HashMap<>();
          for (int i = 0; i < n; i++) {
            map.put(sub.u32(), nameMap(sub));
          }
          locals = map;
        }
        default -> sub.position(end);
      }
      if (sub.position() != end) {
        throw BinaryReader.error("section size mismatch", sub.position());
      }
      r.position(end);
    }
    return new NameSection(moduleName, functions, locals);
  }

  private static Map<Integer, String> nameMap(BinaryReader r) {
    int n = r.length();
    Map<Integer, String> map = new HashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(r.u32(), r.name());
    }
    return Map.copyOf(map);
  }
}
