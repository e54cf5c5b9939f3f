package dev.patina.stream.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.clients.CatalogTargets.Target;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pgjdbc's {@link DatabaseMetaData} (what JDBC tools such as DBeaver and Metabase browse with):
 * tables, materialized views, columns and primary keys of Patina's engine, read through the queries
 * pgjdbc sends to {@code pg_catalog}. The same expectations run against a real PostgreSQL where one
 * is installed.
 */
class JdbcMetadataTest {
  private static CatalogTargets servers;

  @BeforeAll
  static void start() throws Exception {
    servers = CatalogTargets.start("JdbcMetadataTest");
  }

  @AfterAll
  static void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  static Stream<Target> targets() {
    return servers.targets.stream();
  }

  /** The given columns of every row, as "a|b|c". */
  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
          if (!sb.isEmpty()) {
            sb.append('|');
          }
          sb.append(rs.getString(c));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void tables(Target t) throws Exception {
    try (Connection c = t.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(
          List.of("public|items|TABLE", "public|orders|TABLE"),
          rows(
              md.getTables(null, "public", "%", new String[] {"TABLE"}),
              "TABLE_SCHEM",
              "TABLE_NAME",
              "TABLE_TYPE"));
      assertEquals(
          List.of("public|totals|MATERIALIZED VIEW"),
          rows(
              md.getTables(null, "public", "%", new String[] {"MATERIALIZED VIEW"}),
              "TABLE_SCHEM",
              "TABLE_NAME",
              "TABLE_TYPE"));
      assertEquals(
          List.of("orders"),
          rows(
              md.getTables(null, null, "ord%", new String[] {"TABLE", "MATERIALIZED VIEW"}),
              "TABLE_NAME"),
          "a name pattern, all schemas");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void schemas(Target t) throws Exception {
    try (Connection c = t.connect()) {
      List<String> schemas = rows(c.getMetaData().getSchemas(), "TABLE_SCHEM");
      assertTrue(schemas.contains("public"), schemas.toString());
      assertTrue(schemas.contains("pg_catalog"), schemas.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void columns(Target t) throws Exception {
    try (Connection c = t.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(
          List.of(
              "id|" + Types.INTEGER + "|int4|1",
              "customer|" + Types.VARCHAR + "|varchar|2",
              "amount|" + Types.DOUBLE + "|float8|3"),
          rows(
              md.getColumns(null, "public", "orders", "%"),
              "COLUMN_NAME",
              "DATA_TYPE",
              "TYPE_NAME",
              "ORDINAL_POSITION"));
      assertEquals(
          List.of("customer|varchar|1", "total|float8|2"),
          rows(
              md.getColumns(null, "public", "totals", "%"),
              "COLUMN_NAME",
              "TYPE_NAME",
              "ORDINAL_POSITION"));
      assertEquals(
          List.of("qty"),
          rows(md.getColumns(null, "public", "items", "q%"), "COLUMN_NAME"),
          "a column name pattern");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void primaryKeys(Target t) throws Exception {
    try (Connection c = t.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(
          List.of("orders|id|1"),
          rows(
              md.getPrimaryKeys(null, "public", "orders"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ"));
      assertEquals(
          List.of("items|order_id|1", "items|sku|2"),
          rows(md.getPrimaryKeys(null, "public", "items"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ"));
      assertEquals(List.of(), rows(md.getPrimaryKeys(null, "public", "totals"), "COLUMN_NAME"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void resultSetMetadataNamesTheTable(Target t) throws Exception {
    try (Connection c = t.connect();
        ResultSet rs = c.createStatement().executeQuery("select id, customer from orders")) {
      var md = rs.getMetaData();
      assertEquals("id", md.getColumnName(1));
      assertEquals("int4", md.getColumnTypeName(1));
      // pgjdbc looks the table up in pg_class by the table OID of the RowDescription
      assertEquals("orders", md.getTableName(1));
    }
  }
}
