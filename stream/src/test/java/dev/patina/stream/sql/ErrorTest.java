package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Errors read as PostgreSQL's and point where PostgreSQL points (field P: 1-based characters). */
class ErrorTest {

  static ParseException error(String sql) {
    return assertThrows(ParseException.class, () -> SqlParser.parse(sql));
  }

  static void assertError(String sql, String message, int position) {
    ParseException e = error(sql);
    assertEquals(message, e.getMessage(), sql);
    assertEquals(position, e.position(), sql);
    assertEquals(ParseException.SYNTAX_ERROR, e.sqlState());
  }

  @Test
  void syntaxErrorsPointAtTheToken() {
    assertError("select * frm t", "syntax error at or near \"frm\"", 10);
    assertError("select 1 from from", "syntax error at or near \"from\"", 15);
    assertError("SELECT a FROM t WHERE", "syntax error at end of input", 22);
    assertError("select * from", "syntax error at end of input", 14);
    assertError("create table t (a int,, b int)", "syntax error at or near \",\"", 23);
    assertError("selec 1", "syntax error at or near \"selec\"", 1);
    assertError("select 'a' 'b'", "syntax error at or near \"'b'\"", 12);
    assertError("select (1", "syntax error at end of input", 10);
    assertError("select 1)", "syntax error at or near \")\"", 9);
    assertError("insert into t values (1", "syntax error at end of input", 24);
    assertError(
        "create materialized view v as select 1 emit on", "syntax error at end of input", 47);
  }

  @Test
  void lineAndColumn() {
    ParseException e = error("select a,\n  b\nfrom t\nwhere )");
    assertEquals(4, e.line());
    assertEquals(7, e.column());
    assertEquals("select a,\n  b\nfrom t\nwhere ".length(), e.offset());
    assertEquals(e.offset() + 1, e.position());
    assertEquals("syntax error at or near \")\" (line 4, column 7)", e.describe());
  }

  @Test
  void positionsCountCharactersNotUtf16Units() {
    ParseException e = error("select '😀', from");
    assertEquals(13, e.offset(), "0-based, the emoji is two UTF-16 units");
    assertEquals(13, e.position(), "1-based, the emoji is one character");
  }

  @Test
  void lexicalErrors() {
    assertError("select 'abc", "unterminated quoted string at or near \"'abc\"", 8);
    assertError("select \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8);
    assertError("select 1 /* open", "unterminated /* comment at or near \"/* open\"", 10);
    assertError("select $$x", "unterminated dollar-quoted string at or near \"$$x\"", 8);
    assertError("select \"\"", "zero-length delimited identifier at or near \"\"\"\"", 8);
    assertError("select 123abc", "trailing junk after numeric literal at or near \"123abc\"", 8);
    assertError("select $1x", "trailing junk after parameter at or near \"$1x\"", 8);
    assertError("select {", "syntax error at or near \"{\"", 8);
  }

  @Test
  void nodesKnowWhereTheyStart() {
    Query q = (Query) SqlParser.parseOne("select a,\n       b + c\n  from t");
    Select s = (Select) q.body();
    var item = (Select.SelectItem.ExprItem) s.items().get(1);
    var b = (Expr.Binary) item.expr();
    assertEquals(19, b.pos().offset());
    assertEquals(2, b.pos().line());
    assertEquals(10, b.pos().column(), "a binary points at its operator, as PostgreSQL does");
    assertEquals(8, b.left().pos().column());
    var table = (TableRef.Table) s.from().getFirst();
    assertEquals(3, table.pos().line());
    assertEquals(8, table.pos().column());
    assertEquals(0, q.pos().offset());
  }

  @Test
  void tooDeeplyNestedStatementsAreRefused() {
    ParseException e = error("select " + "(".repeat(5000) + "1" + ")".repeat(5000));
    assertEquals(ParseException.STATEMENT_TOO_COMPLEX, e.sqlState());
  }

  @Test
  void parseOneWantsOneStatement() {
    ParseException e =
        assertThrows(ParseException.class, () -> SqlParser.parseOne("select 1; select 2"));
    assertEquals("cannot insert multiple commands into a prepared statement", e.getMessage());
    assertEquals(11, e.position());
  }
}
