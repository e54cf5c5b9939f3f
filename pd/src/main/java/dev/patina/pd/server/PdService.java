package dev.patina.pd.server;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.PdException;
import dev.patina.pd.StorageException;
import dev.patina.pd.meta.Cluster;
import dev.patina.pd.meta.ClusterIdentity;
import dev.patina.pd.meta.GcSafePoints;
import dev.patina.pd.meta.IdAllocator;
import dev.patina.pd.meta.RegionInfo;
import dev.patina.pd.meta.StoreInfo;
import dev.patina.pd.schedule.ReplicaChecker;
import dev.patina.pd.tso.Timestamp;
import dev.patina.pd.tso.TimestampOracle;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pdpb.PD} gRPC service. Errors are answered as PD answers them: a response header
 * carrying an error type and message for refused requests, gRPC status FAILED_PRECONDITION for a
 * wrong cluster id; RPCs not listed here answer UNIMPLEMENTED.
 */
public final class PdService extends PDGrpc.PDImplBase {
  private static final Logger log = LoggerFactory.getLogger(PdService.class);

  private final Headers headers;
  private final Supplier<String> clientUrl;
  private final String name;
  private final long memberId;
  private final String version;
  private final TimestampOracle tso;
  private final IdAllocator ids;
  private final Cluster cluster;
  private final ReplicaChecker replicas;
  private final GcSafePoints gc;
  private final PdMetrics metrics;
  private final LongSupplier clockSeconds;

  public PdService(
      ClusterIdentity identity,
      String name,
      Supplier<String> clientUrl,
      String version,
      TimestampOracle tso,
      IdAllocator ids,
      Cluster cluster,
      GcSafePoints gc,
      PdMetrics metrics,
      LongSupplier clockSeconds) {
    this.headers = new Headers(identity.clusterId());
    this.clientUrl = clientUrl;
    this.name = name;
    this.memberId = identity.memberId();
    this.version = version;
    this.tso = tso;
    this.ids = ids;
    this.cluster = cluster;
    this.replicas = new ReplicaChecker(ids, System::currentTimeMillis);
    this.gc = gc;
    this.metrics = metrics;
    this.clockSeconds = clockSeconds;
  }

