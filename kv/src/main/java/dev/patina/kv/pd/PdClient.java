package dev.patina.kv.pd;

import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's client of PD (TiKV's {@code pd_client}): a plain grpc-java client on the generated
 * {@code pdpb.PD} stubs. It finds the PD leader with GetMembers, stamps every request with the
 * cluster id, turns refusals into {@link PdException}s, and survives PD restarts: a failed call
 * makes the next one reconnect at once (instead of waiting out gRPC's reconnect backoff). Region
 * heartbeats go over one long-lived stream that is reopened when it breaks. Thread-safe.
 */
public final class PdClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PdClient.class);

  private final List<String> endpoints;
  private final Duration timeout;
  private final Object lock = new Object();
  private ManagedChannel channel;
  private String leaderUrl;
  private volatile long clusterId;
  private volatile boolean closed;

  private StreamObserver<Pdpb.RegionHeartbeatRequest> heartbeats;
  // PD's orders on the heartbeat stream (ChangePeer ...), handed to the store's Raft layer.
  private volatile Consumer<Pdpb.RegionHeartbeatResponse> orders = r -> {};

  private PdClient(List<String> endpoints, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.timeout = timeout;
  }

  /**
   * Connects to PD: retries GetMembers over {@code endpoints} ({@code host:port} or {@code
   * http://host:port}) until one answers or {@code waitFor} has passed.
   *
   * @throws PdException when no PD answered in time
   */
  public static PdClient connect(List<String> endpoints, Duration timeout, Duration waitFor) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no PD endpoint given");
    }
    PdClient c = new PdClient(endpoints, timeout);
    long deadline = System.nanoTime() + waitFor.toNanos();
    long lastLog = 0;
    while (true) {
      try {
        c.discover();
        return c;
      } catch (PdException e) {
        if (System.nanoTime() > deadline) {
          c.close();
          throw PdException.unavailable(
              "cannot reach PD at " + String.join(",", endpoints) + ": " + e.getMessage(), e);
        }
        if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(5)) {
          log.warn("waiting for PD at {}: {}", String.join(",", endpoints), e.getMessage());
          lastLog = System.nanoTime();
        }
        sleep(300);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PdException.unavailable("interrupted", e);
    }
  }

  /** {@code host:port} of an endpoint or URL. */
  static String target(String endpoint) {
    String s = endpoint.strip();
    if (s.contains("://")) {
      URI u = URI.create(s);
      return u.getHost() + ":" + u.getPort();
    }
    return s;
  }

  private static ManagedChannel open(String target) {
    return NettyChannelBuilder.forTarget(target)
        .usePlaintext()
        .keepAliveTime(10, TimeUnit.SECONDS)
        .keepAliveTimeout(3, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .maxInboundMessageSize(64 << 20)
        .build();
  }

  /** GetMembers on each endpoint until one answers; connects to its leader. */
  private void discover() {
    List<String> candidates = new ArrayList<>();
    synchronized (lock) {
      if (leaderUrl != null) {
        candidates.add(leaderUrl);
      }
    }
    for (String e : endpoints) {
      if (!candidates.contains(target(e))) {
        candidates.add(target(e));
      }
    }
    PdException last = null;
    for (String t : candidates) {
      ManagedChannel ch = open(t);
      boolean keep = false;
      try {
        Pdpb.GetMembersResponse r =
            PDGrpc.newBlockingStub(ch)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .getMembers(Pdpb.GetMembersRequest.getDefaultInstance());
        if (r.getHeader().hasError()) {
          throw PdException.refused(r.getHeader().getError());
        }
        long id = r.getHeader().getClusterId();
        if (clusterId != 0 && id != clusterId) {
          throw new PdException(
              Pdpb.ErrorType.UNKNOWN,
              "PD at "
                  + t
                  + " belongs to cluster "
                  + Long.toUnsignedString(id)
                  + ", not "
                  + Long.toUnsignedString(clusterId),
              false,
              null);
        }
        String leader = t;
        if (r.hasLeader() && r.getLeader().getClientUrlsCount() > 0) {
          leader = target(r.getLeader().getClientUrls(0));
        }
        synchronized (lock) {
          clusterId = id;
          if (channel != null && leader.equals(leaderUrl)) {
            channel.resetConnectBackoff();
          } else {
            ManagedChannel old = channel;
            if (leader.equals(t)) {
              channel = ch;
              keep = true;
            } else {
              channel = open(leader);
            }
            leaderUrl = leader;
            closeHeartbeatStream();
            if (old != null) {
              old.shutdownNow();
            }
          }
        }
        return;
      } catch (StatusRuntimeException e) {
        last = PdException.unavailable(t + ": " + e.getStatus(), e);
      } catch (PdException e) {
        last = e;
      } finally {
        if (!keep) {
          ch.shutdownNow();
        }
      }
    }
    throw last;
  }

  public long clusterId() {
    return clusterId;
  }

  /** The request header: this cluster's id. */
  public Pdpb.RequestHeader header() {
    return Pdpb.RequestHeader.newBuilder().setClusterId(clusterId).build();
  }

  private PDGrpc.PDBlockingStub stub() {
    ManagedChannel ch;
    synchronized (lock) {
      if (closed) {
        throw PdException.unavailable("PD client is closed", null);
      }
      ch = channel;
    }
    return PDGrpc.newBlockingStub(ch).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One unary call: a refusal in the response header becomes a {@link PdException}; a transport
   * failure too, after which the next call rediscovers PD and reconnects at once.
   */
  private <R> R call(
      Function<PDGrpc.PDBlockingStub, R> rpc, Function<R, Pdpb.ResponseHeader> header) {
    R r;
    try {
      r = rpc.apply(stub());
    } catch (StatusRuntimeException e) {
      reconnectSoon();
      throw PdException.unavailable("PD: " + e.getStatus(), e);
    }
    Pdpb.ResponseHeader h = header.apply(r);
    if (h.hasError() && h.getError().getType() != Pdpb.ErrorType.OK) {
      throw PdException.refused(h.getError());
    }
    return r;
  }

  private void reconnectSoon() {
    if (closed) {
      return;
    }
    try {
      discover();
    } catch (PdException e) {
      synchronized (lock) {
        if (channel != null) {
          channel.resetConnectBackoff();
        }
      }
    }
  }

  // ---- ids and bootstrap -------------------------------------------------------------------

  public long allocId() {
    return call(
            s -> s.allocID(Pdpb.AllocIDRequest.newBuilder().setHeader(header()).build()),
            Pdpb.AllocIDResponse::getHeader)
        .getId();
  }

  public boolean isBootstrapped() {
    return call(
            s ->
                s.isBootstrapped(
                    Pdpb.IsBootstrappedRequest.newBuilder().setHeader(header()).build()),
            Pdpb.IsBootstrappedResponse::getHeader)
        .getBootstrapped();
  }

  /** Bootstraps the cluster with this store and its first region. */
  public void bootstrap(Metapb.Store store, Metapb.Region region) {
    call(
        s ->
            s.bootstrap(
                Pdpb.BootstrapRequest.newBuilder()
                    .setHeader(header())
                    .setStore(store)
                    .setRegion(region)
                    .build()),
        Pdpb.BootstrapResponse::getHeader);
  }

  public void putStore(Metapb.Store store) {
    call(
        s ->
            s.putStore(
                Pdpb.PutStoreRequest.newBuilder().setHeader(header()).setStore(store).build()),
        Pdpb.PutStoreResponse::getHeader);
  }

  /** The store PD knows under {@code id} (its addresses), or null. */
  public Metapb.Store store(long id) {
    Pdpb.GetStoreResponse r =
        call(
            s ->
                s.getStore(
                    Pdpb.GetStoreRequest.newBuilder().setHeader(header()).setStoreId(id).build()),
            Pdpb.GetStoreResponse::getHeader);
    return r.hasStore() ? r.getStore() : null;
  }

  /**
   * Where PD's answers to region heartbeats go when they carry an order (a peer to add): PD sends
   * them on the heartbeat stream, as TiKV's PD does, not as replies to a call.
   */
  public void onHeartbeatOrders(Consumer<Pdpb.RegionHeartbeatResponse> c) {
    orders = Objects.requireNonNull(c);
  }

  /** The region PD knows under {@code id}, or null. */
  public Metapb.Region regionById(long id) {
    Pdpb.GetRegionResponse r =
        call(
            s ->
                s.getRegionByID(
                    Pdpb.GetRegionByIDRequest.newBuilder()
                        .setHeader(header())
                        .setRegionId(id)
                        .build()),
            Pdpb.GetRegionResponse::getHeader);
    return r.hasRegion() ? r.getRegion() : null;
  }

  public void storeHeartbeat(Pdpb.StoreStats stats) {
    call(
        s ->
            s.storeHeartbeat(
                Pdpb.StoreHeartbeatRequest.newBuilder()
                    .setHeader(header())
                    .setStats(stats)
                    .build()),
        Pdpb.StoreHeartbeatResponse::getHeader);
  }

  // ---- splits ------------------------------------------------------------------------------

  /** New region and peer ids for {@code count} regions split off {@code region}. */
  public List<Pdpb.SplitID> askBatchSplit(Metapb.Region region, int count) {
    List<Pdpb.SplitID> ids =
        call(
                s ->
                    s.askBatchSplit(
                        Pdpb.AskBatchSplitRequest.newBuilder()
                            .setHeader(header())
                            .setRegion(region)
                            .setSplitCount(count)
                            .build()),
                Pdpb.AskBatchSplitResponse::getHeader)
            .getIdsList();
    if (ids.size() != count) {
      throw new PdException(
          Pdpb.ErrorType.UNKNOWN,
          "PD answered " + ids.size() + " split ids, " + count + " asked",
          false,
          null);
    }
    return ids;
  }

  /** Reports the regions a split produced (in key order). */
  public void reportBatchSplit(List<Metapb.Region> regions) {
    call(
        s ->
            s.reportBatchSplit(
                Pdpb.ReportBatchSplitRequest.newBuilder()
                    .setHeader(header())
                    .addAllRegions(regions)
                    .build()),
        Pdpb.ReportBatchSplitResponse::getHeader);
  }

  // ---- GC and timestamps -------------------------------------------------------------------

  public long gcSafePoint() {
    return call(
            s ->
                s.getGCSafePoint(
                    Pdpb.GetGCSafePointRequest.newBuilder().setHeader(header()).build()),
            Pdpb.GetGCSafePointResponse::getHeader)
        .getSafePoint();
  }

  /**
   * {@code count} timestamps from PD's TSO; returns the last ({@code physical << 18 | logical}),
   * the batch being {@code last - count + 1 .. last}.
   */
  public long tso(int count) {
    ManagedChannel ch;
    synchronized (lock) {
      ch = channel;
    }
    CompletableFuture<Pdpb.TsoResponse> answer = new CompletableFuture<>();
    StreamObserver<Pdpb.TsoRequest> req =
        PDGrpc.newStub(ch)
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .tso(
                new StreamObserver<>() {
                  @Override
                  public void onNext(Pdpb.TsoResponse r) {
                    answer.complete(r);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    answer.completeExceptionally(
                        Status.UNAVAILABLE.withDescription("TSO stream ended").asException());
                  }
                });
    req.onNext(Pdpb.TsoRequest.newBuilder().setHeader(header()).setCount(count).build());
    try {
      Pdpb.TsoResponse r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r.getHeader().hasError()) {
        throw PdException.refused(r.getHeader().getError());
      }
      return r.getTimestamp().getPhysical() << 18 | r.getTimestamp().getLogical();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PdException.unavailable("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      reconnectSoon();
      throw PdException.unavailable("PD TSO: " + e.getMessage(), e);
    } finally {
      req.onCompleted();
    }
  }

  // ---- region heartbeats -------------------------------------------------------------------

  /**
   * Sends one region heartbeat on the long-lived stream (opened, or reopened after a failure, as
   * needed). PD's answers (scheduling operators, refusals) are logged; Patina's PD schedules
   * nothing yet.
   *
   * @throws PdException when the stream cannot be opened
   */
  public void regionHeartbeat(Supplier<Pdpb.RegionHeartbeatRequest.Builder> request) {
    Pdpb.RegionHeartbeatRequest r = request.get().setHeader(header()).build();
    synchronized (lock) {
      if (closed) {
        throw PdException.unavailable("PD client is closed", null);
      }
      if (heartbeats == null) {
        HeartbeatAnswers answers = new HeartbeatAnswers();
        heartbeats = PDGrpc.newStub(channel).regionHeartbeat(answers);
        answers.stream = heartbeats;
      }
      try {
        heartbeats.onNext(r);
      } catch (RuntimeException e) {
        closeHeartbeatStream();
        throw PdException.unavailable("region heartbeat: " + e.getMessage(), e);
      }
    }
  }

  /** Whether the heartbeat stream is open (a new one means PD may have restarted). */
  public boolean heartbeatStreamOpen() {
    synchronized (lock) {
      return heartbeats != null;
    }
  }

  private void closeHeartbeatStream() {
    // lock held
    if (heartbeats != null) {
      try {
        heartbeats.onCompleted();
      } catch (RuntimeException ignored) {
        // already broken
      }
      heartbeats = null;
    }
  }

  private final class HeartbeatAnswers implements StreamObserver<Pdpb.RegionHeartbeatResponse> {
    private StreamObserver<Pdpb.RegionHeartbeatRequest> stream;

    private void forget() {
      synchronized (lock) {
        if (heartbeats == stream) {
          heartbeats = null;
        }
      }
    }

    @Override
    public void onNext(Pdpb.RegionHeartbeatResponse r) {
      if (r.getHeader().hasError()) {
        log.debug(
            "PD refused a heartbeat of region {}: {}",
            r.getRegionId(),
            r.getHeader().getError().getMessage());
      } else if (r.hasChangePeer()) {
        orders.accept(r);
      }
    }

    @Override
    public void onError(Throwable t) {
      forget();
      if (!closed) {
        log.debug("region heartbeat stream broke: {}", t.toString());
      }
    }

    @Override
    public void onCompleted() {
      forget();
    }
  }

  @Override
  public void close() {
    ManagedChannel ch;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closeHeartbeatStream();
      ch = channel;
      channel = null;
    }
    if (ch != null) {
      ch.shutdownNow();
      try {
        ch.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
