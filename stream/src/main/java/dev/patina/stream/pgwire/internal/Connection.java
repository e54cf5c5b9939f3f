package dev.patina.stream.pgwire.internal;

import dev.patina.stream.pgwire.AuthMethod;
import dev.patina.stream.pgwire.CommandTag;
import dev.patina.stream.pgwire.Notice;
import dev.patina.stream.pgwire.Prepared;
import dev.patina.stream.pgwire.RowDescription;
import dev.patina.stream.pgwire.RowStream;
import dev.patina.stream.pgwire.Session;
import dev.patina.stream.pgwire.SessionContext;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.pgwire.StatementResult;
import dev.patina.stream.pgwire.TransactionStatus;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.InvalidValueException;
import dev.patina.stream.types.PgBinary;
import dev.patina.stream.types.PgText;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the protocol state machine from startup to Terminate. Netty's event loop
 * only frames bytes and queues them here; the connection runs on its own virtual thread, so a slow
 * or blocking statement holds up nobody else, and it writes back with backpressure (it waits while
 * the client is not reading).
 */
public final class Connection implements SessionContext {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Flush a result to the socket once this much is buffered. */
  private static final int FLUSH_BYTES = 64 * 1024;

  /** Stop reading from the socket while this much input waits unprocessed. */
  private static final long INBOX_HIGH_BYTES = 1 << 20;

  private static final Object CLOSED = new Object();

  private enum Phase {
    STARTUP,
    PASSWORD,
    MD5,
    SASL_INITIAL,
    SASL_CONTINUE,
    READY
  }

  private final Channel channel;
  private final ServerState server;
  private final int pid;
  private final int secret;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final AtomicLong inboxBytes = new AtomicLong();
  private final ConcurrentLinkedQueue<Object> pendingNotices = new ConcurrentLinkedQueue<>();
  private final Object writability = new Object();

  private volatile boolean closed;
  private volatile boolean running;
  private volatile boolean cancelRequested;

  private Phase phase = Phase.STARTUP;
  private boolean slotTaken;
  private String user;
  private String database;
  private Map<String, String> startupParameters = Map.of();
  private byte[] md5Salt;
  private Scram scram;
  private Session session;
  private ByteBuf out;

  private final Map<String, Statement> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private boolean ignoreTillSync;

  /** A parsed statement: its text and the engine's prepared form. */
  private record Statement(String sql, Prepared prepared) {}

  /** A bound statement, possibly part-way through its rows. */
  private static final class Portal {
    final Statement statement;
    final List<Object> parameters;
    final short[] formats;
    boolean started;
    boolean done;
    StatementResult result;
    RowStream rows;
    RowDescription description;

    Portal(Statement statement, List<Object> parameters, short[] formats) {
      this.statement = statement;
      this.parameters = parameters;
      this.formats = formats;
    }

    void closeRows() {
      if (rows != null) {
        RowStream r = rows;
        rows = null;
        r.close();
      }
    }
  }

  public Connection(Channel channel, ServerState server) {
    this.channel = channel;
    this.server = server;
    this.pid = server.newPid();
    this.secret = server.newSecret();
    this.out = channel.alloc().buffer();
  }

  /** Starts the connection's thread. */
  public void start() {
    Thread.ofVirtual().name("pgwire-" + pid).start(this::run);
  }

  // ---------------------------------------------------------------------------------------------
  // Event-loop side

  /** Queues a decoded frame; pauses reading if too much input is waiting. */
  public void enqueue(Object message) {
    long size = message instanceof FrameDecoder.RawFrame f ? f.body().length + 5L : 16L;
    if (inboxBytes.addAndGet(size) > INBOX_HIGH_BYTES) {
      channel.config().setAutoRead(false);
    }
    inbox.add(message);
  }

  /** The socket closed: stop whatever runs and end the thread. */
  public void onInactive() {
    closed = true;
    cancelRunning();
    inbox.add(CLOSED);
    synchronized (writability) {
      writability.notifyAll();
    }
  }

  public void onWritabilityChanged() {
    synchronized (writability) {
      writability.notifyAll();
    }
  }

