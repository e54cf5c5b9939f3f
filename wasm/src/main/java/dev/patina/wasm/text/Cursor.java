package dev.patina.wasm.text;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.text.Tokens.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A position in a token sequence with the small look-ahead and expect operations that the module
 * and script parsers share. Every failure is a {@link MalformedException} located at the offending
 * token, worded as the reference interpreter words it ("unexpected token", "unknown operator").
 */
public final class Cursor {
  /** Keywords of the text and script grammars other than instruction names. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "i32",
          "i64",
          "f32",
          "f64",
          "v128",
          "i8x16",
          "i16x8",
          "i32x4",
          "i64x2",
          "f32x4",
          "f64x2",
          "funcref",
          "externref",
          "func",
          "extern",
          "mut",
          "then",
          "else",
          "end",
          "type",
          "param",
          "result",
          "local",
          "global",
          "table",
          "memory",
          "elem",
          "data",
          "declare",
          "offset",
          "item",
          "import",
          "export",
          "start",
          "module",
          "binary",
          "quote",
          "script",
          "register",
          "invoke",
          "get",
          "assert_malformed",
          "assert_invalid",
          "assert_unlinkable",
          "assert_return",
          "assert_trap",
          "assert_exhaustion",
          "nan:canonical",
          "nan:arithmetic",
          "input",
          "output",
          "ref.extern");

  private final Tokens tokens;
  private int pos;

  public Cursor(Tokens tokens, int pos) {
    this.tokens = tokens;
    this.pos = pos;
  }

  public Tokens tokens() {
    return tokens;
  }

  public int pos() {
    return pos;
  }

  public void pos(int p) {
    pos = p;
  }

  public void advance() {
    if (pos < tokens.size() - 1) {
      pos++;
    }
  }

  public Kind kind() {
    return tokens.kind(pos);
  }

  public Kind kind(int ahead) {
    int i = pos + ahead;
    return i < tokens.size() ? tokens.kind(i) : Kind.EOF;
  }

  public boolean is(Kind k) {
    return tokens.kind(pos) == k;
  }

  public boolean isKeyword(String word) {
    return tokens.isKeyword(pos, word);
  }

  /** Whether the cursor is at {@code ( word}. */
  public boolean atList(String word) {
    return tokens.kind(pos) == Kind.LPAR
        && pos + 1 < tokens.size()
        && tokens.isKeyword(pos + 1, word);
  }

  public String text() {
    return tokens.text(pos);
  }

  public MalformedException error(String reason) {
    return tokens.error(pos, reason);
  }

  /** The error for an unexpected token at the cursor. */
  public MalformedException unexpected() {
    return unexpected(pos);
  }

  /** The error for an unexpected token {@code i}: unknown words read as unknown operators. */
  public MalformedException unexpected(int i) {
    Kind k = tokens.kind(i);
    if (isUnknownOperator(tokens, i)) {
      return tokens.error(i, "unknown operator " + tokens.text(i));
    }
    if (k == Kind.EOF) {
      return tokens.error(i, "unexpected end of input");
    }
    return tokens.error(i, "unexpected token");
  }

  /**
   * Whether token {@code i} is one the reference lexer rejects outright: a reserved token or a
   * keyword of no grammar rule.
   */
  static boolean isUnknownOperator(Tokens tokens, int i) {
    Kind k = tokens.kind(i);
    return k == Kind.RESERVED || (k == Kind.KEYWORD && !isKnownKeyword(tokens.text(i)));
  }

  static boolean isKnownKeyword(String word) {
    return KEYWORDS.contains(word)
        || dev.patina.wasm.binary.Opcode.byText(word) != null
        || isNatSuffixed(word, "offset=")
        || isNatSuffixed(word, "align=");
  }

  /** {@code offset=N} or {@code align=N} with N a nat literal. */
  private static boolean isNatSuffixed(String word, String prefix) {
    if (!word.startsWith(prefix) || word.length() == prefix.length()) {
      return false;
    }
    byte[] b = word.substring(prefix.length()).getBytes(StandardCharsets.ISO_8859_1);
    return NumberSyntax.classify(b, 0, b.length) == Kind.NAT;
  }

  public void expect(Kind k) {
    if (tokens.kind(pos) != k) {
      throw unexpected();
    }
    advance();
  }

  public void expectLpar() {
    expect(Kind.LPAR);
  }

