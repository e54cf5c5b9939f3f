package dev.patina.stream.pgwire;

import dev.patina.stream.pgwire.internal.Connection;
import dev.patina.stream.pgwire.internal.ConnectionHandler;
import dev.patina.stream.pgwire.internal.FrameDecoder;
import dev.patina.stream.pgwire.internal.ServerState;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL wire protocol server in front of a {@link QueryEngine}. Each connection gets its own
 * {@link Session} and its own virtual thread; Netty does the socket I/O.
 *
 * <pre>{@code
 * try (PgServer server = PgServer.start(PgServerConfig.defaults(), engine)) {
 *   // psql -h 127.0.0.1 -p 4566 -U root -d dev
 * }
 * }</pre>
 */
public final class PgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

  private final ServerState state;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;

  private PgServer(
      ServerState state, EventLoopGroup boss, EventLoopGroup workers, Channel listener) {
    this.state = state;
    this.boss = boss;
    this.workers = workers;
    this.listener = listener;
  }

  /**
   * Binds the configured address and starts serving.
   *
   * @throws IllegalStateException if the address cannot be bound
   */
  public static PgServer start(PgServerConfig config, QueryEngine engine) {
    ServerState state = new ServerState(config, engine);
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    try {
      ServerBootstrap b =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.SO_KEEPALIVE, true)
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast("frames", new FrameDecoder(config.maxMessageBytes()))
                          .addLast("connection", new ConnectionHandler(state));
                    }
                  });
      Channel listener = b.bind(config.host(), config.port()).syncUninterruptibly().channel();
      PgServer server = new PgServer(state, boss, workers, listener);
      LOG.info("PostgreSQL protocol listening on {}", listener.localAddress());
      return server;
    } catch (RuntimeException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return address().getPort();
  }

  /** Connections past startup. */
  public int sessionCount() {
    return state.sessionCount();
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    for (Connection c : state.connections()) {
      c.close();
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
