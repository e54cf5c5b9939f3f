package dev.patina.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * Netty's canonical echo server on a native transport: write each read buffer back, flush when the
 * read batch ends. One event loop per core, Netty's usual sizing for a server.
 */
final class NettyEchoServer implements EchoServer {
  enum Transport {
    EPOLL,
    IO_URING
  }

  private final Transport transport;
  private EventLoopGroup group;
  private Channel server;

  NettyEchoServer(Transport transport) {
    this.transport = transport;
  }

  @Override
  public int start(int port) throws Exception {
    IoHandlerFactory factory;
    Class<? extends ServerChannel> channel;
    if (transport == Transport.EPOLL) {
      Epoll.ensureAvailability();
      factory = EpollIoHandler.newFactory();
      channel = EpollServerSocketChannel.class;
    } else {
      IoUring.ensureAvailability();
      factory = IoUringIoHandler.newFactory();
      channel = IoUringServerSocketChannel.class;
    }
    group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), factory);
    server =
        new ServerBootstrap()
            .group(group)
            .channel(channel)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(Echo.INSTANCE);
                  }
                })
            .bind("127.0.0.1", port)
            .sync()
            .channel();
    return ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  @ChannelHandler.Sharable
  private static final class Echo extends ChannelInboundHandlerAdapter {
    static final Echo INSTANCE = new Echo();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @Override
  public void stop() throws Exception {
    server.close().sync();
    group.shutdownGracefully().sync();
  }
}