  /** Cancels the running statement, if any (CancelRequest or disconnect). */
  void cancelRunning() {
    if (running || closed) {
      cancelRequested = true;
      Session s = session;
      if (s != null) {
        try {
          s.cancel();
        } catch (RuntimeException e) {
          LOG.warn("session cancel failed", e);
        }
      }
    }
  }

  int secretKey() {
    return secret;
  }

  /** Whether startup and authentication are done. */
  public boolean isReady() {
    return phase == Phase.READY;
  }

  /** Closes the socket (server shutdown, authentication timeout). */
  public void close() {
    channel.close();
  }

  // ---------------------------------------------------------------------------------------------
  // SessionContext

  @Override
  public String user() {
    return user;
  }

  @Override
  public String database() {
    return database;
  }

  @Override
  public Map<String, String> startupParameters() {
    return startupParameters;
  }

  @Override
  public int processId() {
    return pid;
  }

  @Override
  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  @Override
  public void notice(Notice notice) {
    pendingNotices.add(notice);
  }

  @Override
  public void reportParameter(String name, String value) {
    pendingNotices.add(new String[] {name, value});
  }

  // ---------------------------------------------------------------------------------------------
  // Connection thread

  private void run() {
    try {
      while (true) {
        Object m = inbox.take();
        if (m == CLOSED) {
          break;
        }
        long size = m instanceof FrameDecoder.RawFrame f ? f.body().length + 5L : 16L;
        if (inboxBytes.addAndGet(-size) < INBOX_HIGH_BYTES / 4 && !channel.config().isAutoRead()) {
          channel.config().setAutoRead(true);
        }
        if (closed || !handle(m)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      LOG.error("connection {} failed", pid, t);
    } finally {
      cleanup();
    }
  }

  private void cleanup() {
    for (Portal p : portals.values()) {
      closeQuietly(p);
    }
    portals.clear();
    for (Statement s : statements.values()) {
      closeQuietly(s);
    }
    statements.clear();
    if (session != null) {
      try {
        session.close();
      } catch (RuntimeException e) {
        LOG.warn("session close failed", e);
      }
    }
    server.unregister(this);
    if (slotTaken) {
      server.releaseSlot();
    }
    if (out.refCnt() > 0) {
      out.release();
    }
    channel.close();
  }

  /** Handles one message; returns false when the connection must end. */
  private boolean handle(Object m) {
    switch (m) {
      case FrameDecoder.FrameError e -> {
        return fatal(SqlState.PROTOCOL_VIOLATION, e.message());
      }
      case FrontendMessage.SslRequest s -> {
        out.writeByte('N');
        flush();
        return true;
      }
      case FrontendMessage.GssEncRequest g -> {
        out.writeByte('N');
        flush();
        return true;
      }
      case FrontendMessage.CancelRequest c -> {
        server.cancel(c.processId(), c.secretKey());
        return false;
      }
      case FrontendMessage.Startup s -> {
        return startup(s);
      }
      case FrameDecoder.RawFrame f -> {
        FrontendMessage msg;
        try {
          msg = FrontendParser.parse(f.type(), f.body());
        } catch (MalformedMessageException e) {
          return fatal(SqlState.PROTOCOL_VIOLATION, e.getMessage());
        } catch (SqlException e) {
          if (phase != Phase.READY) {
            return fatal(e.sqlState(), e.getMessage());
          }
          if (f.type() == 'Q') {
            sendError(e, null);
            readyForQuery();
          } else if (!ignoreTillSync) {
            sendError(e, null);
            ignoreTillSync = true;
          }
          return true;
        }
        if (LOG.isTraceEnabled()) {
          LOG.trace("{} <- {}", pid, describe(msg));
        }
        return phase == Phase.READY ? message(msg) : authMessage(msg);
      }
      default -> throw new IllegalStateException("unexpected " + m);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Startup and authentication

  private boolean startup(FrontendMessage.Startup s) {
    if (s.majorVersion() != 3) {
      return fatal(
          SqlState.FEATURE_NOT_SUPPORTED,
          "unsupported frontend protocol "
              + s.majorVersion()
              + "."
              + s.minorVersion()
              + ": server supports 3.0 to 3.0");
    }
    List<String> unknownOptions = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : s.parameters().entrySet()) {
      if (e.getKey().startsWith("_pq_.")) {
        unknownOptions.add(e.getKey());
      } else {
        params.put(e.getKey(), e.getValue());
      }
    }
    if (s.minorVersion() > 0 || !unknownOptions.isEmpty()) {
      Backend.negotiateProtocolVersion(out, 0, unknownOptions);
    }
    startupParameters = Collections.unmodifiableMap(params);
    user = params.get("user");
    if (user == null || user.isEmpty()) {
      return fatal(
          SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
    }
    database = params.getOrDefault("database", "dev");
    if (database.isEmpty()) {
      database = "dev";
    }
    if (!server.acquireSlot()) {
      return fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
    }
    slotTaken = true;
    AuthMethod method = server.config().auth();
    switch (method) {
      case TRUST -> {
        return authenticated();
      }
      case PASSWORD -> {
        Backend.authentication(out, 3, null);
        phase = Phase.PASSWORD;
      }
      case MD5 -> {
        md5Salt = server.randomBytes(4);
        Backend.authentication(out, 5, md5Salt);
        phase = Phase.MD5;
      }
      case SCRAM_SHA_256 -> {
        byte[] mechanisms = (Scram.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII);
        Backend.authentication(out, 10, mechanisms);
        phase = Phase.SASL_INITIAL;
      }
    }
    flush();
    return true;
  }

  private boolean authMessage(FrontendMessage msg) {
    if (phase == Phase.STARTUP) {
      return fatal(SqlState.PROTOCOL_VIOLATION, "expected startup message");
    }
    if (!(msg instanceof FrontendMessage.AuthData(byte[] data))) {
      return fatal(
          SqlState.PROTOCOL_VIOLATION,
          "expected password response, got message type " + msg.getClass().getSimpleName());
    }
    String password = server.config().passwords().get(user);
    switch (phase) {
      case PASSWORD -> {
        String given = cstringOf(data);
        if (password == null || given == null || !constantTimeEquals(password, given)) {
          return authFailed();
        }
        return authenticated();
      }
      case MD5 -> {
        String given = cstringOf(data);
        if (password == null || given == null || !constantTimeEquals(md5(password), given)) {
          return authFailed();
        }
        return authenticated();
      }
      case SASL_INITIAL -> {
        // SASLInitialResponse: mechanism name, Int32 length, initial response.
        FrontendParser.Reader r = new FrontendParser.Reader(data);
        try {
          String mechanism = r.cstring();
          int len = r.int32();
          byte[] first = r.bytes(len);
          r.end();
          if (!mechanism.equals(Scram.MECHANISM)) {
            return fatal(
                SqlState.PROTOCOL_VIOLATION,
                "client selected an invalid SASL authentication mechanism");
          }
          if (password == null) {
            return authFailed();
          }
          scram = new Scram(server.verifier(user, password));
          String serverFirst = scram.clientFirst(new String(first, StandardCharsets.UTF_8));
          Backend.authentication(out, 11, serverFirst.getBytes(StandardCharsets.UTF_8));
          phase = Phase.SASL_CONTINUE;
          flush();
          return true;
        } catch (MalformedMessageException | SqlException e) {
          return fatal(SqlState.PROTOCOL_VIOLATION, "malformed SASLInitialResponse message");
        } catch (Scram.ScramException e) {
          return fatal(SqlState.PROTOCOL_VIOLATION, e.getMessage());
        }
      }
      case SASL_CONTINUE -> {
        try {
          String serverFinal = scram.clientFinal(new String(data, StandardCharsets.UTF_8));
          Backend.authentication(out, 12, serverFinal.getBytes(StandardCharsets.UTF_8));
          return authenticated();
        } catch (Scram.ScramException e) {
          LOG.debug("SCRAM failed for {}: {}", user, e.getMessage());
          return authFailed();
        }
      }
      default -> throw new IllegalStateException(phase.name());
    }
  }

  private static String cstringOf(byte[] data) {
    if (data.length == 0 || data[data.length - 1] != 0) {
      return null;
    }
    return new String(data, 0, data.length - 1, StandardCharsets.UTF_8);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** PostgreSQL's md5 response: "md5" + md5hex(md5hex(password + user) + salt). */
  private String md5(String password) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      String inner =
          HexFormat.of().formatHex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
      md.reset();
      md.update(inner.getBytes(StandardCharsets.US_ASCII));
      md.update(md5Salt);
      return "md5" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean authFailed() {
    return fatal(
        SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
  }

  private boolean authenticated() {
    Backend.authentication(out, 0, null);
    try {
      session = server.engine().open(this);
      if (session == null) {
        throw SqlException.internal("the engine opened no session", null);
      }
    } catch (RuntimeException e) {
      SqlException s = toSql(e);
      return fatal(s.sqlState(), s.getMessage());
    }
    String version = server.config().serverVersion();
    Backend.parameterStatus(out, "server_version", version);
    Backend.parameterStatus(out, "server_encoding", "UTF8");
    Backend.parameterStatus(out, "client_encoding", "UTF8");
    Backend.parameterStatus(out, "DateStyle", "ISO, MDY");
    Backend.parameterStatus(out, "IntervalStyle", "postgres");
    Backend.parameterStatus(out, "TimeZone", session.timeZone().getId());
    Backend.parameterStatus(out, "integer_datetimes", "on");
    Backend.parameterStatus(out, "standard_conforming_strings", "on");
    Backend.parameterStatus(out, "is_superuser", "on");
    Backend.parameterStatus(out, "session_authorization", user);
    Backend.parameterStatus(
        out, "application_name", startupParameters.getOrDefault("application_name", ""));
    Backend.backendKeyData(out, pid, secret);
    phase = Phase.READY;
    server.register(this);
    readyForQuery();
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  private boolean message(FrontendMessage msg) {
    switch (msg) {
      case FrontendMessage.Sync s -> {
        ignoreTillSync = false;
        if (session.transactionStatus() == TransactionStatus.IDLE) {
          closeAllPortals();
        }
        readyForQuery();
        return true;
      }
      case FrontendMessage.Flush f -> {
        flush();
        return true;
      }
      case FrontendMessage.Terminate t -> {
        return false;
      }
      case FrontendMessage.Unsupported u -> {
        if (u.type() == 'F') {
          if (!ignoreTillSync) {
            sendError(SqlException.unsupported("function call messages are not supported"), null);
            readyForQuery();
          }
        } // CopyData, CopyDone, CopyFail outside COPY are ignored, as PostgreSQL does
        return true;
      }
      case FrontendMessage.AuthData a -> {
        return fatal(SqlState.PROTOCOL_VIOLATION, "unexpected password message");
      }
      default -> {}
    }
    if (ignoreTillSync) {
      return true;
    }
    if (msg instanceof FrontendMessage.Query q) {
      simpleQuery(q.sql());
      return true;
    }
    try {
      switch (msg) {
        case FrontendMessage.Parse p -> parse(p);
        case FrontendMessage.Bind b -> bind(b);
        case FrontendMessage.Describe d -> describe(d);
        case FrontendMessage.Execute e -> execute(e);
        case FrontendMessage.Close c -> close(c);
        default -> throw new IllegalStateException("unexpected " + msg);
      }
    } catch (RuntimeException e) {
      String sql = null;
      if (msg instanceof FrontendMessage.Parse p) {
        sql = p.sql();
      } else if (msg instanceof FrontendMessage.Execute ex && portals.get(ex.portal()) != null) {
        sql = portals.get(ex.portal()).statement.sql();
      }
      sendError(toSql(e), sql);
      ignoreTillSync = true;
    }
    return true;
  }

  private void simpleQuery(String sql) {
    closeQuietly(portals.remove(""));
    closeQuietly(statements.remove(""));
    Iterator<StatementResult> results = null;
    RowStream open = null;
    beginStatement();
    try {
      results = session.execute(sql);
      while (results.hasNext()) {
        StatementResult r = results.next();
        switch (r) {
          case StatementResult.Rows rows -> {
            open = rows.rows();
            short[] formats = new short[rows.description().size()];
            drainNotices();
            Backend.rowDescription(out, rows.description(), formats);
            long n = sendRows(rows.description(), rows.rows(), formats, 0);
            open = null;
            rows.rows().close();
            commandComplete(CommandTag.of(rows.command(), n));
          }
          case StatementResult.Command c -> commandComplete(c.tag());
          case StatementResult.EmptyQuery e -> {
            drainNotices();
            Backend.empty(out, 'I');
          }
        }
      }
    } catch (RuntimeException e) {
      if (open != null) {
        closeQuietly(open);
      }
      sendError(toSql(e), sql);
    } finally {
      running = false;
      if (results instanceof AutoCloseable c) {
        closeQuietly(c);
      }
    }
    readyForQuery();
  }

  private void parse(FrontendMessage.Parse p) {
    if (!p.name().isEmpty() && statements.containsKey(p.name())) {
      throw new SqlException(
          SqlState.DUPLICATE_PREPARED_STATEMENT,
          "prepared statement \"" + p.name() + "\" already exists");
    }
    List<DataType> types = new ArrayList<>(p.parameterOids().length);
    for (int oid : p.parameterOids()) {
      if (oid == 0) {
        types.add(null);
        continue;
      }
      DataType t = DataType.fromOid(oid);
      if (t == null) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED, "type with OID " + oid + " is not supported");
      }
      types.add(t);
    }
    Prepared prepared = session.prepare(p.sql(), Collections.unmodifiableList(types));
    closeQuietly(statements.put(p.name(), new Statement(p.sql(), prepared)));
    Backend.empty(out, '1');
  }

  private void bind(FrontendMessage.Bind b) {
    Statement st = statements.get(b.statement());
    if (st == null) {
      throw new SqlException(
          SqlState.INVALID_SQL_STATEMENT_NAME,
          "prepared statement \"" + b.statement() + "\" does not exist");
    }
    if (!b.portal().isEmpty() && portals.containsKey(b.portal())) {
      throw new SqlException(
          SqlState.DUPLICATE_CURSOR, "portal \"" + b.portal() + "\" already exists");
    }
    List<DataType> types = st.prepared().parameterTypes();
    byte[][] raw = b.parameters();
    if (raw.length != types.size()) {
      throw new SqlException(
          SqlState.PROTOCOL_VIOLATION,
          "bind message supplies "
              + raw.length
              + " parameters, but prepared statement \""
              + b.statement()
              + "\" requires "
              + types.size());
    }
    short[] pf = b.parameterFormats();
    if (pf.length > 1 && pf.length != raw.length) {
      throw new SqlException(
          SqlState.PROTOCOL_VIOLATION,
          "bind message has " + pf.length + " parameter formats but " + raw.length + " parameters");
    }
    ZoneId zone = session.timeZone();
    List<Object> values = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == null) {
        values.add(null);
        continue;
      }
      short format = pf.length == 0 ? 0 : pf.length == 1 ? pf[0] : pf[i];
      DataType t = types.get(i);
      try {
        values.add(
            format == 1
                ? PgBinary.decode(t, raw[i])
                : PgText.decode(t, FrontendParser.utf8(raw[i], 0, raw[i].length), zone));
      } catch (InvalidValueException e) {
        throw new SqlException(e.sqlState(), e.getMessage())
            .withDetail("in parameter $" + (i + 1) + " of type " + t.sqlName());
      }
    }
    RowDescription desc = st.prepared().rowDescription();
    short[] formats = resultFormats(b.resultFormats(), desc == null ? 0 : desc.size());
    closeQuietly(
        portals.put(b.portal(), new Portal(st, Collections.unmodifiableList(values), formats)));
    Backend.empty(out, '2');
  }

  private static short[] resultFormats(short[] codes, int columns) {
    short[] formats = new short[columns];
    if (codes.length == 1) {
      java.util.Arrays.fill(formats, codes[0]);
    } else if (codes.length > 1) {
      if (codes.length != columns) {
        throw new SqlException(
            SqlState.PROTOCOL_VIOLATION,
            "bind message has "
                + codes.length
                + " result formats but query has "
                + columns
                + " columns");
      }
      System.arraycopy(codes, 0, formats, 0, columns);
    }
    return formats;
  }

  private void describe(FrontendMessage.Describe d) {
    if (d.kind() == 'S') {
      Statement st = statements.get(d.name());
      if (st == null) {
        throw new SqlException(
            SqlState.INVALID_SQL_STATEMENT_NAME,
            "prepared statement \"" + d.name() + "\" does not exist");
      }
      Backend.parameterDescription(out, st.prepared().parameterTypes());
      RowDescription desc = st.prepared().rowDescription();
      if (desc == null) {
        Backend.empty(out, 'n');
      } else {
        Backend.rowDescription(out, desc, new short[desc.size()]);
      }
    } else {
      Portal p = portal(d.name());
      RowDescription desc = p.statement.prepared().rowDescription();
      if (desc == null) {
        Backend.empty(out, 'n');
      } else {
        Backend.rowDescription(out, desc, p.formats);
      }
    }
  }

  private Portal portal(String name) {
    Portal p = portals.get(name);
    if (p == null) {
      throw new SqlException(
          SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
    }
    return p;
  }

  private void execute(FrontendMessage.Execute e) {
    Portal p = portal(e.portal());
    beginStatement();
    try {
      if (!p.started) {
        p.started = true;
        p.result = p.statement.prepared().execute(p.parameters);
        if (p.result instanceof StatementResult.Rows rows) {
          p.rows = rows.rows();
          p.description = rows.description();
          if (p.description.size() != p.formats.length && p.formats.length > 0) {
            throw SqlException.internal(
                "the statement returned "
                    + p.description.size()
                    + " columns, "
                    + p.formats.length
                    + " were described",
                null);
          }
        }
      }
      switch (p.result) {
        case StatementResult.Rows rows -> {
          if (p.done) {
            commandComplete(CommandTag.of(rows.command(), 0));
            return;
          }
          short[] formats =
              p.formats.length == p.description.size()
                  ? p.formats
                  : new short[p.description.size()];
          int limit = e.maxRows() > 0 ? e.maxRows() : 0;
          long n = sendRows(p.description, p.rows, formats, limit);
          if (limit > 0 && n == limit) {
            drainNotices();
            Backend.empty(out, 's'); // PortalSuspended
          } else {
            p.done = true;
            p.closeRows();
            commandComplete(CommandTag.of(rows.command(), n));
          }
        }
        case StatementResult.Command c -> {
          p.done = true;
          commandComplete(c.tag());
        }
        case StatementResult.EmptyQuery q -> {
          p.done = true;
          drainNotices();
          Backend.empty(out, 'I');
        }
      }
    } catch (RuntimeException ex) {
      p.done = true;
      p.closeRows();
      throw ex;
    } finally {
      running = false;
    }
  }

  private void close(FrontendMessage.Close c) {
    if (c.kind() == 'S') {
      closeQuietly(statements.remove(c.name()));
    } else {
      closeQuietly(portals.remove(c.name()));
    }
    Backend.empty(out, '3');
  }

  private void closeAllPortals() {
    for (Portal p : portals.values()) {
      closeQuietly(p);
    }
    portals.clear();
  }

  private void beginStatement() {
    cancelRequested = false;
    running = true;
  }

  /**
   * Streams up to {@code limit} rows (0 = all) as DataRows, flushing as the buffer fills and
   * stopping on cancel or disconnect. Returns how many rows were sent.
   */
  private long sendRows(RowDescription desc, RowStream rows, short[] formats, long limit) {
    ZoneId zone = session.timeZone();
    int width = desc.size();
    long n = 0;
    while (limit == 0 || n < limit) {
      if (cancelRequested || closed) {
        throw SqlException.canceled();
      }
      Object[] row = rows.next();
      if (row == null) {
        break;
      }
      if (row.length != width) {
        throw SqlException.internal(
            "a row has " + row.length + " values for " + width + " columns", null);
      }
      byte[][] cols = new byte[width][];
      for (int i = 0; i < width; i++) {
        Object v = row[i];
        if (v == null) {
          continue;
        }
        DataType t = desc.column(i).type();
        try {
          cols[i] = formats[i] == 1 ? PgBinary.encode(t, v) : PgText.encodeBytes(t, v, zone);
        } catch (ClassCastException e) {
          throw SqlException.internal(
              "column "
                  + desc.column(i).name()
                  + " of type "
                  + t.sqlName()
                  + " holds a "
                  + v.getClass().getName(),
              e);
        }
      }
      Backend.dataRow(out, cols);
      n++;
      if (out.readableBytes() >= FLUSH_BYTES) {
        flush();
      }
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  private void commandComplete(CommandTag tag) {
    drainNotices();
    Backend.commandComplete(out, tag.toString());
  }

  private void readyForQuery() {
    drainNotices();
    Backend.readyForQuery(
        out, session == null ? TransactionStatus.IDLE : session.transactionStatus());
    flush();
  }

  private void drainNotices() {
    Object o;
    while ((o = pendingNotices.poll()) != null) {
      if (o instanceof Notice n) {
        Backend.errorOrNotice(
            out, 'N', n.severity(), n.sqlState(), n.message(), n.detail(), n.hint(), 0);
      } else if (o instanceof String[] kv) {
        Backend.parameterStatus(out, kv[0], kv[1]);
      }
    }
  }

  private void sendError(SqlException e, String sql) {
    if (session != null) {
      try {
        session.errorOccurred(e);
      } catch (RuntimeException ex) {
        LOG.warn("errorOccurred failed", ex);
      }
    }
    drainNotices();
    int position = 0;
    if (e.byteOffset() >= 0 && sql != null) {
      position = charPosition(sql, e.byteOffset());
    }
    Backend.errorOrNotice(
        out, 'E', e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), position);
  }

  /** The 1-based character index of a UTF-8 byte offset, as ErrorResponse's P field wants. */
  static int charPosition(String sql, int byteOffset) {
    int bytes = 0;
    int chars = 0;
    for (int i = 0; i < sql.length() && bytes < byteOffset; ) {
      int cp = sql.codePointAt(i);
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += Character.charCount(cp);
      chars++;
    }
    return chars + 1;
  }

  /** Sends a FATAL error and ends the connection. */
  private boolean fatal(String sqlState, String message) {
    Backend.errorOrNotice(out, 'E', "FATAL", sqlState, message, null, null, 0);
    flush();
    return false;
  }

  private static SqlException toSql(RuntimeException e) {
    if (e instanceof SqlException s) {
      return s;
    }
    if (e instanceof InvalidValueException iv) {
      return new SqlException(iv.sqlState(), iv.getMessage());
    }
    LOG.warn("internal error", e);
    return SqlException.internal("internal error: " + e, e);
  }

  /** Writes what is buffered and waits while the client is not keeping up. */
  private void flush() {
    if (out.readableBytes() > 0) {
      ByteBuf b = out;
      out = channel.alloc().buffer();
      channel.writeAndFlush(b);
    }
    synchronized (writability) {
      while (!channel.isWritable() && channel.isActive() && !closed) {
        try {
          writability.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String describe(FrontendMessage m) {
    return switch (m) {
      case FrontendMessage.Parse p ->
          "Parse("
              + p.name()
              + ", "
              + p.sql()
              + ", "
              + java.util.Arrays.toString(p.parameterOids())
              + ")";
      case FrontendMessage.Bind b ->
          "Bind("
              + b.portal()
              + ", "
              + b.statement()
              + ", formats "
              + java.util.Arrays.toString(b.parameterFormats())
              + ", "
              + b.parameters().length
              + " values, results "
              + java.util.Arrays.toString(b.resultFormats())
              + ")";
      case FrontendMessage.AuthData a -> "AuthData";
      default -> m.toString();
    };
  }

  private static void closeQuietly(Object o) {
    if (o == null) {
      return;
    }
    try {
      switch (o) {
        case Portal p -> p.closeRows();
        case Statement s -> s.prepared().close();
        case AutoCloseable c -> c.close();
        default -> {}
      }
    } catch (Exception e) {
      LOG.warn("close failed", e);
    }
  }
}
