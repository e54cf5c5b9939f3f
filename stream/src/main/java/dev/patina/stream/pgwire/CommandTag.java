package dev.patina.stream.pgwire;

import java.util.Locale;
import java.util.Set;

/**
 * The tag of CommandComplete: a command name and, for commands that count rows, the count, printed
 * as PostgreSQL prints it ({@code INSERT 0 3}, {@code SELECT 1}, {@code UPDATE 2}, {@code CREATE
 * TABLE}).
 */
public record CommandTag(String command, long rows) {
  private static final Set<String> COUNTING =
      Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "FETCH", "MOVE", "COPY");

  public CommandTag {
    command = command.toUpperCase(Locale.ROOT);
  }

  /** A command without a row count ({@code CREATE TABLE}). */
  public static CommandTag of(String command) {
    return new CommandTag(command, 0);
  }

  /** A command with a row count ({@code DELETE 2}). */
  public static CommandTag of(String command, long rows) {
    return new CommandTag(command, rows);
  }

  /** The same command with another row count. */
  public CommandTag withRows(long n) {
    return new CommandTag(command, n);
  }

  /** Whether PostgreSQL prints a count for this command. */
  public boolean counts() {
    return COUNTING.contains(command);
  }

  /** The text clients receive. */
  @Override
  public String toString() {
    if (command.equals("INSERT")) {
      return "INSERT 0 " + rows;
    }
    return counts() ? command + " " + rows : command;
  }
}
