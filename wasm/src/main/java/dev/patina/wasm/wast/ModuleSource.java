package dev.patina.wasm.wast;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.text.Tokens;
import dev.patina.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A module as a script writes it. {@link #encode()} produces the binary module, or throws {@link
 * MalformedException} if the text cannot be parsed; encoding is deferred until a runner asks, so
 * that a bad module fails only its own command.
 */
public sealed interface ModuleSource {
  /** The binary encoding. */
  byte[] encode();

  /** The module's {@code $name} in the script, or null. */
  String name();

  /**
   * An inline {@code (module ...)} in text form. It keeps the script's tokens and parses them on
   * {@link #encode()}; errors name {@code file:line:column} within the script.
   */
  final class Text implements ModuleSource {
    private final String name;
    private final Tokens tokens;
    private final int open;

    /**
     * @param open the index of the module's opening parenthesis, or -1 if the whole token sequence
     *     is a module's bare fields
     */
    Text(String name, Tokens tokens, int open) {
      this.name = name;
      this.tokens = tokens;
      this.open = open;
    }

    @Override
    public byte[] encode() {
      return open < 0 ? Wat.fields(tokens) : Wat.module(tokens, open);
    }

    @Override
    public String name() {
      return name;
    }

    /** The module's source text as written in the script. */
    public String text() {
      if (open < 0) {
        return new String(tokens.source(), StandardCharsets.UTF_8);
      }
      int from = tokens.start(open);
      int to = tokens.end(tokens.partner(open));
      return new String(tokens.source(), from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Text[" + (open < 0 ? "whole script" : tokens.location(open)) + "]";
    }
  }

  /**
   * {@code (module $name? quote "..."*)}: text held in strings, parsed on {@link #encode()} (errors
   * are located within the quoted text). The strings may hold any bytes, so the source is kept as
   * bytes; {@link #text()} decodes it for display.
   */
  record Quote(String name, byte[] source) implements ModuleSource {
    @Override
    public byte[] encode() {
      return Wat.toBinary(source);
    }

    public String text() {
      return new String(source, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Quote q
          && Objects.equals(name, q.name)
          && Arrays.equals(source, q.source);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, Arrays.hashCode(source));
    }

    @Override
    public String toString() {
      return "Quote[" + text() + "]";
    }
  }

  /** {@code (module $name? binary "..."*)}: the bytes of the strings, as they are. */
  record Binary(String name, byte[] bytes) implements ModuleSource {
    @Override
    public byte[] encode() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && Objects.equals(name, b.name) && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
      return "Binary[" + bytes.length + " bytes]";
    }
  }
}
