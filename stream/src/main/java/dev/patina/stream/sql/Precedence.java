package dev.patina.stream.sql;

/**
 * PostgreSQL's operator precedence, lowest first (see the table "Operator Precedence" in the
 * PostgreSQL manual). Shared by the parser and the printer so that printed SQL reparses to the same
 * tree.
 */
final class Precedence {
  private Precedence() {}

  static final int NONE = 0;
  static final int OR = 1;
  static final int AND = 2;
  static final int NOT = 3;
  static final int IS = 4;
  static final int COMPARISON = 5;
  static final int LIKE_IN_BETWEEN = 6;
  static final int OTHER = 7;
  static final int ADDITIVE = 8;
  static final int MULTIPLICATIVE = 9;
  static final int EXPONENT = 10;
  static final int AT_TIME_ZONE = 11;
  static final int COLLATE = 12;
  static final int UNARY = 13;
  static final int SUBSCRIPT = 14;
  static final int CAST = 15;
  static final int ATOM = 16;
}
