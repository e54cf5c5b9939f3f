package dev.patina.wasm.text;

import dev.patina.wasm.text.Tokens.Kind;
import java.nio.charset.StandardCharsets;

/**
 * The WebAssembly text format: parses a module and returns its binary encoding.
 *
 * <p>Accepted forms: {@code (module $id? field*)}, a bare sequence of module fields, {@code (module
 * $id? binary "..."*)} (the bytes of the strings, unchecked) and {@code (module $id? quote "..."*)}
 * (the strings parsed as text). Identifiers become a {@code name} custom section. Any syntax error
 * is a {@link MalformedException} located at {@code line:column}; indices that are merely out of
 * range are encoded as written, for the validator to reject.
 */
public final class Wat {
  private Wat() {}

  /** Encodes the module written in {@code text}. */
  public static byte[] toBinary(String text) {
    return toBinary(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Encodes the module written in UTF-8 {@code source} (which may hold bad bytes to report). */
  public static byte[] toBinary(byte[] source) {
    Tokens t = Lexer.lex(source);
    Cursor c = new Cursor(t, 0);
    if (c.atList("module")) {
      int close = t.partner(0);
      if (close < 0) {
        throw new Cursor(t, t.size() - 1).unexpected();
      }
      if (t.kind(close + 1) != Kind.EOF) {
        ModuleParser.rejectUnknownOperators(t, 0, t.size() - 1);
        throw new Cursor(t, close + 1).unexpected();
      }
      return module(t, 0);
    }
    return ModuleParser.encode(t, 0, t.size() - 1, null);
  }

  /** Encodes a whole token sequence of bare module fields (a script that is just a module). */
  public static byte[] fields(Tokens t) {
    return ModuleParser.encode(t, 0, t.size() - 1, null);
  }

  /**
   * Encodes the {@code (module ...)} form whose opening parenthesis is token {@code open}: text,
   * {@code binary} or {@code quote}.
   */
  public static byte[] module(Tokens t, int open) {
    Cursor c = new Cursor(t, open + 1);
    c.expectKeyword("module");
    String id = c.optionalId();
    int close = t.partner(open);
    if (close < 0) {
      throw new Cursor(t, t.size() - 1).unexpected();
    }
    if (c.acceptKeyword("binary")) {
      byte[] bytes = c.strings();
      c.expectRpar();
      return bytes;
    }
    if (c.acceptKeyword("quote")) {
      byte[] text = c.strings();
      c.expectRpar();
      return toBinary(text);
    }
    return ModuleParser.encode(t, c.pos(), close, id);
  }
}
