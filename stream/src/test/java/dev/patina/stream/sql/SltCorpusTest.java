package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Parses every statement of RisingWave's streaming end-to-end tests ({@code ../shared/stream-slt},
 * sqllogictest files). Records {@code statement ok}, {@code statement count} and {@code query} must
 * parse; {@code statement error} records may parse (the error may be semantic) or raise a {@link
 * ParseException}. Every parsed statement must also survive printing: parse, print, parse gives an
 * equal tree.
 */
class SltCorpusTest {

  /** A record of a sqllogictest file: its kind ({@code ok}, {@code error}, {@code query}). */
  record Record(Path file, int line, String kind, String sql) {}

  static Path corpus() {
    Path dir = Path.of("").toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("stream-slt");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The statement and query records of all .slt files under {@code root}. */
  static List<Record> records(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
    List<Record> records = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String header = lines.get(i).strip();
        String kind;
        if (header.startsWith("statement error")) {
          kind = "error";
        } else if (header.startsWith("statement ok") || header.startsWith("statement count")) {
          kind = "ok";
        } else if (header.startsWith("query")) {
          kind = "query";
        } else {
          continue;
        }
        int first = i + 1;
        StringBuilder sql = new StringBuilder();
        int j = first;
        while (j < lines.size()
            && !lines.get(j).isBlank()
            && !lines.get(j).strip().equals("----")) {
          sql.append(lines.get(j)).append('\n');
          j++;
        }
        records.add(new Record(root.relativize(file), first + 1, kind, sql.toString()));
        i = j;
      }
    }
    return records;
  }

  @Test
  void everyStatementOfTheStreamingTestsParses() throws IOException {
    Path root = corpus();
    if (root == null) {
      System.out.println(
          "SltCorpusTest skipped: no shared/stream-slt above " + Path.of("").toAbsolutePath());
      Assumptions.abort("shared/stream-slt not found");
    }
    List<Record> records = records(root);
    int parsed = 0;
    int errorParsed = 0;
    int errorRejected = 0;
    int statements = 0;
    List<String> failures = new ArrayList<>();
    List<String> roundTripFailures = new ArrayList<>();
    for (Record r : records) {
      List<Statement> result;
      try {
        result = SqlParser.parse(r.sql());
      } catch (ParseException e) {
        if (r.kind().equals("error")) {
          errorRejected++;
        } else {
          failures.add(
              r.file() + ":" + r.line() + ": " + e.describe() + "\n    " + r.sql().strip());
        }
        continue;
      }
      if (r.kind().equals("error")) {
        errorParsed++;
      } else {
        parsed++;
      }
      for (Statement s : result) {
        statements++;
        String printed = s.toSql();
        try {
          if (!SqlParser.parseOne(printed).equals(s)) {
            roundTripFailures.add(r.file() + ":" + r.line() + ": " + printed);
          }
        } catch (ParseException e) {
          roundTripFailures.add(r.file() + ":" + r.line() + ": " + e.describe() + ": " + printed);
        }
      }
    }
    System.out.printf(
        "stream-slt: %d records; statement ok/query: %d parsed, %d failed; statement error: %d"
            + " parsed (semantic errors), %d rejected by the parser; %d statements round-tripped,"
            + " %d did not%n",
        records.size(),
        parsed,
        failures.size(),
        errorParsed,
        errorRejected,
        statements,
        roundTripFailures.size());
    failures.forEach(f -> System.out.println("FAILED " + f));
    roundTripFailures.forEach(f -> System.out.println("ROUND TRIP " + f));
    assertTrue(records.size() > 1000, "the corpus looks truncated: " + records.size());
    assertEquals(List.of(), failures);
    assertEquals(List.of(), roundTripFailures);
  }
}
