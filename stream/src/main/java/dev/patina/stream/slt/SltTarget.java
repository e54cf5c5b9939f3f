package dev.patina.stream.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The database a {@link SltRunner} runs scripts against. */
public interface SltTarget {
  /**
   * Opens a connection for a script; {@code name} is {@code default} or the name of a {@code
   * connection} record.
   */
  Connection connect(String file, String name) throws SQLException;

  /** Called before a script runs (e.g. to create a fresh database for it). */
  default void beginFile(String file) throws SQLException {}

  /** Called after a script ran and its connections were closed. */
  default void endFile(String file) throws SQLException {}

  /**
   * A JDBC URL with user and password. Results must arrive as text, which the simple query protocol
   * guarantees: the URL should carry {@code preferQueryMode=simple} (as RisingWave's CI runs
   * sqllogictest's {@code postgres} engine), or {@code binaryTransfer=false}.
   */
  static SltTarget jdbc(String url, String user, String password) {
    return (file, name) -> {
      Properties p = new Properties();
      p.setProperty("user", user);
      if (password != null) {
        p.setProperty("password", password);
      }
      return DriverManager.getConnection(url, p);
    };
  }
}
