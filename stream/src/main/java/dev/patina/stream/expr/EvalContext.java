package dev.patina.stream.expr;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * What an expression may read besides its input row: the statement's start time ({@code now()},
 * {@code current_timestamp}), the session's TimeZone (timestamptz to text, {@code date_trunc} on
 * timestamptz, {@code AT TIME ZONE} without a zone), the values of {@code $n} parameters, and a
 * random source.
 *
 * <p>The executor binds a context for the evaluation of a statement with {@link #run} or {@link
 * #call}; it is a {@link ScopedValue}, so it follows the code into structured child tasks and needs
 * no cleanup. Code that evaluates without binding one sees {@link #defaults()}: the current time at
 * each call, UTC, no parameters.
 *
 * @param statementTime the transaction's start, what {@code now()} returns
 * @param timeZone the session's TimeZone setting
 * @param params the values of {@code $1 .. $n} (runtime values; null is NULL)
 * @param random the source of {@code random()}
 */
public record EvalContext(
    Instant statementTime, ZoneId timeZone, List<Object> params, RandomGenerator random) {

  private static final ScopedValue<EvalContext> CURRENT = ScopedValue.newInstance();

  public EvalContext {
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  /** A context at {@code statementTime} in {@code timeZone} with no parameters. */
  public static EvalContext of(Instant statementTime, ZoneId timeZone) {
    return new EvalContext(statementTime, timeZone, List.of(), RandomGenerator.getDefault());
  }

  /** The same context with parameter values (bound at Execute). */
  public EvalContext withParams(List<Object> values) {
    return new EvalContext(statementTime, timeZone, values, random);
  }

  /** The context bound by the caller, or {@link #defaults()}. */
  public static EvalContext current() {
    return CURRENT.isBound() ? CURRENT.get() : defaults();
  }

  /** Now, in UTC, with no parameters. */
  public static EvalContext defaults() {
    return of(Instant.now(), ZoneOffset.UTC);
  }

  /** Runs {@code action} with this context bound. */
  public void run(Runnable action) {
    ScopedValue.where(CURRENT, this).run(action);
  }

  /** Calls {@code action} with this context bound. */
  public <T> T call(Callable<T> action) throws Exception {
    return ScopedValue.where(CURRENT, this).call(action::call);
  }

  /** The value of {@code $index} (1-based). */
  public Object param(int index) {
    if (index < 1 || index > params.size()) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "there is no parameter $" + index);
    }
    return params.get(index - 1);
  }
}
