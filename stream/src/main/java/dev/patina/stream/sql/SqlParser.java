package dev.patina.stream.sql;

import java.util.List;
import java.util.function.Supplier;

/**
 * The SQL parser of Patina's streaming database: PostgreSQL's syntax with RisingWave's additions
 * (sources, sinks, {@code APPEND ONLY}, {@code WATERMARK FOR}, {@code EMIT ON WINDOW CLOSE},
 * temporal joins, {@code FLUSH} ...). A hand-written lexer and recursive-descent parser;
 * thread-safe (every call parses with its own state).
 *
 * <p>Any input either parses or raises a {@link ParseException} that carries PostgreSQL's message
 * and error position; nesting deeper than {@value ParserBase#MAX_DEPTH} levels is refused rather
 * than exhausting the stack.
 */
public final class SqlParser {
  private SqlParser() {}

  /** The statements of a script separated by semicolons; empty statements are skipped. */
  public static List<Statement> parse(String sql) {
    SourceText src = new SourceText(sql);
    return guarded(src, () -> new StatementParser(src, Lexer.tokenize(src)).parseScript());
  }

  /** Exactly one statement, optionally followed by semicolons. */
  public static Statement parseOne(String sql) {
    SourceText src = new SourceText(sql);
    List<Statement> statements =
        guarded(src, () -> new StatementParser(src, Lexer.tokenize(src)).parseScript());
    if (statements.size() != 1) {
      if (statements.isEmpty()) {
        throw src.error("syntax error at end of input", sql.length());
      }
      int at = statements.get(1).pos().offset();
      throw src.error("cannot insert multiple commands into a prepared statement", "42601", at);
    }
    return statements.getFirst();
  }

  /** One expression, as in a DEFAULT or a CHECK clause. */
  public static Expr parseExpr(String sql) {
    SourceText src = new SourceText(sql);
    return guarded(
        src,
        () -> {
          StatementParser parser = new StatementParser(src, Lexer.tokenize(src));
          Expr e = parser.parseExpr();
          if (!parser.is(Token.Kind.EOF)) {
            throw parser.unexpected();
          }
          return e;
        });
  }

  /** One data type, e.g. {@code "numeric(10, 2)"} or {@code "struct<a int, b varchar[]>"}. */
  public static DataType parseDataType(String sql) {
    SourceText src = new SourceText(sql);
    return guarded(
        src,
        () -> {
          StatementParser parser = new StatementParser(src, Lexer.tokenize(src));
          DataType t = parser.parseDataType();
          if (!parser.is(Token.Kind.EOF)) {
            throw parser.unexpected();
          }
          return t;
        });
  }

  /**
   * Runs a parse; should the caller's thread have too little stack left even for the bounded
   * nesting, the overflow becomes PostgreSQL's "stack depth limit exceeded" rather than an error.
   */
  private static <T> T guarded(SourceText src, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (StackOverflowError e) {
      throw src.error("stack depth limit exceeded", ParseException.STATEMENT_TOO_COMPLEX, 0);
    }
  }
}
