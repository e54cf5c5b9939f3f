package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lexical structure, following PostgreSQL: literals, identifiers, comments, operators. */
class LexerTest {

  static String str(String sql) {
    return ((Expr.StringLit) SqlParser.parseExpr(sql)).value();
  }

  static String num(String sql) {
    return ((Expr.NumberLit) SqlParser.parseExpr(sql)).text();
  }

  @Test
  void strings() {
    assertEquals("it's", str("'it''s'"));
    assertEquals("a\\nb", str("'a\\nb'"), "standard strings keep backslashes");
    assertEquals("", str("''"));
    assertEquals("multi\nline", str("'multi\nline'"));
    assertEquals("ab", str("'a'\n'b'"), "literals separated by a newline are one");
    assertEquals("ab", str("'a'  \n  'b'"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("'a' 'b'"));
    assertEquals("national", str("N'national'"));
  }

  @Test
  void escapeStrings() {
    assertEquals("a\nb\tc", str("E'a\\nb\\tc'"));
    assertEquals("it's", str("e'it\\'s'"));
    assertEquals("it's", str("E'it''s'"));
    assertEquals("\\", str("E'\\\\'"));
    assertEquals("A", str("E'\\x41'"));
    assertEquals("A", str("E'\\101'"));
    assertEquals("é", str("E'\\u00e9'"));
    assertEquals("é", str("E'\\xc3\\xa9'"), "byte escapes form UTF-8");
    assertEquals("😀", str("E'\\U0001F600'"));
    assertEquals("😀", str("E'\\ud83d\\ude00'"));
    assertEquals("q", str("E'\\q'"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("E'\\xff'"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("E'\\u00'"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("E'\\x00'"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("E'\\ud83d'"));
  }

  @Test
  void unicodeAndDollarQuotedStrings() {
    assertEquals("data", str("U&'d\\0061t\\+000061'"));
    assertEquals("\\", str("U&'\\\\'"));
    assertEquals("it's $ quoted", str("$$it's $ quoted$$"));
    assertEquals("has $$ inside", str("$tag$has $$ inside$tag$"));
    assertEquals("", str("$$$$"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("$$open"));
    assertEquals(List.of("Col"), ((Expr.ColumnRef) SqlParser.parseExpr("U&\"\\0043ol\"")).names());
  }

  @Test
  void numbers() {
    assertEquals("42", num("42"));
    assertEquals("1.5", num("1.5"));
    assertEquals(".5", num(".5"));
    assertEquals("5.", num("5."));
    assertEquals("1e10", num("1e10"));
    assertEquals("1.5E-3", num("1.5E-3"));
    assertEquals("31", num("0x1F"));
    assertEquals("15", num("0o17"));
    assertEquals("5", num("0b101"));
    assertEquals("1000000", num("1_000_000"));
    assertEquals("99999999999999999999999", num("99999999999999999999999"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("123abc"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("1e"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("0x"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("1__0"));
  }

  @Test
  void identifiersFoldToLowerCaseUnlessQuoted() {
    assertEquals(
        List.of("mytable", "MyColumn", "with \"quote\""),
        ((Expr.ColumnRef) SqlParser.parseExpr("MyTable.\"MyColumn\".\"with \"\"quote\"\"\""))
            .names());
    assertEquals(List.of("a$b", "_x1"), ((Expr.ColumnRef) SqlParser.parseExpr("a$b._x1")).names());
    assertEquals(List.of("été"), ((Expr.ColumnRef) SqlParser.parseExpr("été")).names());
    assertEquals(
        List.of("ÉtÉ"),
        ((Expr.ColumnRef) SqlParser.parseExpr("ÉTÉ")).names(),
        "as in PostgreSQL with UTF-8, only ASCII letters fold");
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("\"\""));
  }

  @Test
  void parametersAndComments() {
    assertEquals(new Expr.Param(Pos.NONE, 3), SqlParser.parseExpr("$3"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("$0"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("$1a"));
    assertEquals(
        SqlParser.parseExpr("1 + 2"),
        SqlParser.parseExpr("1 /* a /* nested */ comment */ + -- line\n 2"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("1 /* /* */"));
    assertThrows(ParseException.class, () -> SqlParser.parseExpr("{"));
  }
}
