package dev.patina.stream.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.core.Field;
import org.postgresql.jdbc.PgResultSetMetaData;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** pgjdbc 42.7 against the server, in simple, extended and binary modes. */
class PgjdbcTest extends PgwireTestBase {
  @Test
  void simpleProtocol() throws SQLException {
    try (Connection c = connect("preferQueryMode=simple");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select 1, 'two' as name, 3.5, null")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
        assertEquals("two", rs.getString("name"));
        assertEquals(new BigDecimal("3.5"), rs.getBigDecimal(3));
        assertNull(rs.getString(4));
        assertFalse(rs.next());
        ResultSetMetaData md = rs.getMetaData();
        assertEquals("?column?", md.getColumnLabel(1));
        assertEquals(Types.INTEGER, md.getColumnType(1));
        assertEquals(Types.VARCHAR, md.getColumnType(2));
        assertEquals(Types.NUMERIC, md.getColumnType(3));
      }
      assertFalse(
          s.execute("create table t (v int); insert into t values (1), (2), (3); select 7"));
      assertEquals(0, s.getUpdateCount());
      assertFalse(s.getMoreResults());
      assertEquals(3, s.getUpdateCount());
      assertTrue(s.getMoreResults());
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
      }
    }
  }

  @Test
  void extendedProtocolWithParameters() throws SQLException {
    try (Connection c = connect("");
        PreparedStatement ps =
            c.prepareStatement(
                "select ?::int, ?, ?::numeric, ?::date, ?::timestamptz, ?::bytea, ?::float8")) {
      for (int round = 0;
          round < 7;
          round++) { // crosses prepareThreshold (5): named statement, binary
        ps.setInt(1, 42 + round);
        ps.setString(2, "héllo");
        ps.setBigDecimal(3, new BigDecimal("-1234.5678"));
        ps.setObject(4, LocalDate.of(2024, 2, 29));
        ps.setObject(5, OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
        ps.setBytes(6, new byte[] {1, 2, (byte) 0xFE});
        ps.setDouble(7, 0.1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(42 + round, rs.getInt(1));
          assertEquals("héllo", rs.getString(2));
          assertEquals(new BigDecimal("-1234.5678"), rs.getBigDecimal(3));
          assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(4, LocalDate.class));
          assertEquals(
              OffsetDateTime.of(2024, 2, 29, 10, 0, 0, 0, ZoneOffset.UTC),
              rs.getObject(5, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
          assertArrayEquals(new byte[] {1, 2, (byte) 0xFE}, rs.getBytes(6));
          assertEquals(0.1, rs.getDouble(7));
          assertFalse(rs.next());
        }
      }
      ps.setNull(1, Types.INTEGER);
      ps.setNull(2, Types.VARCHAR);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertNull(rs.getObject(1));
        assertNull(rs.getObject(2));
      }
    }
  }

  @Test
  void binaryTransferOfCommonTypes() throws SQLException {
    List<List<Object>> text = allTypes("preferQueryMode=simple", false);
    List<List<Object>> binary = allTypes("prepareThreshold=-1&binaryTransfer=true", true);
    assertEquals(text.size(), binary.size());
    for (int i = 0; i < text.size(); i++) {
      assertEquals(text.get(i), binary.get(i));
    }
  }

  /** Reads the all_types table and checks every value; returns them as comparable objects. */
  private List<List<Object>> allTypes(String options, boolean expectBinary) throws SQLException {
    List<List<Object>> cols = new ArrayList<>();
    try (Connection c = connect(options);
        PreparedStatement ps = c.prepareStatement("select * from all_types");
        ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      if (expectBinary) {
        PgResultSetMetaData md = (PgResultSetMetaData) rs.getMetaData();
        for (String col :
            List.of("i2", "i4", "i8", "f4", "f8", "by", "d", "t", "ts", "tz", "arr")) {
          int i = rs.findColumn(col);
          assertEquals(Field.BINARY_FORMAT, md.getFormat(i), col + " should arrive in binary");
        }
      }
      assertTrue(rs.getBoolean("b"));
      assertEquals((short) -12, rs.getShort("i2"));
      assertEquals(123456, rs.getInt("i4"));
      assertEquals(9_000_000_000L, rs.getLong("i8"));
      assertEquals(1.5f, rs.getFloat("f4"));
      assertEquals(0.1 + 0.2, rs.getDouble("f8"));
      assertEquals(new BigDecimal("12345.678"), rs.getBigDecimal("n"));
      assertEquals("héllo wörld", rs.getString("s"));
      assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, rs.getBytes("by"));
      assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
      assertEquals(LocalTime.of(12, 34, 56, 789_000), rs.getObject("t", LocalTime.class));
      assertEquals(
          LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000),
          rs.getObject("ts", LocalDateTime.class));
      OffsetDateTime tz = rs.getObject("tz", OffsetDateTime.class);
      assertEquals(
          OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000, ZoneOffset.UTC),
          tz.withOffsetSameInstant(ZoneOffset.UTC));
      // getObject would look interval up in pg_type, which comes with the catalog.
      PGInterval iv = new PGInterval(rs.getString("iv"));
      assertEquals(new PGInterval(1, 2, 3, 2, 0, 0), iv);
      assertEquals("{\"a\": [1, true, null], \"b\": \"x\"}", rs.getString("j"));
      Array arr = rs.getArray("arr");
      assertArrayEquals(new Integer[] {1, null, 3}, (Object[]) arr.getArray());
      assertArrayEquals(new String[] {"a b", "", null}, (Object[]) rs.getArray("sarr").getArray());
      assertEquals("(7,seven)", rs.getString("st"));
      for (String col :
          List.of("b", "i2", "i4", "i8", "f4", "f8", "n", "s", "by", "d", "t", "ts", "tz", "arr")) {
        cols.add(List.of(col, normalize(rs.getObject(col))));
      }
      assertTrue(rs.next());
      for (int i = 1; i <= TestEngine.ALL_TYPES.size(); i++) {
        assertNull(rs.getString(i));
      }
      assertFalse(rs.next());
    }
    return cols;
  }

  private static Object normalize(Object o) throws SQLException {
    if (o instanceof byte[] b) {
      return java.util.HexFormat.of().formatHex(b);
    }
    if (o instanceof Array a) {
      return java.util.Arrays.asList((Object[]) a.getArray());
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return o == null ? "null" : o.toString();
  }

  @Test
  void errorsCarrySqlStateAndPosition() throws SQLException {
    for (String mode : List.of("preferQueryMode=simple", "")) {
      try (Connection c = connect(mode);
          Statement s = c.createStatement()) {
        PSQLException e =
            assertThrows(PSQLException.class, () -> s.executeQuery("select 1, nosuch"));
        assertEquals("42703", e.getSQLState());
        ServerErrorMessage m = e.getServerErrorMessage();
        assertEquals("column \"nosuch\" does not exist", m.getMessage());
        assertEquals(11, m.getPosition());
        assertEquals("ERROR", m.getSeverity());
        e = assertThrows(PSQLException.class, () -> s.executeQuery("select 1/0"));
        assertEquals("22012", e.getSQLState());
        e = assertThrows(PSQLException.class, () -> s.executeQuery("selec 1"));
        assertEquals("42601", e.getSQLState());
        assertEquals(1, e.getServerErrorMessage().getPosition());
        e = assertThrows(PSQLException.class, () -> s.executeQuery("select 'x'::int"));
        assertEquals("22P02", e.getSQLState());
        // the session carries on
        try (ResultSet rs = s.executeQuery("select 5")) {
          assertTrue(rs.next());
          assertEquals(5, rs.getInt(1));
        }
      }
    }
  }

  @Test
  void positionsCountCharactersNotBytes() throws SQLException {
    try (Connection c = connect("preferQueryMode=simple");
        Statement s = c.createStatement()) {
      PSQLException e =
          assertThrows(PSQLException.class, () -> s.executeQuery("select 'ééé', nosuch"));
      assertEquals(15, e.getServerErrorMessage().getPosition());
    }
  }

  @Test
  void badParameterIsAnErrorNotACrash() throws SQLException {
    try (Connection c = connect("");
        PreparedStatement ps = c.prepareStatement("select ?::int")) {
      ps.setString(1, "forty-two");
      PSQLException e = assertThrows(PSQLException.class, ps::executeQuery);
      assertEquals("22P02", e.getSQLState());
      ps.setInt(1, 42);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
    }
  }

  @Test
  void updatesAndTags() throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      assertEquals(0, s.executeUpdate("create table t (v int)"));
      assertEquals(3, s.executeUpdate("insert into t values (1), (2), (3)"));
      assertEquals(2, s.executeUpdate("update t set v = 1"));
      assertEquals(1, s.executeUpdate("delete from t where v = 1"));
    }
  }

  @Test
  void transactions() throws SQLException {
    try (Connection c = connect("")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into t values (1)");
        c.commit();
        assertThrows(PSQLException.class, () -> s.executeQuery("select nosuch"));
        PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("select 1"));
        assertEquals("25P02", e.getSQLState());
        c.rollback();
        try (ResultSet rs = s.executeQuery("select 1")) {
          assertTrue(rs.next());
        }
        c.commit();
      }
    }
  }

  @Test
  void fetchSizePagesThroughAPortal() throws SQLException {
    try (Connection c = connect("")) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("select * from generate_series(1, 1000)")) {
        ps.setFetchSize(7);
        long sum = 0;
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sum += rs.getInt(1);
            n++;
          }
        }
        assertEquals(1000, n);
        assertEquals(500500, sum);
      }
      c.commit();
    }
  }

  @Test
  void largeResultsStream() throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from generate_series(1, 300000)")) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      assertEquals(300000, n);
    }
  }

  @Test
  void cancelStopsARunningStatement() throws Exception {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        long start = System.nanoTime();
        Future<?> f = ex.submit(() -> s.executeQuery("select pg_sleep(30)"));
        Thread.sleep(300);
        s.cancel();
        java.util.concurrent.ExecutionException e =
            assertThrows(java.util.concurrent.ExecutionException.class, f::get);
        assertEquals("57014", ((SQLException) e.getCause()).getSQLState());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        try (ResultSet rs = s.executeQuery("select 1")) {
          assertTrue(rs.next());
        }
      } finally {
        ex.shutdownNow();
      }
    }
  }

  @Test
  void timeZoneFollowsSetAndParameterStatus() throws SQLException {
    try (Connection c = connect("preferQueryMode=simple");
        Statement s = c.createStatement()) {
      s.execute("set timezone = 'America/New_York'");
      assertEquals("America/New_York", ((PGConnection) c).getParameterStatus("TimeZone"));
      try (ResultSet rs = s.executeQuery("select '2024-01-01 12:00:00+00'::timestamptz")) {
        assertTrue(rs.next());
        assertEquals("2024-01-01 07:00:00-05:00", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("show timezone")) {
        assertTrue(rs.next());
        assertEquals("America/New_York", rs.getString(1));
      }
    }
  }

  @Test
  void connectionParametersPgjdbcNeeds() throws SQLException {
    try (Connection c = connect("sslmode=prefer&ApplicationName=patina-test")) {
      PGConnection pg = (PGConnection) c;
      assertEquals("13.14.0", pg.getParameterStatus("server_version"));
      assertEquals("UTF8", pg.getParameterStatus("client_encoding"));
      assertEquals("on", pg.getParameterStatus("standard_conforming_strings"));
      assertEquals("on", pg.getParameterStatus("integer_datetimes"));
      assertEquals("patina-test", pg.getParameterStatus("application_name"));
      assertTrue(pg.getBackendPID() > 0);
      assertEquals(13, c.getMetaData().getDatabaseMajorVersion());
    }
  }

  @Test
  void unknownDatabaseIsRefused() {
    PSQLException e =
        assertThrows(
            PSQLException.class,
            () ->
                java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/nosuchdb?user=root"));
    assertEquals("3D000", e.getSQLState());
  }

  @Test
  void manyConcurrentSessions() throws Exception {
    int sessions = 64;
    ExecutorService ex = Executors.newFixedThreadPool(16);
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        int k = i;
        fs.add(
            ex.submit(
                () -> {
                  try (Connection c = connect(k % 2 == 0 ? "" : "preferQueryMode=simple");
                      PreparedStatement ps = c.prepareStatement("select ?::int")) {
                    long sum = 0;
                    for (int j = 0; j < 50; j++) {
                      ps.setInt(1, j);
                      try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sum += rs.getInt(1);
                      }
                    }
                    return sum;
                  }
                }));
      }
      for (Future<Long> f : fs) {
        assertEquals(1225L, f.get());
      }
    } finally {
      ex.shutdownNow();
    }
  }
}
