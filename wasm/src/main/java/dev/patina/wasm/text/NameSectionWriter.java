package dev.patina.wasm.text;

import java.util.List;
import java.util.Map;

/**
 * Writes the {@code name} custom section from the identifiers of the text: the module name
 * (subsection 0), function names (1) and local names (2), so that stack traces can show {@code
 * $fac} rather than {@code func[3]}.
 */
final class NameSectionWriter {
  private NameSectionWriter() {}

  /** The section's contents (including its own name), or null if there is nothing to name. */
  static BinaryWriter write(String moduleId, Space funcs, Map<Integer, List<String>> localNames) {
    BinaryWriter content = new BinaryWriter();
    content.name("name");
    boolean any = false;
    if (moduleId != null) {
      BinaryWriter w = new BinaryWriter();
      w.name(moduleId.substring(1));
      content.u8(0).sized(w);
      any = true;
    }
    if (funcs.hasNames()) {
      BinaryWriter w = new BinaryWriter();
      int count = 0;
      for (int i = 0; i < funcs.size(); i++) {
        if (funcs.name(i) != null) {
          count++;
        }
      }
      w.u32(count);
      for (int i = 0; i < funcs.size(); i++) {
        if (funcs.name(i) != null) {
          w.u32(i).name(funcs.name(i));
        }
      }
      content.u8(1).sized(w);
      any = true;
    }
    if (!localNames.isEmpty()) {
      BinaryWriter w = new BinaryWriter();
      w.u32(localNames.size());
      for (Map.Entry<Integer, List<String>> e : localNames.entrySet()) {
        List<String> names = e.getValue();
        w.u32(e.getKey());
        int count = 0;
        for (String n : names) {
          if (n != null) {
            count++;
          }
        }
        w.u32(count);
        for (int i = 0; i < names.size(); i++) {
          if (names.get(i) != null) {
            w.u32(i).name(names.get(i));
          }
        }
      }
      content.u8(2).sized(w);
      any = true;
    }
    return any ? content : null;
  }
}
