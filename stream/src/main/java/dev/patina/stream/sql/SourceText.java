package dev.patina.stream.sql;

import java.util.Arrays;

/** The SQL text being parsed: turns offsets into positions and builds errors that point at it. */
final class SourceText {
  final String sql;
  private final int[] lineStarts;

  SourceText(String sql) {
    this.sql = sql;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  Pos pos(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    int line = i >= 0 ? i : -i - 2;
    return new Pos(offset, line + 1, offset - lineStarts[line] + 1);
  }

  ParseException error(String message, int offset) {
    return error(message, ParseException.SYNTAX_ERROR, offset);
  }

  ParseException error(String message, String sqlState, int offset) {
    int clamped = Math.min(Math.max(offset, 0), sql.length());
    int position = sql.codePointCount(0, clamped) + 1;
    return new ParseException(message, sqlState, pos(clamped), position);
  }

  /** PostgreSQL's {@code ... at or near "text"} suffix for a token starting at offset. */
  static String near(String text) {
    return " at or near \"" + text + "\"";
  }
}
