package dev.patina.stream.sql;

/**
 * A lexical token. {@code value} is normalized: unquoted words are lower-cased (ASCII only, as
 * PostgreSQL does), quoted identifiers and strings have their quotes and escapes resolved, numbers
 * lose digit separators and radix prefixes, parameters keep their digits, operators their symbols.
 * {@code start} and {@code end} delimit the token's source text.
 */
record Token(Kind kind, String value, int start, int end) {

  enum Kind {
    WORD,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    PARAM,
    OP,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    SEMICOLON,
    COLON,
    DOUBLE_COLON,
    DOT,
    EOF
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && value.equals(word);
  }

  boolean isOp(String op) {
    return kind == Kind.OP && value.equals(op);
  }
}
