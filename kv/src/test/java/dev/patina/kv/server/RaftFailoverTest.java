package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * kill -9 of the leader's store in a cluster of three replicated stores (each its own JVM) while
 * the official client writes from three threads: the other two elect a leader, the client carries
 * on, and every write it saw acknowledged reads back. (A stopped store rejoining and catching up is
 * {@link ReplicationTest}'s; here it would cost another JVM start.)
 */
class RaftFailoverTest {
  static final int WRITERS = 3;

  @TempDir Path dir;

  /** PD's view of the first region: its peers and leader (waits for a full, led region). */
  static Pdpb.GetRegionResponse region(PDGrpc.PDBlockingStub pd, long clusterId, long notStore)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Pdpb.GetRegionResponse r = null;
    while (System.nanoTime() < deadline) {
      r =
          pd.getRegion(
              Pdpb.GetRegionRequest.newBuilder()
                  .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(clusterId))
                  .setRegionKey(com.google.protobuf.ByteString.EMPTY)
                  .build());
      if (r.hasRegion()
          && r.getRegion().getPeersCount() == 3
          && r.hasLeader()
          && r.getLeader().getStoreId() != notStore) {
        return r;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("PD never reported a replicated region with a new leader: " + r);
  }

  /** The official client, with timeouts for a busy 2-core machine. */
  static TiConfiguration client(String pdAddr) {
    TiConfiguration conf = TiConfiguration.createRawDefault(pdAddr);
    conf.setTimeout(5_000);
    conf.setRawKVReadTimeoutInMS(20_000);
    conf.setRawKVWriteTimeoutInMS(20_000);
    // The client would forward requests for an unreachable leader through a follower
    // (tikv-forwarded-host); Patina's stores do not proxy, they answer NotLeader.
    conf.setEnableGrpcForward(false);
    return conf;
  }

  static NodeProcess.Node byStore(NodeProcess.Node[] nodes, long storeId) {
    for (NodeProcess.Node n : nodes) {
      if (n != null && n.storeId() == storeId) {
        return n;
      }
    }
    throw new AssertionError("no store " + storeId);
  }

  @Test
  void killingTheLeadersStoreLosesNoAcknowledgedWrite() throws Exception {
    Path log = dir.resolve("nodes.log");
    try {
      run(log);
    } catch (Exception | AssertionError e) {
      String all = java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
      throw new AssertionError(
          e.getMessage()
              + "\n--- the stores' logs (last 20000 chars) ---\n"
              + all.substring(Math.max(0, all.length() - 20000)),
          e);
    }
  }

  private void run(Path log) throws Exception {
    NodeProcess.Node[] kv = new NodeProcess.Node[3];
    try (PdServer pd = PdServer.start(PdConfig.ephemeral(dir.resolve("pd")))) {
      String pdAddr = "127.0.0.1:" + pd.port();
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", pd.port()).usePlaintext().build();
      try {
        PDGrpc.PDBlockingStub pdStub = PDGrpc.newBlockingStub(ch);
        // The three JVMs start side by side: their start-up is most of this test's time.
        List<java.util.concurrent.CompletableFuture<NodeProcess.Node>> starting =
            java.util.stream.IntStream.range(0, 3)
                .mapToObj(
                    i ->
                        java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> {
                              try {
                                return NodeProcess.launch(
                                    log,
                                    "kvraft",
                                    dir.resolve("kv" + i).toString(),
                                    pdAddr,
                                    "0",
                                    "0");
                              } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                              }
                            }))
                .toList();
        for (int i = 0; i < 3; i++) {
          // A store that failed to start leaves the others in kv[] for the finally block.
          kv[i] = starting.get(i).exceptionally(e -> null).join();
        }
        for (var f : starting) {
          f.join(); // rethrows a start failure
        }
        long leaderStore = region(pdStub, pd.clusterId(), 0).getLeader().getStoreId();

        try (TiSession session = TiSession.create(client(pdAddr))) {
          RawKVClient raw = session.createRawClient();
          ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
          AtomicInteger afterKill = new AtomicInteger();
          // When the first write after the kill was acknowledged: the failover as a client sees it.
          java.util.concurrent.atomic.AtomicLong firstAfterKill =
              new java.util.concurrent.atomic.AtomicLong();
          AtomicBoolean killed = new AtomicBoolean();
          AtomicBoolean stop = new AtomicBoolean();
          List<Thread> writers =
              java.util.stream.IntStream.range(0, WRITERS)
                  .mapToObj(
                      t ->
                          Thread.ofPlatform()
                              .start(
                                  () -> {
                                    for (int i = 0; !stop.get(); i++) {
                                      String k = "w" + t + "/" + i;
                                      try {
                                        raw.put(
                                            ByteString.copyFromUtf8(k),
                                            ByteString.copyFromUtf8("v" + k));
                                        acknowledged.add(k);
                                        if (killed.get()) {
                                          afterKill.incrementAndGet();
                                          firstAfterKill.compareAndSet(0, System.nanoTime());
                                        }
                                      } catch (RuntimeException e) {
                                        // Not acknowledged: it may or may not have been applied.
                                      }
                                    }
                                  }))
                  .toList();
          Thread.sleep(2000);
          NodeProcess.Node leader = byStore(kv, leaderStore);
          NodeProcess.kill(leader);
          killed.set(true);
          long killedAt = System.nanoTime();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
          while (afterKill.get() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
          stop.set(true);
          for (Thread w : writers) {
            w.join(30_000);
          }
          assertTrue(afterKill.get() >= 50, "writes after the kill: " + afterKill.get());
          long newLeader = region(pdStub, pd.clusterId(), leaderStore).getLeader().getStoreId();
          for (String k : acknowledged) {
            assertEquals(
                Optional.of(ByteString.copyFromUtf8("v" + k)),
                raw.get(ByteString.copyFromUtf8(k)),
                k);
          }

          System.out.println(
              "RaftFailoverTest: "
                  + acknowledged.size()
                  + " acknowledged writes, "
                  + afterKill.get()
                  + " after the kill, the first "
                  + (firstAfterKill.get() - killedAt) / 1_000_000
                  + " ms after it; leader "
                  + leaderStore
                  + " -> "
                  + newLeader);
        }
      } finally {
        ch.shutdownNow();
        for (NodeProcess.Node n : kv) {
          if (n != null && n.process().isAlive()) {
            NodeProcess.kill(n);
          }
        }
      }
    }
  }
}
