package dev.patina.stream.expr;

import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.ObjectName;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.types.ScalarType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Makes PostgreSQL compute numeric results the way RisingWave's decimal does, so that a
 * differential test compares like with like.
 *
 * <p>RisingWave's decimal (rust_decimal) has a 96-bit mantissa and at most 28 decimal places: a
 * result with more places is rounded to the most that fit (8 + 1.5 / 7 keeps 27), and one whose
 * integer part does not fit is an overflow error (22003). PostgreSQL's numeric keeps any number of
 * digits, and gives an inexact quotient only about 16 significant digits (select_div_scale).
 * Neither is wrong, but they diverge once such a value is carried further. {@link #install} creates
 * {@code rw_fit(numeric)} (rust_decimal's rounding and overflow) and {@code rw_div(numeric,
 * numeric)} (its division) in PostgreSQL; {@link #rewrite} wraps each numeric operation and cast of
 * an expression in them. Integer and float arithmetic stays as it is: both systems agree there.
 */
final class RisingWaveDecimalModel {
  private RisingWaveDecimalModel() {}

  /** Creates {@code rw_fit} and {@code rw_div} in PL/pgSQL. */
  static void install(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(
          """
          CREATE OR REPLACE FUNCTION rw_fit(x numeric) RETURNS numeric
          IMMUTABLE STRICT LANGUAGE plpgsql AS $$
          DECLARE
            places int;
          BEGIN
            IF x::text IN ('NaN', 'Infinity', '-Infinity') THEN
              RETURN x;
            END IF;
            places := least(scale(x), 28);
            LOOP
              IF abs(round(x, places)) * 10::numeric ^ places <= 79228162514264337593543950335 THEN
                RETURN round(x, places);
              END IF;
              IF places <= 0 THEN
                RAISE EXCEPTION 'numeric out of range' USING ERRCODE = '22003';
              END IF;
              places := places - 1;
            END LOOP;
          END $$""");
      s.execute(
          """
          CREATE OR REPLACE FUNCTION rw_div(a numeric, b numeric) RETURNS numeric
          IMMUTABLE STRICT LANGUAGE plpgsql AS $$
          BEGIN
            IF b = 0 OR a::text IN ('NaN', 'Infinity', '-Infinity')
                OR b::text IN ('NaN', 'Infinity', '-Infinity') THEN
              RETURN a / b; -- PostgreSQL's own errors and special values
            END IF;
            -- a dividend with 60 places gives a quotient with 60 or more, rounded to fit after
            RETURN rw_fit(round(a, 60) / b);
          END $$""");
    }
  }

  /**
   * {@code expr} with each numeric division written as {@code rw_div(left, right)} and each other
   * numeric operation or cast to numeric as {@code rw_fit(...)}; {@code expr} itself, text
   * unchanged, when it has none.
   */
  static String rewrite(String expr) {
    Expr parsed = SqlParser.parseExpr(expr);
    Expr modelled = rewrite(parsed);
    return modelled.equals(parsed) ? expr : modelled.toSql();
  }

  private static Expr rewrite(Expr e) {
    return switch (e) {
      case Expr.Binary b -> {
        Expr left = rewrite(b.left());
        Expr right = rewrite(b.right());
        if (!isArithmetic(b.op()) || !isNumeric(b)) {
          yield new Expr.Binary(b.pos(), left, b.op(), right);
        }
        if (b.op() == Expr.BinaryOp.DIVIDE) {
          yield call(b, "rw_div", left, right);
        }
        yield call(b, "rw_fit", new Expr.Binary(b.pos(), left, b.op(), right));
      }
      case Expr.Unary u -> new Expr.Unary(u.pos(), u.op(), rewrite(u.operand()));
      case Expr.Cast c -> {
        Expr cast = new Expr.Cast(c.pos(), rewrite(c.operand()), c.type());
        yield isNumeric(c) ? call(c, "rw_fit", cast) : cast;
      }
      case Expr.FunctionCall f ->
          new Expr.FunctionCall(
              f.pos(),
              f.name(),
              f.args().stream().map(RisingWaveDecimalModel::rewrite).toList(),
              f.star(),
              f.distinct(),
              f.variadic(),
              f.orderBy(),
              f.withinGroup(),
              f.filter(),
              f.over());
      case Expr.Case c ->
          new Expr.Case(
              c.pos(),
              c.operand() == null ? null : rewrite(c.operand()),
              c.whens().stream()
                  .map(w -> new Expr.When(rewrite(w.condition()), rewrite(w.result())))
                  .toList(),
              c.otherwise() == null ? null : rewrite(c.otherwise()));
      // literals and anything the generator does not nest divisions in
      default -> e;
    };
  }

  private static boolean isArithmetic(Expr.BinaryOp op) {
    return switch (op) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, MODULO -> true;
      default -> false;
    };
  }

  private static Expr call(Expr at, String function, Expr... args) {
    return Expr.FunctionCall.of(at.pos(), ObjectName.of(function), List.of(args));
  }

  private static boolean isNumeric(Expr e) {
    try {
      return ExprBinder.bindConstant(e).type() == ScalarType.DECIMAL;
    } catch (RuntimeException unbindable) {
      return false; // an error both systems must report; leave it to PostgreSQL's operators
    }
  }
}
