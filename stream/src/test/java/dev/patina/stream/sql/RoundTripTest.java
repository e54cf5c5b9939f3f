package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse, print, parse: the same tree; printing the reparsed tree gives the same text. */
class RoundTripTest {

  static Stream<String> statements() {
    return Corpus.STATEMENTS.stream();
  }

  @ParameterizedTest
  @MethodSource("statements")
  void printedStatementsParseBackToTheSameTree(String sql) {
    assertRoundTrip(sql);
  }

  @Test
  void scriptsRoundTripStatementByStatement() {
    for (String script : Corpus.SCRIPTS) {
      List<Statement> statements = SqlParser.parse(script);
      for (Statement s : statements) {
        assertEquals(s, SqlParser.parseOne(s.toSql()), s.toSql());
      }
    }
  }

  static void assertRoundTrip(String sql) {
    Statement first = SqlParser.parseOne(sql);
    String printed = first.toSql();
    Statement second;
    try {
      second = SqlParser.parseOne(printed);
    } catch (ParseException e) {
      throw new AssertionError("printed SQL does not parse: " + e.describe() + "\n" + printed, e);
    }
    assertEquals(first, second, () -> "printed: " + printed + "\nreprinted: " + second.toSql());
    assertEquals(printed, second.toSql());
  }
}