  /**
   * Runs one unary request: checks the cluster id, answers the body's response, or the error
   * response built from a header when PD refuses the request.
   */
  private <R> void unary(
      Pdpb.RequestHeader header,
      StreamObserver<R> out,
      Function<Pdpb.ResponseHeader, R> refused,
      Supplier<R> body) {
    R response;
    try {
      if (header != null) {
        headers.check(header);
      }
      response = body.get();
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    } catch (PdException e) {
      if (e instanceof StorageException) {
        log.error("storage failure: {}", e.getMessage(), e);
      }
      response = refused.apply(headers.error(e.type(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("internal error", e);
      out.onError(Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }

  // ---- members, TSO, ids -------------------------------------------------------------------

  @Override
  public void getMembers(
      Pdpb.GetMembersRequest request, StreamObserver<Pdpb.GetMembersResponse> out) {
    // PD answers GetMembers whatever cluster id the request carries: clients learn it here.
    unary(
        null,
        out,
        h -> Pdpb.GetMembersResponse.newBuilder().setHeader(h).build(),
        () -> {
          Pdpb.Member member = member();
          return Pdpb.GetMembersResponse.newBuilder()
              .setHeader(headers.ok())
              .addMembers(member)
              .setLeader(member)
              .setEtcdLeader(member)
              .build();
        });
  }

  @Override
  public StreamObserver<Pdpb.TsoRequest> tso(StreamObserver<Pdpb.TsoResponse> out) {
    return new StreamObserver<>() {
      private boolean done;

      @Override
      public void onNext(Pdpb.TsoRequest request) {
        if (done) {
          return;
        }
        try {
          headers.check(request.getHeader());
          String dc = request.getDcLocation();
          if (!dc.isEmpty() && !dc.equals("global")) {
            throw PdException.invalid(
                "the allocator of dc-location " + dc + " does not exist (only global TSO)");
          }
          Timestamp last = tso.next(request.getCount());
          metrics.tsoRequests.inc();
          metrics.tsoTimestamps.inc(request.getCount());
          out.onNext(
              Pdpb.TsoResponse.newBuilder()
                  .setHeader(headers.ok())
                  .setCount(request.getCount())
                  .setTimestamp(
                      Pdpb.Timestamp.newBuilder()
                          .setPhysical(last.physical())
                          .setLogical(last.logical()))
                  .build());
        } catch (StatusRuntimeException e) {
          fail(e);
        } catch (StorageException e) {
          log.error("TSO: cannot persist the time window: {}", e.getMessage(), e);
          fail(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        } catch (PdException e) {
          fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
          log.error("TSO: internal error", e);
          fail(Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
        }
      }

      private void fail(StatusRuntimeException e) {
        done = true;
        out.onError(e);
      }

      @Override
      public void onError(Throwable t) {
        done = true;
      }

      @Override
      public void onCompleted() {
        if (!done) {
          done = true;
          out.onCompleted();
        }
      }
    };
  }

  @Override
  public void allocID(Pdpb.AllocIDRequest request, StreamObserver<Pdpb.AllocIDResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.AllocIDResponse.newBuilder().setHeader(h).build(),
        () -> Pdpb.AllocIDResponse.newBuilder().setHeader(headers.ok()).setId(ids.alloc()).build());
  }

  // ---- bootstrap and cluster config --------------------------------------------------------

  @Override
  public void isBootstrapped(
      Pdpb.IsBootstrappedRequest request, StreamObserver<Pdpb.IsBootstrappedResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.IsBootstrappedResponse.newBuilder().setHeader(h).build(),
        () ->
            Pdpb.IsBootstrappedResponse.newBuilder()
                .setHeader(headers.ok())
                .setBootstrapped(cluster.isBootstrapped())
                .build());
  }

  @Override
  public void bootstrap(Pdpb.BootstrapRequest request, StreamObserver<Pdpb.BootstrapResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.BootstrapResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.bootstrap(
              request.hasStore() ? request.getStore() : null,
              request.hasRegion() ? request.getRegion() : null);
          return Pdpb.BootstrapResponse.newBuilder().setHeader(headers.ok()).build();
        });
  }

  @Override
  public void getClusterConfig(
      Pdpb.GetClusterConfigRequest request, StreamObserver<Pdpb.GetClusterConfigResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetClusterConfigResponse.newBuilder().setHeader(h).build(),
        () ->
            Pdpb.GetClusterConfigResponse.newBuilder()
                .setHeader(headers.ok())
                .setCluster(cluster.config())
                .build());
  }

  @Override
  public void putClusterConfig(
      Pdpb.PutClusterConfigRequest request, StreamObserver<Pdpb.PutClusterConfigResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.PutClusterConfigResponse.newBuilder().setHeader(h).build(),
        () -> {
          if (!request.hasCluster()) {
            throw PdException.invalid("missing cluster config");
          }
          cluster.putConfig(request.getCluster());
          return Pdpb.PutClusterConfigResponse.newBuilder().setHeader(headers.ok()).build();
        });
  }

  // ---- stores ------------------------------------------------------------------------------

  @Override
  public void putStore(Pdpb.PutStoreRequest request, StreamObserver<Pdpb.PutStoreResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.PutStoreResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          if (!request.hasStore()) {
            throw PdException.invalid("invalid put store: missing store");
          }
          cluster.putStore(request.getStore());
          return Pdpb.PutStoreResponse.newBuilder().setHeader(headers.ok()).build();
        });
  }

  @Override
  public void getStore(Pdpb.GetStoreRequest request, StreamObserver<Pdpb.GetStoreResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetStoreResponse.newBuilder().setHeader(h).build(),
        () -> {
          StoreInfo s = cluster.store(request.getStoreId());
          Pdpb.GetStoreResponse.Builder b =
              Pdpb.GetStoreResponse.newBuilder()
                  .setHeader(headers.ok())
                  .setStore(s.metaForClients());
          if (s.stats() != null) {
            b.setStats(s.stats());
          }
          return b.build();
        });
  }

  @Override
  public void getAllStores(
      Pdpb.GetAllStoresRequest request, StreamObserver<Pdpb.GetAllStoresResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetAllStoresResponse.newBuilder().setHeader(h).build(),
        () -> {
          Pdpb.GetAllStoresResponse.Builder b =
              Pdpb.GetAllStoresResponse.newBuilder().setHeader(headers.ok());
          for (StoreInfo s : cluster.stores(request.getExcludeTombstoneStores())) {
            b.addStores(s.metaForClients());
          }
          return b.build();
        });
  }

  @Override
  public void storeHeartbeat(
      Pdpb.StoreHeartbeatRequest request, StreamObserver<Pdpb.StoreHeartbeatResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.StoreHeartbeatResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          if (!request.hasStats()) {
            throw PdException.invalid("invalid store heartbeat command: missing stats");
          }
          cluster.storeHeartbeat(request.getStats());
          return Pdpb.StoreHeartbeatResponse.newBuilder().setHeader(headers.ok()).build();
        });
  }

  // ---- regions -----------------------------------------------------------------------------

  @Override
  public StreamObserver<Pdpb.RegionHeartbeatRequest> regionHeartbeat(
      StreamObserver<Pdpb.RegionHeartbeatResponse> out) {
    return new StreamObserver<>() {
      private boolean done;

      @Override
      public void onNext(Pdpb.RegionHeartbeatRequest request) {
        if (done) {
          return;
        }
        try {
          headers.check(request.getHeader());
          if (!request.hasRegion()) {
            throw PdException.invalid("invalid request region: missing");
          }
          RegionInfo region =
              new RegionInfo(
                  request.getRegion(),
                  request.hasLeader() ? request.getLeader() : null,
                  request.getDownPeersList(),
                  request.getPendingPeersList(),
                  request.getApproximateSize(),
                  request.getApproximateKeys(),
                  request.getTerm());
          cluster.regionHeartbeat(region);
          metrics.regionHeartbeats.labelValues("ok").inc();
          // As PD: an order for the region goes back on the stream to its leader.
          replicas
              .check(region, cluster.stores(true), cluster.config().getMaxPeerCount())
              .ifPresent(
                  change ->
                      out.onNext(
                          Pdpb.RegionHeartbeatResponse.newBuilder()
                              .setHeader(headers.ok())
                              .setRegionId(region.id())
                              .setRegionEpoch(request.getRegion().getRegionEpoch())
                              .setTargetPeer(request.getLeader())
                              .setChangePeer(change)
                              .build()));
        } catch (StatusRuntimeException e) {
          done = true;
          out.onError(e);
        } catch (PdException e) {
          // As PD: the refusal goes back on the stream, which stays open.
          metrics.regionHeartbeats.labelValues("refused").inc();
          if (e instanceof StorageException) {
            log.error("region heartbeat: {}", e.getMessage(), e);
          } else {
            log.debug("region heartbeat refused: {}", e.getMessage());
          }
          out.onNext(
              Pdpb.RegionHeartbeatResponse.newBuilder()
                  .setHeader(headers.error(e.type(), e.getMessage()))
                  .setRegionId(request.getRegion().getId())
                  .setRegionEpoch(request.getRegion().getRegionEpoch())
                  .build());
        } catch (RuntimeException e) {
          log.error("region heartbeat: internal error", e);
          done = true;
          out.onError(Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
        }
      }

      @Override
      public void onError(Throwable t) {
        done = true;
      }

      @Override
      public void onCompleted() {
        if (!done) {
          done = true;
          out.onCompleted();
        }
      }
    };
  }

  private Pdpb.GetRegionResponse regionResponse(RegionInfo r) {
    Pdpb.GetRegionResponse.Builder b = Pdpb.GetRegionResponse.newBuilder().setHeader(headers.ok());
    if (r != null) {
      b.setRegion(r.meta()).addAllDownPeers(r.downPeers()).addAllPendingPeers(r.pendingPeers());
      if (r.hasLeader()) {
        b.setLeader(r.leader());
      }
    }
    return b.build();
  }

  @Override
  public void getRegion(Pdpb.GetRegionRequest request, StreamObserver<Pdpb.GetRegionResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetRegionResponse.newBuilder().setHeader(h).build(),
        () -> regionResponse(cluster.regionByKey(request.getRegionKey())));
  }

  @Override
  public void getPrevRegion(
      Pdpb.GetRegionRequest request, StreamObserver<Pdpb.GetRegionResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetRegionResponse.newBuilder().setHeader(h).build(),
        () -> regionResponse(cluster.prevRegion(request.getRegionKey())));
  }

  @Override
  public void getRegionByID(
      Pdpb.GetRegionByIDRequest request, StreamObserver<Pdpb.GetRegionResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetRegionResponse.newBuilder().setHeader(h).build(),
        () -> regionResponse(cluster.regionById(request.getRegionId())));
  }

  @Override
  public void scanRegions(
      Pdpb.ScanRegionsRequest request, StreamObserver<Pdpb.ScanRegionsResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.ScanRegionsResponse.newBuilder().setHeader(h).build(),
        () -> {
          List<RegionInfo> found =
              cluster.scanRegions(request.getStartKey(), request.getEndKey(), request.getLimit());
          Pdpb.ScanRegionsResponse.Builder b =
              Pdpb.ScanRegionsResponse.newBuilder().setHeader(headers.ok());
          for (RegionInfo r : found) {
            b.addRegionMetas(r.meta()).addLeaders(r.leader()).addRegions(r.toProto());
          }
          return b.build();
        });
  }

  // ---- splits ------------------------------------------------------------------------------

  @Override
  public void askBatchSplit(
      Pdpb.AskBatchSplitRequest request, StreamObserver<Pdpb.AskBatchSplitResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.AskBatchSplitResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          List<Pdpb.SplitID> split =
              cluster.askBatchSplit(
                  request.hasRegion() ? request.getRegion() : null, request.getSplitCount());
          return Pdpb.AskBatchSplitResponse.newBuilder()
              .setHeader(headers.ok())
              .addAllIds(split)
              .build();
        });
  }

  @Override
  public void reportBatchSplit(
      Pdpb.ReportBatchSplitRequest request, StreamObserver<Pdpb.ReportBatchSplitResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.ReportBatchSplitResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          cluster.reportBatchSplit(request.getRegionsList());
          return Pdpb.ReportBatchSplitResponse.newBuilder().setHeader(headers.ok()).build();
        });
  }

  @Override
  @SuppressWarnings("deprecation")
  public void askSplit(Pdpb.AskSplitRequest request, StreamObserver<Pdpb.AskSplitResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.AskSplitResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          Pdpb.SplitID id =
              cluster.askBatchSplit(request.hasRegion() ? request.getRegion() : null, 1).getFirst();
          return Pdpb.AskSplitResponse.newBuilder()
              .setHeader(headers.ok())
              .setNewRegionId(id.getNewRegionId())
              .addAllNewPeerIds(id.getNewPeerIdsList())
              .build();
        });
  }

  @Override
  @SuppressWarnings("deprecation")
  public void reportSplit(
      Pdpb.ReportSplitRequest request, StreamObserver<Pdpb.ReportSplitResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.ReportSplitResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          if (!request.hasLeft() || !request.hasRight()) {
            throw PdException.invalid("invalid split region: left and right must both be set");
          }
          cluster.reportBatchSplit(List.of(request.getLeft(), request.getRight()));
          return Pdpb.ReportSplitResponse.newBuilder().setHeader(headers.ok()).build();
        });
  }

  // ---- scheduling (nothing to schedule yet) ------------------------------------------------

  /**
   * ScatterRegion: with one replica per region there is nowhere to move it, so scattering is done
   * as soon as asked (clients call it after SplitRegion).
   */
  @Override
  public void scatterRegion(
      Pdpb.ScatterRegionRequest request, StreamObserver<Pdpb.ScatterRegionResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.ScatterRegionResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          return Pdpb.ScatterRegionResponse.newBuilder()
              .setHeader(headers.ok())
              .setFinishedPercentage(100)
              .build();
        });
  }

  /** GetOperator: no region has a running operator; answered as PD answers then. */
  @Override
  public void getOperator(
      Pdpb.GetOperatorRequest request, StreamObserver<Pdpb.GetOperatorResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetOperatorResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          return Pdpb.GetOperatorResponse.newBuilder()
              .setHeader(headers.error(Pdpb.ErrorType.REGION_NOT_FOUND, "Not Found"))
              .setRegionId(request.getRegionId())
              .build();
        });
  }

  // ---- GC safe points ----------------------------------------------------------------------

  @Override
  public void getGCSafePoint(
      Pdpb.GetGCSafePointRequest request, StreamObserver<Pdpb.GetGCSafePointResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.GetGCSafePointResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          return Pdpb.GetGCSafePointResponse.newBuilder()
              .setHeader(headers.ok())
              .setSafePoint(gc.gcSafePoint())
              .build();
        });
  }

  @Override
  public void updateGCSafePoint(
      Pdpb.UpdateGCSafePointRequest request, StreamObserver<Pdpb.UpdateGCSafePointResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.UpdateGCSafePointResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          long now = gc.updateGcSafePoint(request.getSafePoint());
          return Pdpb.UpdateGCSafePointResponse.newBuilder()
              .setHeader(headers.ok())
              .setNewSafePoint(now)
              .build();
        });
  }

  @Override
  public void updateServiceGCSafePoint(
      Pdpb.UpdateServiceGCSafePointRequest request,
      StreamObserver<Pdpb.UpdateServiceGCSafePointResponse> out) {
    unary(
        request.getHeader(),
        out,
        h -> Pdpb.UpdateServiceGCSafePointResponse.newBuilder().setHeader(h).build(),
        () -> {
          cluster.requireBootstrapped();
          GcSafePoints.ServiceSafePoint min =
              gc.updateServiceSafePoint(
                  request.getServiceId().toString(StandardCharsets.UTF_8),
                  request.getTTL(),
                  request.getSafePoint());
          long now = clockSeconds.getAsLong();
          return Pdpb.UpdateServiceGCSafePointResponse.newBuilder()
              .setHeader(headers.ok())
              .setServiceId(ByteString.copyFromUtf8(min.serviceId()))
              .setTTL(min.expiredAt() - now)
              .setMinSafePoint(min.safePoint())
              .build();
        });
  }

  /** The member that GetMembers answers with (client_urls like {@code http://host:port}). */
  private Pdpb.Member member() {
    String url = clientUrl.get();
    if (url == null) {
      throw Status.UNAVAILABLE.withDescription("PD is starting").asRuntimeException();
    }
    return Pdpb.Member.newBuilder()
        .setName(name)
        .setMemberId(memberId)
        .addPeerUrls(url)
        .addClientUrls(url)
        .setBinaryVersion(version)
        .build();
  }
}
