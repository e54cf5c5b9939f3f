package dev.patina.stream.pgwire.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bridges Netty's events for one socket to its {@link Connection}. */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  private final ServerState server;
  private Connection connection;

  public ConnectionHandler(ServerState server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection = new Connection(ctx.channel(), server);
    connection.start();
    Connection c = connection;
    ctx.executor()
        .schedule(
            () -> {
              if (!c.isReady()) {
                LOG.debug("authentication timeout for {}", ctx.channel().remoteAddress());
                c.close();
              }
            },
            server.config().authTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    connection.enqueue(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.onInactive();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    connection.onWritabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("connection error: {}", cause.toString());
    } else {
      LOG.warn("connection error", cause);
    }
    ctx.close();
  }
}
