/**
 * The PostgreSQL wire protocol server (RisingWave's {@code pgwire}) and the query-engine SPI it
 * serves.
 *
 * <p>{@link dev.patina.stream.pgwire.PgServer} accepts connections (Netty), performs startup and
 * authentication (trust, cleartext password, MD5 or SCRAM-SHA-256), and speaks the simple and
 * extended query protocols. It hands every statement to a {@link dev.patina.stream.pgwire.Session}
 * opened by the {@link dev.patina.stream.pgwire.QueryEngine}:
 *
 * <ul>
 *   <li>simple query: {@link dev.patina.stream.pgwire.Session#execute(String)} yields one {@link
 *       dev.patina.stream.pgwire.StatementResult} per statement, lazily;
 *   <li>extended query: {@link dev.patina.stream.pgwire.Session#prepare(String, java.util.List)}
 *       gives a {@link dev.patina.stream.pgwire.Prepared} statement that describes its parameters
 *       and rows and executes with bound values; the server keeps portals, decodes parameters and
 *       encodes rows in text or binary format, and pages rows for {@code Execute} with a row limit.
 * </ul>
 *
 * Errors are {@link dev.patina.stream.pgwire.SqlException}s carrying a SQLSTATE, and reach the
 * client as ErrorResponse messages.
 */
package dev.patina.stream.pgwire;
