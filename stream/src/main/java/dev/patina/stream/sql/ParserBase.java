package dev.patina.stream.sql;

import dev.patina.stream.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The token cursor under the recursive-descent parser: look-ahead, keyword and punctuation
 * matching, names, PostgreSQL-style errors and the nesting guard.
 */
abstract class ParserBase {
  /**
   * The deepest nesting the parser accepts, which bounds the depth of the tree for every later pass
   * that walks it recursively. An expression, type, table reference or chained operator counts one
   * level; a function call, CASE, window or sub-array one more; a query four. At this limit
   * parsing, printing, comparing and hashing stay within a 1 MiB thread stack even in the
   * interpreter ({@code -Xint}).
   */
  static final int MAX_DEPTH = 400;

  /** The levels a query counts: its subtree is several records deep. */
  static final int QUERY_LEVELS = 4;

  final SourceText src;
  final Token[] toks;
  int p;
  int depth;

  ParserBase(SourceText src, List<Token> tokens) {
    this.src = src;
    this.toks = tokens.toArray(Token[]::new);
  }

  // ---- cursor

  final Token peek() {
    return toks[p];
  }

  final Token peek(int ahead) {
    int j = p + ahead;
    return j < toks.length ? toks[j] : toks[toks.length - 1];
  }

  final Token next() {
    Token t = toks[p];
    if (p < toks.length - 1) {
      p++;
    }
    return t;
  }

  final Pos pos(Token t) {
    return src.pos(t.start());
  }

  final Pos pos() {
    return pos(peek());
  }

  final boolean is(Kind kind) {
    return peek().kind() == kind;
  }

  final boolean accept(Kind kind) {
    if (is(kind)) {
      next();
      return true;
    }
    return false;
  }

  final Token expect(Kind kind) {
    if (!is(kind)) {
      throw unexpected();
    }
    return next();
  }

  final boolean isKw(String word) {
    return peek().isWord(word);
  }

  final boolean isKw(int ahead, String word) {
    return peek(ahead).isWord(word);
  }

  final boolean acceptKw(String word) {
    if (isKw(word)) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes the words only if all of them follow. */
  final boolean acceptKws(String... words) {
    for (int k = 0; k < words.length; k++) {
      if (!isKw(k, words[k])) {
        return false;
      }
    }
    for (int k = 0; k < words.length; k++) {
      next();
    }
    return true;
  }

  final Token expectKw(String word) {
    if (!isKw(word)) {
      throw unexpected();
    }
    return next();
  }

  final void expectKws(String... words) {
    for (String w : words) {
      expectKw(w);
    }
  }

  final boolean isOp(String op) {
    return peek().isOp(op);
  }

  final boolean acceptOp(String op) {
    if (isOp(op)) {
      next();
      return true;
    }
    return false;
  }

  final void expectOp(String op) {
    if (!isOp(op)) {
      throw unexpected();
    }
    next();
  }

  // ---- errors

  final ParseException unexpected() {
    return unexpected(peek());
  }

  final ParseException unexpected(Token t) {
    if (t.kind() == Kind.EOF) {
      return src.error("syntax error at end of input", t.start());
    }
    return src.error("syntax error" + SourceText.near(text(t)), t.start());
  }

  final ParseException error(String message, Token at) {
    return src.error(message, at.start());
  }

  final String text(Token t) {
    return src.sql.substring(t.start(), t.end());
  }

  final void enter() {
    enter(1);
  }

  final void enter(int levels) {
    depth += levels;
    if (depth > MAX_DEPTH) {
      throw tooDeep();
    }
  }

  final void leave() {
    depth--;
  }

  final void leave(int levels) {
    depth -= levels;
  }

  /** For loops that build left-deep trees: each step adds a level. */
  final void checkChain(int steps) {
    if (depth + steps > MAX_DEPTH) {
      throw tooDeep();
    }
  }

  final ParseException tooDeep() {
    return src.error(
        "statement is nested too deeply (the limit is " + MAX_DEPTH + " levels)",
        ParseException.STATEMENT_TOO_COMPLEX,
        peek().start());
  }

  // ---- names

  static boolean isName(Token t) {
    return t.kind() == Kind.QUOTED_IDENT || t.kind() == Kind.WORD;
  }

  /** A column, table or alias name: unreserved or column-name keyword, or quoted. */
  static boolean isColId(Token t) {
    return t.kind() == Kind.QUOTED_IDENT || (t.kind() == Kind.WORD && Keywords.isColId(t.value()));
  }

  final String colId() {
    if (!isColId(peek())) {
      throw unexpected();
    }
    return next().value();
  }

  /** Any word, reserved or not, or a quoted identifier (after AS, after a dot). */
  final String colLabel() {
    if (!isName(peek())) {
      throw unexpected();
    }
    return next().value();
  }

  /** {@code name[.name ...]}: the first part a ColId, the following any label. */
  final ObjectName objectName() {
    Pos pos = pos();
    List<String> parts = new ArrayList<>();
    parts.add(colId());
    while (is(Kind.DOT) && isName(peek(1))) {
      next();
      parts.add(colLabel());
    }
    return new ObjectName(pos, parts);
  }

  /** {@code (a, b, c)}. */
  final List<String> parenNameList() {
    expect(Kind.LPAREN);
    List<String> names = new ArrayList<>();
    do {
      names.add(colId());
    } while (accept(Kind.COMMA));
    expect(Kind.RPAREN);
    return names;
  }

  /** A non-negative integer literal that fits an int. */
  final int intLiteral() {
    Token t = peek();
    if (t.kind() != Kind.NUMBER || !t.value().chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw unexpected();
    }
    next();
    try {
      return Integer.parseInt(t.value());
    } catch (NumberFormatException e) {
      throw error("value \"" + t.value() + "\" is out of range for type integer", t);
    }
  }

  /** A string literal's value. */
  final String stringLiteral() {
    return expect(Kind.STRING).value();
  }
}
