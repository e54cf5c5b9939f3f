package dev.patina.stream.pgwire;

import java.util.Objects;

/** The outcome of one statement. */
public sealed interface StatementResult {
  /**
   * Rows: RowDescription, DataRows, then CommandComplete with {@code command} and the row count
   * ({@code SELECT 3}, {@code INSERT 0 3} for INSERT ... RETURNING, plain {@code SHOW}).
   */
  record Rows(RowDescription description, RowStream rows, String command)
      implements StatementResult {
    public Rows {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(command, "command");
    }

    public Rows(RowDescription description, RowStream rows) {
      this(description, rows, "SELECT");
    }
  }

  /** A statement without rows: CommandComplete with the tag ({@code CREATE TABLE}, ...). */
  record Command(CommandTag tag) implements StatementResult {
    public Command {
      Objects.requireNonNull(tag, "tag");
    }

    public Command(String command) {
      this(CommandTag.of(command));
    }

    public Command(String command, long rows) {
      this(CommandTag.of(command, rows));
    }
  }

  /** An empty query string: EmptyQueryResponse. */
  record EmptyQuery() implements StatementResult {}
}
