package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Any input parses or raises a {@link ParseException}: never another exception, never a stack
 * overflow. Whatever parses also prints back to SQL that parses to the same tree.
 */
class RobustnessTest {

  private static final List<String> TOKENS =
      List.of(
          "select",
          "from",
          "where",
          "group",
          "by",
          "having",
          "order",
          "limit",
          "offset",
          "fetch",
          "first",
          "rows",
          "only",
          "with",
          "ties",
          "union",
          "intersect",
          "except",
          "all",
          "distinct",
          "on",
          "join",
          "left",
          "right",
          "full",
          "outer",
          "inner",
          "cross",
          "natural",
          "using",
          "lateral",
          "as",
          "and",
          "or",
          "not",
          "is",
          "null",
          "true",
          "false",
          "in",
          "between",
          "like",
          "ilike",
          "similar",
          "to",
          "escape",
          "case",
          "when",
          "then",
          "else",
          "end",
          "cast",
          "exists",
          "any",
          "some",
          "array",
          "row",
          "interval",
          "date",
          "timestamp",
          "time",
          "zone",
          "at",
          "collate",
          "over",
          "partition",
          "window",
          "filter",
          "within",
          "extract",
          "position",
          "substring",
          "trim",
          "overlay",
          "placing",
          "for",
          "create",
          "table",
          "materialized",
          "view",
          "source",
          "sink",
          "index",
          "drop",
          "if",
          "exists",
          "insert",
          "into",
          "values",
          "default",
          "update",
          "set",
          "delete",
          "returning",
          "append",
          "watermark",
          "emit",
          "close",
          "flush",
          "show",
          "explain",
          "begin",
          "commit",
          "struct",
          "map",
          "int",
          "varchar",
          "double",
          "precision",
          "numeric",
          "operator",
          "grouping",
          "sets",
          "rollup",
          "cube",
          "system_time",
          "of",
          "a",
          "b",
          "t",
          "\"Q\"",
          "1",
          "2.5",
          ".5",
          "1e3",
          "'s'",
          "E'\\n'",
          "$$d$$",
          "$1",
          "(",
          ")",
          "(",
          ")",
          "[",
          "]",
          ",",
          ",",
          ";",
          ".",
          ":",
          "::",
          "*",
          "+",
          "-",
          "/",
          "%",
          "^",
          "=",
          "<>",
          "!=",
          "<",
          ">",
          "<=",
          ">=",
          "||",
          "->",
          "->>",
          "#>",
          "@>",
          "<@",
          "?",
          "~",
          "|/",
          "@",
          "&",
          "|",
          "#",
          "<<",
          ">>",
          ">>=",
          "<>>",
          "--\n",
          "/**/");

  @Property(tries = 3000)
  void tokenSoupParsesOrFailsCleanly(@ForAll("tokenSoup") String sql) {
    check(sql);
  }

  @Property(tries = 3000)
  void mutatedStatementsParseOrFailCleanly(@ForAll("mutatedStatements") String sql) {
    check(sql);
  }

  @Property(tries = 1000)
  void randomTextParsesOrFailsCleanly(@ForAll("sqlChars") String sql) {
    check(sql);
  }

  /** Found by randomTextParsesOrFailsCleanly: a typed literal whose type name prints quoted. */
  @Test
  void typedLiteralsWithQuotedTypeNamesRoundTrip() {
    check("select é''");
    check("select \"int4\" '1'");
    assertInstanceOf(
        Expr.TypedLiteral.class,
        ((Select.SelectItem.ExprItem)
                ((Select) ((Query) SqlParser.parseOne("select \"int4\" '1'")).body())
                    .items()
                    .get(0))
            .expr());
  }

  /** Parses; if that succeeds, the printed statements parse back to the same trees. */
  static void check(String sql) {
    List<Statement> statements;
    try {
      statements = SqlParser.parse(sql);
    } catch (ParseException expected) {
      return;
    }
    for (Statement s : statements) {
      String printed = s.toSql();
      Statement again;
      try {
        again = SqlParser.parseOne(printed);
      } catch (ParseException e) {
        fail(
            "parsed "
                + sql
                + "\nbut its printed form does not parse: "
                + printed
                + "\n"
                + e.describe());
        return;
      }
      assertEquals(s, again, () -> "input: " + sql + "\nprinted: " + printed);
    }
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(TOKENS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(30)
        .map(tokens -> (Math.random() < 0.5 ? "select " : "") + String.join(" ", tokens));
  }

  @Provide
  Arbitrary<String> sqlChars() {
    return Arbitraries.strings()
        .withChars("abcST01 ()[],;.:*+-/<>=~!@#%^&|?'\"$_\n\\éE")
        .ofMaxLength(60)
        .map(s -> "select " + s);
  }

  @Provide
  Arbitrary<String> mutatedStatements() {
    List<String> seeds = new ArrayList<>(Corpus.STATEMENTS);
    seeds.addAll(Corpus.SCRIPTS);
    return Combinators.combine(
            Arbitraries.of(seeds), Arbitraries.integers().between(1, 4), Arbitraries.longs())
        .as(RobustnessTest::mutate);
  }

  static String mutate(String sql, int count, long seed) {
    Random random = new Random(seed);
    StringBuilder s = new StringBuilder(sql);
    for (int i = 0; i < count && !s.isEmpty(); i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(6)) {
        case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
        case 1 -> s.insert(at, " " + TOKENS.get(random.nextInt(TOKENS.size())) + " ");
        case 2 -> {
          int end = Math.min(s.length(), at + 1 + random.nextInt(20));
          s.insert(random.nextInt(s.length()), s.substring(at, end));
        }
        case 3 -> s.setLength(at);
        case 4 -> {
          String specials = "()',;\"$:[]";
          s.setCharAt(at, specials.charAt(random.nextInt(specials.length())));
        }
        default -> {
          int other = random.nextInt(s.length());
          char c = s.charAt(at);
          s.setCharAt(at, s.charAt(other));
          s.setCharAt(other, c);
        }
      }
    }
    return s.toString();
  }

