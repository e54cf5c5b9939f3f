package dev.patina.wasm.text;

import dev.patina.wasm.MalformedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of one source text (a {@code .wat} module or a {@code .wast} script), as produced by
 * {@link Lexer}. Tokens are stored column-wise (kind, start and end offset into the UTF-8 source),
 * so that a megabyte of text costs a few arrays rather than a million objects. The last token is
 * always {@link Kind#EOF}.
 *
 * <p>Every parenthesis knows its partner ({@link #partner}), which lets parsers skip or bound a
 * whole s-expression without recursion. Positions are turned into {@code line:column} only when an
 * error is reported.
 */
public final class Tokens {
  /** The lexical classes of the text format; anything unrecognized is {@link #RESERVED}. */
  public enum Kind {
    LPAR,
    RPAR,
    STRING,
    ID,
    KEYWORD,
    NAT,
    INT,
    FLOAT,
    RESERVED,
    EOF
  }

  private static final Kind[] KINDS = Kind.values();

  private final byte[] source;
  private final String sourceName;
  private byte[] kinds = new byte[64];
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int[] partners;
  private String[] texts;
  private int count;
  private int[] lineStarts;

  Tokens(byte[] source, String sourceName) {
    this.source = source;
    this.sourceName = sourceName;
  }

  void add(Kind kind, int start, int end) {
    if (count == kinds.length) {
      int n = count * 2;
      kinds = Arrays.copyOf(kinds, n);
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
    }
    kinds[count] = (byte) kind.ordinal();
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  /** Pairs parentheses; an unmatched one gets partner -1. Called once the EOF token is added. */
  void matchParentheses() {
    partners = new int[count];
    int[] stack = new int[16];
    int depth = 0;
    for (int i = 0; i < count; i++) {
      partners[i] = -1;
      if (kinds[i] == Kind.LPAR.ordinal()) {
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = i;
      } else if (kinds[i] == Kind.RPAR.ordinal() && depth > 0) {
        int open = stack[--depth];
        partners[open] = i;
        partners[i] = open;
      }
    }
  }

  /** The number of tokens, including the final EOF. */
  public int size() {
    return count;
  }

  public byte[] source() {
    return source;
  }

  public Kind kind(int i) {
    return KINDS[kinds[i]];
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** The index of the matching parenthesis, or -1 if the parenthesis is unmatched. */
  public int partner(int i) {
    return partners[i];
  }

  /** Whether token {@code i} is a keyword spelled exactly {@code word} (ASCII). */
  public boolean isKeyword(int i, String word) {
    if (kinds[i] != Kind.KEYWORD.ordinal()) {
      return false;
    }
    int s = starts[i];
    int n = ends[i] - s;
    if (n != word.length()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (source[s + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The token's source text (decoded as UTF-8). */
  public String text(int i) {
    // Parsers ask for the same keyword or identifier several times (scan, lookahead, parse).
    if (texts == null) {
      texts = new String[count];
    }
    String s = texts[i];
    if (s == null) {
      s = new String(source, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
      texts[i] = s;
    }
    return s;
  }

  /** The bytes a {@link Kind#STRING} token denotes, its escapes resolved. */
  public byte[] stringBytes(int i) {
    int p = starts[i] + 1;
    int end = ends[i] - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(end - p);
    while (p < end) {
      int b = source[p] & 0xFF;
      if (b != '\\') {
        out.write(b);
        p++;
        continue;
      }
      int c = source[p + 1] & 0xFF;
      p += 2;
      switch (c) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case '\\', '\'', '"' -> out.write(c);
        case 'u' -> {
          int close = p + 1;
          int cp = 0;
          for (; source[close] != '}'; close++) {
            if (source[close] != '_') {
              cp = cp * 16 + Lexer.hexValue(source[close]);
            }
          }
          byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
          out.write(utf8, 0, utf8.length);
          p = close + 1;
        }
        default -> {
          out.write(Lexer.hexValue((byte) c) * 16 + Lexer.hexValue(source[p]));
          p++;
        }
      }
    }
    return out.toByteArray();
  }

  /** The 1-based line of the token's first character. */
  public int line(int i) {
    return lineOf(starts[i]) + 1;
  }

  /** {@code line:column} (both 1-based, columns counted in characters) of token {@code i}. */
  public String location(int i) {
    return locationOf(starts[Math.min(i, count - 1)]);
  }

  /**
   * {@code line:column} of a byte offset into the source, prefixed by the source's name (a file
   * name) if it has one.
   */
  public String locationOf(int offset) {
    int line = lineOf(offset);
    int column = 1;
    for (int p = lineStarts[line]; p < offset && p < source.length; p++) {
      if ((source[p] & 0xC0) != 0x80) {
        column++;
      }
    }
    String where = (line + 1) + ":" + column;
    return sourceName == null ? where : sourceName + ":" + where;
  }

  private int lineOf(int offset) {
    if (lineStarts == null) {
      lineStarts = Lexer.lineStarts(source);
    }
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found : -found - 2;
  }

  /** A malformed-text error located at token {@code i}. */
  public MalformedException error(int i, String reason) {
    return new MalformedException(reason, location(i));
  }
}
