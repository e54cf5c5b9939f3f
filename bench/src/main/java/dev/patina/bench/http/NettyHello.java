package dev.patina.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Netty's side of the HTTP benchmark, written the way Netty's TechEmpower entry is: epoll
 * transport, pooled buffers, the response bodies and header values pre-encoded once ({@link
 * AsciiString}, unreleasable direct buffers duplicated per response), header validation off for
 * headers we build ourselves, writes flushed once per read batch ({@code channelReadComplete}). A
 * connection that opens with the HTTP/2 preface gets Netty's HTTP/2 frame codec instead (h2c prior
 * knowledge).
 */
public final class NettyHello {
  private static final AsciiString TEXT_TYPE = AsciiString.cached(HelloBodies.PLAINTEXT_TYPE);
  private static final AsciiString JSON_TYPE = AsciiString.cached(HelloBodies.JSON_TYPE);
  private static final ByteBuf PLAINTEXT = preEncoded(HelloBodies.PLAINTEXT);
  private static final ByteBuf JSON = preEncoded(HelloBodies.JSON);
  private static final AsciiString PLAINTEXT_LENGTH = lengthOf(HelloBodies.PLAINTEXT);
  private static final AsciiString JSON_LENGTH = lengthOf(HelloBodies.JSON);

  private NettyHello() {}

  public static void main(String[] args) throws Exception {
    int port = HelloBodies.port(args, "NettyHello");
    Epoll.ensureAvailability(); // the benchmark is about the epoll transport: no silent NIO
    int threads = Runtime.getRuntime().availableProcessors();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(EpollServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline().addLast(new ProtocolDetector());
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
      System.err.println("netty listening on http://127.0.0.1:" + port);
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }

  private static ByteBuf preEncoded(byte[] bytes) {
    return Unpooled.unreleasableBuffer(
        Unpooled.directBuffer(bytes.length).writeBytes(bytes).asReadOnly());
  }

  private static AsciiString lengthOf(byte[] bytes) {
    return AsciiString.cached(Integer.toString(bytes.length));
  }

  /** The Date header value, formatted at most once per second. */
  private static final class Date {
    private static volatile AsciiString value = AsciiString.EMPTY_STRING;
    private static volatile long second = -1;

    static AsciiString now() {
      long s = System.currentTimeMillis() / 1000;
      if (s != second) {
        value =
            new AsciiString(
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        second = s;
      }
      return value;
    }
  }

  /**
   * Looks at a connection's first bytes: the HTTP/2 client preface selects the HTTP/2 pipeline,
   * anything else HTTP/1.1. Then it removes itself (the bytes it held go on to the new codec).
   */
  private static final class ProtocolDetector extends ByteToMessageDecoder {
    private static final byte[] PREFACE =
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      int n = Math.min(in.readableBytes(), PREFACE.length);
      for (int i = 0; i < n; i++) {
        if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
          ctx.pipeline()
              .addAfter(ctx.name(), null, new Http1Handler())
              .addAfter(ctx.name(), null, new HttpServerCodec(4096, 8192, 8192, false));
          ctx.pipeline().remove(this);
          return;
        }
      }
      if (n == PREFACE.length) {
        ctx.pipeline()
            .addAfter(ctx.name(), null, new Http2Handler())
            .addAfter(ctx.name(), null, Http2FrameCodecBuilder.forServer().build());
        ctx.pipeline().remove(this);
      }
      // else: a prefix of the preface so far; wait for more bytes
    }
  }

  /** HTTP/1.1: one full response per request, flushed when the read batch ends. */
  private static final class Http1Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest req) {
          FullHttpResponse res = response(req.uri());
          if (HttpUtil.isKeepAlive(req)) {
            ctx.write(res, ctx.voidPromise());
          } else {
            ctx.write(res).addListener(ChannelFutureListener.CLOSE);
          }
        }
      } finally {
        ReferenceCountUtil.release(msg); // the request and its (empty) content parts
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private static FullHttpResponse response(String uri) {
      ByteBuf body;
      AsciiString type;
      AsciiString length;
      HttpResponseStatus status = HttpResponseStatus.OK;
      switch (uri) {
        case HelloBodies.PLAINTEXT_PATH -> {
          body = PLAINTEXT.duplicate();
          type = TEXT_TYPE;
          length = PLAINTEXT_LENGTH;
        }
        case HelloBodies.JSON_PATH -> {
          body = JSON.duplicate();
          type = JSON_TYPE;
          length = JSON_LENGTH;
        }
        default -> {
          body = Unpooled.EMPTY_BUFFER;
          type = TEXT_TYPE;
          length = AsciiString.cached("0");
          status = HttpResponseStatus.NOT_FOUND;
        }
      }
      HttpHeaders headers = new DefaultHttpHeaders(false);
      headers
          .set(HttpHeaderNames.CONTENT_TYPE, type)
          .set(HttpHeaderNames.CONTENT_LENGTH, length)
          .set(HttpHeaderNames.DATE, Date.now());
      return new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1, status, body, headers, EmptyHttpHeaders.INSTANCE);
    }
  }

  /** HTTP/2 on the frame codec: answers each request's HEADERS with HEADERS + one DATA frame. */
  private static final class Http2Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2HeadersFrame h && h.isEndStream()) {
          respond(ctx, h.stream(), String.valueOf(h.headers().path()));
        } else if (msg instanceof Http2DataFrame d && d.isEndStream()) {
          respond(ctx, d.stream(), ""); // a request with a body: no such route here
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private static void respond(ChannelHandlerContext ctx, Http2FrameStream stream, String path) {
      ByteBuf body;
      AsciiString type;
      AsciiString length;
      switch (path) {
        case HelloBodies.PLAINTEXT_PATH -> {
          body = PLAINTEXT.duplicate();
          type = TEXT_TYPE;
          length = PLAINTEXT_LENGTH;
        }
        case HelloBodies.JSON_PATH -> {
          body = JSON.duplicate();
          type = JSON_TYPE;
          length = JSON_LENGTH;
        }
        default -> {
          Http2Headers notFound = new DefaultHttp2Headers(false).status("404");
          ctx.write(new DefaultHttp2HeadersFrame(notFound, true).stream(stream));
          return;
        }
      }
      Http2Headers headers =
          new DefaultHttp2Headers(false)
              .status(HttpResponseStatus.OK.codeAsText())
              .set(HttpHeaderNames.CONTENT_TYPE, type)
              .set(HttpHeaderNames.CONTENT_LENGTH, length)
              .set(HttpHeaderNames.DATE, Date.now());
      ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
      ctx.write(new DefaultHttp2DataFrame(body, true).stream(stream));
    }
  }
}
