package dev.patina.wasm.wast;

import dev.patina.wasm.MalformedException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The WebAssembly script format ({@code .wast}) of the specification's test suite: modules, actions
 * and assertions. Modules are kept unencoded ({@link ModuleSource}) until a runner needs them.
 */
public final class WastScript {
  private WastScript() {}

  /**
   * Parses a script. Commands of later WebAssembly versions become {@link WastCommand.Unsupported};
   * any syntax error is a {@link MalformedException} located at {@code fileName:line:column}.
   *
   * @param fileName names the script in error locations; may be null
   */
  public static List<WastCommand> parse(String text, String fileName) {
    return parse(text.getBytes(StandardCharsets.UTF_8), fileName);
  }

  /** Parses a script from its UTF-8 bytes. */
  public static List<WastCommand> parse(byte[] source, String fileName) {
    return new ScriptParser(source, fileName).parse();
  }
}
