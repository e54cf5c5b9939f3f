package dev.patina.stream.slt;

import dev.patina.stream.slt.SltRecord.Condition;
import dev.patina.stream.slt.SltRecord.ErrorMatch;
import dev.patina.stream.slt.SltRecord.Location;
import dev.patina.stream.slt.SltRecord.Retry;
import dev.patina.stream.slt.SltRecord.SortMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads sqllogictest scripts with the rules of the {@code sqllogictest} crate (0.28): records
 * separated by blank lines, {@code #} comments at the start of a line, conditions collected until
 * the next statement or query (even across blank lines), SQL up to {@code ----} or a blank line,
 * expected rows up to a blank line, multi-line errors up to two blank lines.
 */
public final class SltParser {
  private SltParser() {}

  private static final Pattern SQLSTATE = Pattern.compile("^\\(([0-9A-Z]{5})\\)$");

  /** Parses {@code script}, naming locations after {@code file}. */
  public static List<SltRecord> parse(String script, String file) {
    String[] lines = script.split("\n", -1);
    if (lines.length > 0 && lines[lines.length - 1].isEmpty()) {
      lines = java.util.Arrays.copyOf(lines, lines.length - 1);
    }
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    List<SltRecord> out = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    String connection = "default";
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      Location at = new Location(file, i + 1);
      i++;
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      String[] tokens = line.trim().split("\\s+");
      if (tokens.length == 0 || tokens[0].isEmpty()) {
        continue;
      }
      switch (tokens[0]) {
        case "skipif", "onlyif" -> {
          if (tokens.length != 2) {
            throw new SltParseException(at, "invalid line: " + line);
          }
          conditions.add(new Condition(tokens[0].equals("onlyif"), tokens[1]));
        }
        case "connection" -> {
          if (tokens.length != 2) {
            throw new SltParseException(at, "invalid line: " + line);
          }
          connection = tokens[1];
        }
        case "halt" -> out.add(new SltRecord.Halt(at));
        case "sleep" -> out.add(new SltRecord.Sleep(duration(at, tokens[1])));
        case "hash-threshold" -> out.add(new SltRecord.HashThreshold(Integer.parseInt(tokens[1])));
        case "control" -> {
          if (tokens.length != 3) {
            throw new SltParseException(at, "invalid line: " + line);
          }
          out.add(new SltRecord.Control(tokens[1], tokens[2]));
        }
        case "statement" -> {
          Block b = block(lines, i, at);
          i = b.next;
          String[] rest = java.util.Arrays.copyOfRange(tokens, 1, tokens.length);
          Long count = null;
          ErrorMatch error = null;
          Retry retry = null;
          if (rest.length == 0) {
            throw new SltParseException(at, "invalid line: " + line);
          }
          switch (rest[0]) {
            case "ok" -> retry = retry(at, rest, 1);
            case "count" -> {
              if (rest.length < 2) {
                throw new SltParseException(at, "invalid line: " + line);
              }
              count = Long.parseLong(rest[1]);
              retry = retry(at, rest, 2);
            }
            case "error" -> {
              if (rest.length == 5 && rest[1].equals("retry") && rest[3].equals("backoff")) {
                error = new ErrorMatch.Any();
                retry = retry(at, rest, 1);
              } else {
                error = inlineError(at, rest, line);
              }
            }
            default -> throw new SltParseException(at, "invalid line: " + line);
          }
          if (b.hasResults) {
            if (error instanceof ErrorMatch.Any) {
              Block e = multilineError(lines, b.next);
              i = e.next;
              error = new ErrorMatch.Exact(e.text);
            } else {
              throw new SltParseException(at, "statement should have no result");
            }
          }
          out.add(
              new SltRecord.Statement(
                  at, List.copyOf(conditions), connection, b.text, count, error, retry));
          conditions.clear();
          connection = "default";
        }
        case "query" -> {
          Block b = block(lines, i, at);
          i = b.next;
          String[] rest = java.util.Arrays.copyOfRange(tokens, 1, tokens.length);
          ErrorMatch error = null;
          String types = "";
          SortMode sort = null;
          Retry retry = null;
          List<String> expected = new ArrayList<>();
          if (rest.length > 0 && rest[0].equals("error")) {
            if (rest.length == 5 && rest[1].equals("retry") && rest[3].equals("backoff")) {
              error = new ErrorMatch.Any();
              retry = retry(at, rest, 1);
            } else {
              error = inlineError(at, rest, line);
            }
          } else if (rest.length > 0) {
            types = rest[0];
            int k = 1;
            if (k < rest.length) {
              sort = sortMode(rest[k]);
              if (sort != null) {
                k++;
              }
            }
            if (k < rest.length && !rest[k].equals("retry")) {
              k++; // a label, which this runner does not use
            }
            retry = retry(at, rest, k);
          }
          if (b.hasResults) {
            if (error == null) {
              while (i < lines.length && !lines[i].isEmpty()) {
                expected.add(lines[i]);
                i++;
              }
            } else if (error instanceof ErrorMatch.Any) {
              Block e = multilineError(lines, i);
              i = e.next;
              error = new ErrorMatch.Exact(e.text);
            } else {
              throw new SltParseException(
                  at, "duplicated error messages after `error` and under `----`");
            }
          }
          out.add(
              new SltRecord.Query(
                  at,
                  List.copyOf(conditions),
                  connection,
                  b.text,
                  types,
                  sort,
                  List.copyOf(expected),
                  error,
                  retry));
          conditions.clear();
          connection = "default";
        }
        case "include", "subtest" -> out.add(new SltRecord.Unsupported(at, tokens[0], line));
        case "system", "let" -> {
          Block b = block(lines, i, at);
          i = b.next;
          if (b.hasResults) {
            i = multilineError(lines, i).next;
          }
          out.add(new SltRecord.Unsupported(at, tokens[0], line + "\n" + b.text));
          conditions.clear();
        }
        default -> throw new SltParseException(at, "invalid line: " + line);
      }
    }
    return out;
  }

  private record Block(String text, boolean hasResults, int next) {}

  /** SQL lines up to "----" or a blank line. */
  private static Block block(String[] lines, int i, Location at) {
    if (i >= lines.length) {
      throw new SltParseException(at, "unexpected end of file");
    }
    StringBuilder sb = new StringBuilder(lines[i]);
    i++;
    while (i < lines.length) {
      String l = lines[i];
      if (l.isEmpty()) {
        return new Block(sb.toString(), false, i + 1);
      }
      if (l.equals("----")) {
        return new Block(sb.toString(), true, i + 1);
      }
      sb.append('\n').append(l);
      i++;
    }
    return new Block(sb.toString(), false, i);
  }

  /** Lines up to two consecutive blank lines (or the end), trimmed. */
  private static Block multilineError(String[] lines, int i) {
    StringBuilder sb = new StringBuilder();
    while (i < lines.length) {
      String l = lines[i];
      i++;
      if (l.isEmpty() && (i >= lines.length || lines[i].isEmpty())) {
        i++;
        break;
      }
      sb.append(l).append('\n');
    }
    return new Block(sb.toString().trim(), false, i);
  }

  private static ErrorMatch inlineError(Location at, String[] rest, String line) {
    String joined = String.join(" ", java.util.Arrays.copyOfRange(rest, 1, rest.length));
    if (joined.isEmpty()) {
      return new ErrorMatch.Any();
    }
    Matcher m = SQLSTATE.matcher(joined);
    if (m.matches()) {
      return new ErrorMatch.SqlState(m.group(1));
    }
    try {
      Pattern.compile(joined);
    } catch (PatternSyntaxException e) {
      throw new SltParseException(at, "invalid error message regex: " + joined);
    }
    return new ErrorMatch.Regex(joined);
  }

  private static SortMode sortMode(String s) {
    return switch (s) {
      case "nosort" -> SortMode.NOSORT;
      case "rowsort" -> SortMode.ROWSORT;
      case "valuesort" -> SortMode.VALUESORT;
      default -> null;
    };
  }

  private static Retry retry(Location at, String[] tokens, int from) {
    if (from >= tokens.length) {
      return null;
    }
    if (tokens.length - from != 4
        || !tokens[from].equals("retry")
        || !tokens[from + 2].equals("backoff")) {
      throw new SltParseException(at, "unexpected tokens: " + String.join(" ", tokens));
    }
    return new Retry(Integer.parseInt(tokens[from + 1]), duration(at, tokens[from + 3]));
  }

  /** humantime durations as the scripts use them: 500ms, 1s, 2m. */
  static Duration duration(Location at, String s) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(s.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new SltParseException(at, "invalid duration: " + s);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