  public void expectRpar() {
    expect(Kind.RPAR);
  }

  public void expectKeyword(String word) {
    if (!tokens.isKeyword(pos, word)) {
      throw unexpected();
    }
    advance();
  }

  /** Consumes {@code ( word} if present. */
  public boolean acceptList(String word) {
    if (atList(word)) {
      pos += 2;
      return true;
    }
    return false;
  }

  public boolean acceptKeyword(String word) {
    if (tokens.isKeyword(pos, word)) {
      advance();
      return true;
    }
    return false;
  }

  /** The identifier at the cursor (consumed), or null if there is none. */
  public String optionalId() {
    if (tokens.kind(pos) == Kind.ID) {
      String id = tokens.text(pos);
      advance();
      return id;
    }
    return null;
  }

  /** A string literal's bytes. */
  public byte[] string() {
    if (tokens.kind(pos) != Kind.STRING) {
      throw unexpected();
    }
    byte[] b = tokens.stringBytes(pos);
    advance();
    return b;
  }

  /** Zero or more string literals, concatenated. */
  public byte[] strings() {
    BinaryWriter w = new BinaryWriter();
    while (tokens.kind(pos) == Kind.STRING) {
      w.bytes(tokens.stringBytes(pos));
      advance();
    }
    return w.toByteArray();
  }

  /** A string literal that must be valid UTF-8 (an import, export or invocation name). */
  public String name() {
    int at = pos;
    byte[] b = string();
    if (!Lexer.isUtf8(b)) {
      throw tokens.error(at, "malformed UTF-8 encoding");
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /** An unsigned 32-bit literal (an index, a limit, an offset). */
  public int u32() {
    if (tokens.kind(pos) != Kind.NAT) {
      throw unexpected();
    }
    try {
      int v = (int) Literals.parseNat(tokens.text(pos), 0xFFFFFFFFL);
      advance();
      return v;
    } catch (Literals.OutOfRange e) {
      throw error("i32 constant out of range");
    }
  }

  /** An integer literal of {@code bits} (8 to 64) as its bit pattern. */
  public long intLiteral(int bits) {
    Kind k = tokens.kind(pos);
    if (k != Kind.NAT && k != Kind.INT && k != Kind.FLOAT) {
      throw unexpected();
    }
    try {
      long v = k == Kind.FLOAT ? failRange() : Literals.parseInt(tokens.text(pos), bits);
      advance();
      return v;
    } catch (Literals.OutOfRange e) {
      throw error("constant out of range");
    }
  }

  private static long failRange() {
    throw new Literals.OutOfRange();
  }

  /** An {@code f32} literal's bit pattern. */
  public int f32Literal() {
    return (int) floatLiteral(Literals.FloatFormat.F32);
  }

  /** An {@code f64} literal's bit pattern. */
  public long f64Literal() {
    return floatLiteral(Literals.FloatFormat.F64);
  }

  private long floatLiteral(Literals.FloatFormat format) {
    Kind k = tokens.kind(pos);
    if (k != Kind.NAT && k != Kind.INT && k != Kind.FLOAT) {
      throw unexpected();
    }
    try {
      long v = Literals.parseFloat(tokens.text(pos), format);
      advance();
      return v;
    } catch (Literals.OutOfRange e) {
      throw error("constant out of range");
    }
  }

  /** A value type keyword, or null (not consumed) if the token is not one. */
  public ValType optionalValType() {
    if (tokens.kind(pos) != Kind.KEYWORD) {
      return null;
    }
    ValType t = valTypeNamed(tokens.text(pos));
    if (t != null) {
      advance();
    }
    return t;
  }

  public ValType valType() {
    ValType t = optionalValType();
    if (t == null) {
      throw unexpected();
    }
    return t;
  }

  public ValType refType() {
    ValType t = optionalValType();
    if (t == null || !t.isReference()) {
      throw unexpected(t == null ? pos : pos - 1);
    }
    return t;
  }

  static ValType valTypeNamed(String name) {
    return switch (name) {
      case "i32" -> ValType.I32;
      case "i64" -> ValType.I64;
      case "f32" -> ValType.F32;
      case "f64" -> ValType.F64;
      case "v128" -> ValType.V128;
      case "funcref" -> ValType.FUNCREF;
      case "externref" -> ValType.EXTERNREF;
      default -> null;
    };
  }
}
