package dev.patina.pd.server;

import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain grpc-java client of Patina's PD for tests (the official client has its own tests). */
public final class PdClient implements AutoCloseable {
  public final ManagedChannel channel;
  public final PDGrpc.PDBlockingStub pd;
  public final long clusterId;

  public PdClient(int port) {
    this.channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .keepAliveTime(10, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .build();
    this.pd = PDGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    this.clusterId =
        pd.getMembers(Pdpb.GetMembersRequest.getDefaultInstance()).getHeader().getClusterId();
  }

  public PDGrpc.PDBlockingStub pd() {
    return PDGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  public Pdpb.RequestHeader header() {
    return Pdpb.RequestHeader.newBuilder().setClusterId(clusterId).build();
  }

  public long allocId() {
    return pd().allocID(Pdpb.AllocIDRequest.newBuilder().setHeader(header()).build()).getId();
  }

  /** A bidirectional stream whose answers (or end) are queued. */
  public static final class Stream<Q, R> implements StreamObserver<R> {
    public final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    public StreamObserver<Q> requests;

    @Override
    public void onNext(R value) {
      answers.add(value);
    }

    @Override
    public void onError(Throwable t) {
      answers.add(t);
    }

    @Override
    public void onCompleted() {
      answers.add("completed");
    }

    public Object next() throws InterruptedException {
      Object o = answers.poll(30, TimeUnit.SECONDS);
      if (o == null) {
        throw new AssertionError("no answer within 30 s");
      }
      return o;
    }
  }

  public Stream<Pdpb.TsoRequest, Pdpb.TsoResponse> tsoStream() {
    Stream<Pdpb.TsoRequest, Pdpb.TsoResponse> s = new Stream<>();
    s.requests = PDGrpc.newStub(channel).tso(s);
    return s;
  }

  public Stream<Pdpb.RegionHeartbeatRequest, Pdpb.RegionHeartbeatResponse> heartbeatStream() {
    Stream<Pdpb.RegionHeartbeatRequest, Pdpb.RegionHeartbeatResponse> s = new Stream<>();
    s.requests = PDGrpc.newStub(channel).regionHeartbeat(s);
    return s;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }
}
