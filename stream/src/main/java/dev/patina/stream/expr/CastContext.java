package dev.patina.stream.expr;

/**
 * Where a cast may happen, PostgreSQL's {@code pg_cast.castcontext}: a cast allowed in a context is
 * allowed in every later one.
 */
public enum CastContext {
  /** Anywhere, silently: function and operator arguments, CASE/UNION branches ({@code i}). */
  IMPLICIT,
  /** When storing into a column (INSERT, UPDATE) and in explicit casts ({@code a}). */
  ASSIGNMENT,
  /** Only with {@code CAST(x AS t)} or {@code x::t} ({@code e}). */
  EXPLICIT;

  /** Whether a cast of this kind may happen in context {@code where}. */
  public boolean allowedIn(CastContext where) {
    return compareTo(where) <= 0;
  }
}