  // ---- nesting: refused beyond the limit, and safe within it on a 1 MiB stack

  /** Statements nested {@code n} deep in various ways. */
  static final List<IntFunction<String>> NESTINGS =
      List.of(
          n -> "select " + "(".repeat(n) + "1" + ")".repeat(n),
          n -> "select " + "(select ".repeat(n) + "1" + ")".repeat(n),
          n -> "select " + "not ".repeat(n) + "true",
          n -> "select " + "- ".repeat(n) + "a",
          n -> "select 1" + " + 1".repeat(n),
          n -> "select a" + "[1]".repeat(n),
          n -> "select " + "f(".repeat(n) + "1" + ")".repeat(n),
          n -> "select " + "case when ".repeat(n) + "1" + " then 1 end".repeat(n),
          n -> "select " + "array[".repeat(n) + "1" + "]".repeat(n),
          n -> "select array" + "[".repeat(n) + "1" + "]".repeat(n),
          n -> "select x::int" + "[]".repeat(n),
          n -> "create table t (a " + "struct<a ".repeat(n) + "int" + ">".repeat(n) + ")",
          n -> "select * from t" + " join t on true".repeat(n),
          n -> "select * from " + "(".repeat(n) + "t" + " join t on true)".repeat(n),
          n -> "select * from " + "(select * from ".repeat(n) + "t" + ") x".repeat(n),
          n -> "select 1" + " union select 1".repeat(n),
          n -> "(".repeat(n) + "select 1" + ")".repeat(n),
          n -> "select 1 in (" + "1 in (".repeat(n) + "1" + ")".repeat(n) + ")",
          n -> "select " + "f() over (order by ".repeat(n) + "1" + ")".repeat(n),
          n -> "explain ".repeat(n) + "select 1",
          n -> "select 1" + " between 0 and 1".repeat(n),
          n -> "select " + "(1, ".repeat(n) + "1" + ")".repeat(n),
          n -> "select " + "row(".repeat(n) + "1" + ")".repeat(n),
          n -> "select " + "exists(select ".repeat(n) + "1" + ")".repeat(n));

  @Test
  void deepNestingIsRefusedNotOverflowed() throws InterruptedException {
    for (IntFunction<String> nesting : NESTINGS) {
      String sql = nesting.apply(100_000);
      onSmallStack(
          () -> {
            try {
              SqlParser.parse(sql);
              fail("parsed: " + sql.substring(0, 60));
            } catch (ParseException e) {
              assertEquals(ParseException.STATEMENT_TOO_COMPLEX, e.sqlState(), e.getMessage());
            }
          });
    }
  }

  @Test
  void everythingUpToTheLimitParsesPrintsAndCompares() throws InterruptedException {
    for (IntFunction<String> nesting : NESTINGS) {
      // the deepest statement of this shape that parses
      int lo = 1;
      int hi = 2 * ParserBase.MAX_DEPTH;
      while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        try {
          SqlParser.parse(nesting.apply(mid));
          lo = mid;
        } catch (ParseException e) {
          assertEquals(ParseException.STATEMENT_TOO_COMPLEX, e.sqlState(), e.getMessage());
          hi = mid - 1;
        }
      }
      String sql = nesting.apply(lo);
      onSmallStack(
          () -> {
            List<Statement> first = SqlParser.parse(sql);
            String printed;
            try {
              printed = first.getFirst().toSql();
            } catch (StackOverflowError e) {
              throw new AssertionError(
                  nesting.apply(2)
                      + ": stack overflow printing at "
                      + sql.length()
                      + " "
                      + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getStackTrace(), 8)),
                  e);
            }
            List<Statement> second;
            try {
              second = SqlParser.parse(printed);
            } catch (ParseException e) {
              throw new AssertionError(nesting.apply(2) + ": " + e.getMessage(), e);
            }
            try {
              assertEquals(first, second);
              assertEquals(first.hashCode(), second.hashCode());
            } catch (StackOverflowError e) {
              throw new AssertionError(nesting.apply(2) + ": stack overflow comparing", e);
            }
          });
    }
  }

  /** Runs on a thread with a 1 MiB stack, the JVM's default on 64-bit Linux. */
  static void onSmallStack(Runnable r) throws InterruptedException {
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                r.run();
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "small-stack",
            1 << 20);
    t.start();
    t.join();
    if (failure[0] instanceof AssertionError a) {
      throw a;
    }
    assertNull(failure[0], () -> String.valueOf(failure[0]));
  }
}
