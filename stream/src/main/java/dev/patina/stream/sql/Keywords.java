package dev.patina.stream.sql;

import java.util.Set;

/**
 * PostgreSQL's keyword categories, which decide where a word may stand for a name. Every other
 * word, including RisingWave's own keywords ({@code SOURCE}, {@code SINK}, {@code EMIT}, {@code
 * WATERMARK}, {@code APPEND}, {@code FLUSH} ...), is unreserved and may name a table or a column.
 */
final class Keywords {
  private Keywords() {}

  /** Reserved: never a column, table, function or type name unless quoted. */
  static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "system_user",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with");

  /** May name a function or a type, not a column or table. */
  static final Set<String> TYPE_FUNC_NAME =
      Set.of(
          "authorization",
          "binary",
          "collation",
          "concurrently",
          "cross",
          "current_schema",
          "freeze",
          "full",
          "ilike",
          "inner",
          "is",
          "isnull",
          "join",
          "left",
          "like",
          "natural",
          "notnull",
          "outer",
          "overlaps",
          "right",
          "similar",
          "tablesample",
          "verbose");

  /** May name a column or table, not a function or type (except through their own syntax). */
  static final Set<String> COL_NAME =
      Set.of(
          "between",
          "bigint",
          "bit",
          "boolean",
          "char",
          "character",
          "coalesce",
          "dec",
          "decimal",
          "exists",
          "extract",
          "float",
          "greatest",
          "grouping",
          "inout",
          "int",
          "integer",
          "interval",
          "least",
          "national",
          "nchar",
          "none",
          "normalize",
          "nullif",
          "numeric",
          "out",
          "overlay",
          "position",
          "precision",
          "real",
          "row",
          "setof",
          "smallint",
          "substring",
          "time",
          "timestamp",
          "treat",
          "trim",
          "values",
          "varchar");

  /**
   * Unreserved words that may follow a table reference or a select item and so cannot be an alias
   * written without {@code AS}.
   */
  static final Set<String> NOT_BARE_ALIAS = Set.of("emit", "asof", "set");

  static boolean isReserved(String w) {
    return RESERVED.contains(w);
  }

  /** A name for a column, table or alias: unreserved or column-name keyword. */
  static boolean isColId(String w) {
    return !RESERVED.contains(w) && !TYPE_FUNC_NAME.contains(w);
  }

  /** A function name: unreserved or type/function-name keyword. */
  static boolean isFuncName(String w) {
    return !RESERVED.contains(w) && !COL_NAME.contains(w);
  }
}
