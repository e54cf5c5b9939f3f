package dev.patina.stream.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.pgwire.RawClient.Msg;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact protocol behaviour, seen through a bare socket. */
class ProtocolTest extends PgwireTestBase {
  @Test
  void startupSequence() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.startup(Map.of("user", "root", "database", "dev", "application_name", "raw"));
      List<Msg> msgs = c.readUntilReady();
      assertEquals('R', msgs.get(0).type());
      StringBuilder params = new StringBuilder();
      for (Msg m : msgs) {
        if (m.type() == 'S') {
          params.append(m.text().replace('\0', '=')).append(';');
        }
      }
      String p = params.toString();
      for (String expected :
          List.of(
              "server_version=13.14.0=",
              "server_encoding=UTF8=",
              "client_encoding=UTF8=",
              "DateStyle=ISO, MDY=",
              "IntervalStyle=postgres=",
              "TimeZone=UTC=",
              "integer_datetimes=on=",
              "standard_conforming_strings=on=",
              "application_name=raw=")) {
        assertTrue(p.contains(expected), expected + " in " + p);
      }
      assertEquals('K', msgs.get(msgs.size() - 2).type());
      assertEquals("I", msgs.getLast().text());
    }
  }

  @Test
  void sslAndGssEncAreRefusedCleanly() throws IOException {
    for (int code : List.of(80877103, 80877104)) {
      try (RawClient c = new RawClient(server.port())) {
        c.out.writeInt(8);
        c.out.writeInt(code);
        c.out.flush();
        assertEquals('N', c.in.readUnsignedByte());
        c.startup(Map.of("user", "root"));
        assertEquals('Z', c.readUntilReady().getLast().type());
        c.query("select 1");
        assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
      }
    }
  }

  @Test
  void simpleQueryMessages() throws IOException {
    try (RawClient c = RawClient.connect(server.port())) {
      c.query("");
      assertEquals("IZ", RawClient.types(c.readUntilReady()));
      c.query(
          "create table t (v int); insert into t values (1), (2); select 1, 2; drop table if exists nosuch");
      List<Msg> msgs = c.readUntilReady();
      assertEquals("CCTDCNCZ", RawClient.types(msgs));
      assertEquals("CREATE TABLE", msgs.get(0).tag());
      assertEquals("INSERT 0 2", msgs.get(1).tag());
      assertEquals("SELECT 1", msgs.get(4).tag());
      Map<Character, String> notice = msgs.get(5).fields();
      assertEquals("NOTICE", notice.get('S'));
      assertEquals("00000", notice.get('C'));
      assertEquals("table \"nosuch\" does not exist, skipping", notice.get('M'));
      assertEquals("DROP TABLE", msgs.get(6).tag());
      // An error stops the rest of the query string.
      c.query("select 1; select nosuch; select 2");
      msgs = c.readUntilReady();
      assertEquals("TDCEZ", RawClient.types(msgs));
      Map<Character, String> err = msgs.get(3).fields();
      assertEquals("ERROR", err.get('S'));
      assertEquals("ERROR", err.get('V'));
      assertEquals("42703", err.get('C'));
      assertEquals("18", err.get('P'));
    }
  }

  static byte[] body(Object... parts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    for (Object o : parts) {
      switch (o) {
        case String s -> RawClient.cstr(d, s);
        case Short s -> d.writeShort(s);
        case Integer i -> d.writeInt(i);
        case byte[] bytes -> d.write(bytes);
        case Character ch -> d.writeByte(ch);
        default -> throw new IllegalArgumentException(o.toString());
      }
    }
    return b.toByteArray();
  }

  @Test
  void extendedProtocolMessages() throws IOException {
    try (RawClient c = RawClient.connect(server.port())) {
      c.send('P', body("s1", "select $1::int, $2", (short) 2, 23, 0));
      c.send('D', body('S', "s1"));
      c.send(
          'B',
          body(
              "p1",
              "s1",
              (short) 1,
              (short) 1,
              (short) 2,
              4,
              new byte[] {0, 0, 0, 7},
              1,
              new byte[] {'x'},
              (short) 1,
              (short) 1));
      c.send('D', body('P', "p1"));
      c.send('E', body("p1", 0));
      c.send('C', body('P', "p1"));
      c.send('C', body('S', "s1"));
      c.send('S', new byte[0]);
      List<Msg> msgs = c.readUntilReady();
      assertEquals("1tT2TDC33Z", RawClient.types(msgs));
      // ParameterDescription: int4, varchar (the unspecified one)
      assertEquals(List.of(23, 1043), oids(msgs.get(1).body()));
      // the portal's RowDescription says binary; the DataRow holds binary int4 7
      byte[] row = msgs.get(5).body();
      assertEquals(7, row[row.length - 1 - 5]);
      assertEquals("SELECT 1", msgs.get(6).tag());

      // Errors skip to Sync; the statement is gone after Close.
      c.send('B', body("", "s1", (short) 0, (short) 0, (short) 0));
      c.send('E', body("", 0));
      c.send('S', new byte[0]);
      msgs = c.readUntilReady();
      assertEquals("EZ", RawClient.types(msgs));
      assertEquals("26000", msgs.get(0).fields().get('C'));

      // Portal suspension with maxRows.
      c.send('P', body("", "select * from generate_series(1, 5)", (short) 0));
      c.send('B', body("", "", (short) 0, (short) 0, (short) 0));
      c.send('E', body("", 2));
      c.send('E', body("", 2));
      c.send('E', body("", 2));
      c.send('S', new byte[0]);
      msgs = c.readUntilReady();
      assertEquals("12DDsDDsDCZ", RawClient.types(msgs));
      assertEquals("SELECT 1", msgs.get(9).tag());

      // Wrong parameter count is an error, not a crash.
      c.send('P', body("", "select $1::int", (short) 0));
      c.send('B', body("", "", (short) 0, (short) 0, (short) 0));
      c.send('S', new byte[0]);
      msgs = c.readUntilReady();
      assertEquals("1EZ", RawClient.types(msgs));
      assertEquals("08P01", msgs.get(1).fields().get('C'));

      // Flush sends what is pending without Sync.
      c.send('P', body("", "select 1", (short) 0));
      c.send('H', new byte[0]);
      assertEquals('1', c.read().type());
      c.send('S', new byte[0]);
      assertEquals("Z", RawClient.types(c.readUntilReady()));
    }
  }

  private static List<Integer> oids(byte[] body) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(body);
    int n = b.getShort();
    List<Integer> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.getInt());
    }
    return out;
  }

  @Test
  void oversizedAndMalformedFramesCloseOnlyThatConnection() throws Exception {
    try (RawClient c = RawClient.connect(server.port())) {
      c.out.writeByte('Q');
      c.out.writeInt(Integer.MAX_VALUE);
      c.out.flush();
      Msg m = c.read();
      assertEquals('E', m.type());
      assertEquals("FATAL", m.fields().get('S'));
      assertEquals("08P01", m.fields().get('C'));
      assertTrue(c.closedByServer());
    }
    try (RawClient c = RawClient.connect(server.port())) {
      c.send('P', new byte[] {'a', 'b'}); // no terminator
      Msg m = c.read();
      assertEquals("08P01", m.fields().get('C'));
      assertTrue(c.closedByServer());
    }
    try (RawClient c = RawClient.connect(server.port())) {
      c.send('?', new byte[0]);
      assertEquals("08P01", c.read().fields().get('C'));
      assertTrue(c.closedByServer());
    }
    try (RawClient c = new RawClient(server.port())) {
      c.out.writeInt(3); // impossible startup length
      c.out.flush();
      assertEquals("08P01", c.read().fields().get('C'));
      assertTrue(c.closedByServer());
    }
    assertServerHealthy();
  }

  @Test
  void invalidUtf8IsAnErrorTheSessionSurvives() throws IOException {
    try (RawClient c = RawClient.connect(server.port())) {
      c.send('Q', new byte[] {'s', (byte) 0xC3, 0});
      List<Msg> msgs = c.readUntilReady();
      assertEquals("EZ", RawClient.types(msgs));
      assertEquals("22021", msgs.get(0).fields().get('C'));
      c.query("select 1");
      assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
    }
  }

  @Test
  void clientDroppingMidQueryHarmsNobody() throws Exception {
    int closedBefore = engine.closedSessions.get();
    for (int i = 0; i < 5; i++) {
      RawClient c = RawClient.connect(server.port());
      c.query("select * from generate_series(1, 100000000)");
      c.read(); // RowDescription: the query is running
      c.socket.setSoLinger(true, 0);
      c.close();
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (engine.closedSessions.get() < closedBefore + 5
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(engine.closedSessions.get() >= closedBefore + 5, "sessions were closed");
    assertServerHealthy();
  }

  @Test
  void clientThatStopsReadingDoesNotBlockOthers() throws Exception {
    try (RawClient slow = RawClient.connect(server.port())) {
      slow.query("select * from generate_series(1, 100000000)");
      Thread.sleep(300); // its socket buffers fill; its thread waits
      assertServerHealthy();
    }
  }

  @Test
  void cancelRequestWithWrongKeyIsIgnored() throws Exception {
    try (RawClient c = new RawClient(server.port())) {
      c.startup(Map.of("user", "root"));
      List<Msg> msgs = c.readUntilReady();
      Msg key = msgs.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(key.body());
      int pid = b.getInt();
      int secret = b.getInt();
      c.query("select pg_sleep(1)");
      try (RawClient cancel = new RawClient(server.port())) {
        cancel.out.writeInt(16);
        cancel.out.writeInt(80877102);
        cancel.out.writeInt(pid);
        cancel.out.writeInt(secret + 1);
        cancel.out.flush();
        assertTrue(cancel.closedByServer());
      }
      assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
    }
  }

  @Test
  void terminateClosesTheSession() throws Exception {
    int closedBefore = engine.closedSessions.get();
    try (RawClient c = RawClient.connect(server.port())) {
      c.send('X', new byte[0]);
      assertTrue(c.closedByServer());
    }
    long deadline = System.currentTimeMillis() + 5_000;
    while (engine.closedSessions.get() == closedBefore && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(engine.closedSessions.get() > closedBefore);
  }

  @Test
  void missingUserIsFatal() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.startup(Map.of("database", "dev"));
      Msg m = c.read();
      assertEquals("28000", m.fields().get('C'));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void newerProtocolMinorIsNegotiatedDown() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(b);
      d.writeInt((3 << 16) | 2);
      RawClient.cstr(d, "user");
      RawClient.cstr(d, "root");
      RawClient.cstr(d, "_pq_.something");
      RawClient.cstr(d, "x");
      d.writeByte(0);
      c.out.writeInt(b.size() + 4);
      c.out.write(b.toByteArray());
      c.out.flush();
      List<Msg> msgs = c.readUntilReady();
      assertEquals('v', msgs.get(0).type());
      assertFalse(msgs.stream().anyMatch(m -> m.type() == 'E'));
    }
  }

  static void assertServerHealthy() throws Exception {
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 41 + 0")) {
      throw new AssertionError("the test engine has no '+'");
    } catch (org.postgresql.util.PSQLException e) {
      assertEquals("42601", e.getSQLState()); // a normal answer from a healthy server
    }
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 41")) {
      assertTrue(rs.next());
      assertEquals(41, rs.getInt(1));
    }
  }
}
