package dev.patina.stream.slt;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The oracle mode for running RisingWave's scripts against a real PostgreSQL: statements with a
 * trivial PostgreSQL equivalent are mapped, everything else runs unchanged (and fails where it is
 * RisingWave's own dialect).
 *
 * <ul>
 *   <li>{@code CREATE/DROP MATERIALIZED VIEW} become {@code CREATE/DROP VIEW} (a view answers the
 *       same queries as a materialized view that is always up to date);
 *   <li>{@code FLUSH}, {@code RECOVER} and {@code SET} of RisingWave's own session settings ({@code
 *       rw_*}, {@code streaming_*}, {@code enable_two_phase_agg}) are answered without running
 *       anything;
 *   <li>the type {@code double} becomes {@code double precision};
 *   <li>{@code APPEND ONLY} table options are dropped.
 * </ul>
 */
public final class PostgresOracle implements SltRunner.Dialect {
  private static final Pattern MV =
      Pattern.compile("\\b(create|drop)\\s+materialized\\s+view\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern RW_SET =
      Pattern.compile(
          "^set\\s+(rw_\\w+|streaming_\\w+|enable_two_phase_agg)\\b.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern DOUBLE =
      Pattern.compile("\\bdouble\\b(?!\\s+precision)", Pattern.CASE_INSENSITIVE);
  private static final Pattern APPEND_ONLY =
      Pattern.compile("\\bappend\\s+only\\b", Pattern.CASE_INSENSITIVE);

  @Override
  public String rewrite(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("flush") || lower.equals("recover") || RW_SET.matcher(s).matches()) {
      return null;
    }
    String out = MV.matcher(sql).replaceAll("$1 view");
    out = DOUBLE.matcher(out).replaceAll("double precision");
    out = APPEND_ONLY.matcher(out).replaceAll("");
    return out;
  }
}
