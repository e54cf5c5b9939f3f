package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.EngineSnapshot;
import dev.patina.kv.proto.Kvrpcpb;
import dev.patina.kv.proto.TikvGrpc;
import dev.patina.kv.region.Peer;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionMeta;
import dev.patina.pd.HostPort;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiSession;
import org.tikv.raw.RawKVClient;

/**
 * Three replicated stores and one PD (max-replicas 3) in this JVM, driven by the official client:
 * PD has the first store's leader add peers on the other two (ChangePeer on the heartbeat stream),
 * writes are replicated through Raft to every store's engine, followers answer every request with
 * NotLeader naming the leader, and when the leader's store stops, the others elect a new leader,
 * the client carries on, and the stopped store catches up after it restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationTest {
  @TempDir static Path dir;
  static PdServer pd;
  static final KvServer[] stores = new KvServer[3];
  static TiSession session;
  static RawKVClient raw;
  static final List<String> acknowledged = new ArrayList<>();

  static KvConfig config(int i, int port, int raftPort) {
    return KvConfig.ephemeral(dir.resolve("kv" + i), "127.0.0.1:" + pd.port()).toBuilder()
        .addr(new HostPort("127.0.0.1", port))
        .raftAddr(new HostPort("127.0.0.1", raftPort))
        .syncWrite(false)
        .statusAddr(null)
        .pdHeartbeatTick(Duration.ofMillis(500))
        .storeHeartbeatTick(Duration.ofMillis(500))
        .workerThreads(8)
        .build();
  }

  @BeforeAll
  static void start() throws Exception {
    pd = PdServer.start(PdConfig.ephemeral(dir.resolve("pd")));
    for (int i = 0; i < 3; i++) {
      stores[i] = KvServer.start(config(i, 0, 0));
    }
    // PD adds a peer per heartbeat round: wait until every store holds region 1 with 3 peers.
    await(
        "region 1 replicated on 3 stores",
        Duration.ofSeconds(60),
        () -> {
          for (KvServer s : stores) {
            if (s.regions().size() != 1 || s.regions().all().get(0).meta().peers().size() != 3) {
              return false;
            }
          }
          return true;
        });
    session = TiSession.create(RaftFailoverTest.client("127.0.0.1:" + pd.port()));
    raw = session.createRawClient();
  }

  @AfterAll
  static void stop() throws Exception {
    if (session != null) {
      session.close();
    }
    for (KvServer s : stores) {
      if (s != null) {
        s.close();
      }
    }
    if (pd != null) {
      pd.close();
    }
  }

  static void await(String what, Duration timeout, BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  static org.tikv.shade.com.google.protobuf.ByteString bs(String s) {
    return org.tikv.shade.com.google.protobuf.ByteString.copyFromUtf8(s);
  }

  static Region region(KvServer s) {
    return s.regions().all().get(0);
  }

  /** The store whose peer leads region 1 (waiting for an election if there is none). */
  static int leader() throws Exception {
    int[] found = {-1};
    await(
        "a leader of region 1",
        Duration.ofSeconds(30),
        () -> {
          for (int i = 0; i < 3; i++) {
            if (stores[i] != null && stores[i].raft().isLeader(region(stores[i]).id())) {
              found[0] = i;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  static byte[] engineValue(KvServer s, String key) {
    try (EngineSnapshot snap = s.storage().engine().snapshot()) {
      return snap.get(Cf.DEFAULT, key.getBytes(StandardCharsets.UTF_8));
    }
  }

  static void put(String key) {
    raw.put(bs(key), bs("v-" + key));
    acknowledged.add(key);
  }

  @Test
  @Order(1)
  void writesReachEveryStoresEngine() throws Exception {
    for (int i = 0; i < 50; i++) {
      put("rep/" + i);
    }
    for (String k : acknowledged) {
      assertEquals(Optional.of(bs("v-" + k)), raw.get(bs(k)));
    }
    // A write is acknowledged once a majority has it; the third store follows shortly.
    for (KvServer s : stores) {
      await(
          "store " + s.storeId() + " applying every write",
          Duration.ofSeconds(20),
          () -> acknowledged.stream().allMatch(k -> engineValue(s, k) != null));
      for (String k : acknowledged) {
        assertArrayEquals(
            ("v-" + k).getBytes(StandardCharsets.UTF_8), engineValue(s, k), "store " + s.storeId());
      }
    }
  }

  @Test
  @Order(2)
  void followersAnswerNotLeaderWithTheLeader() throws Exception {
    int l = leader();
    RegionMeta meta = region(stores[l]).meta();
    Peer leaderPeer = meta.peerOn(stores[l].storeId());
    int followers = 0;
    for (int i = 0; i < 3; i++) {
      if (i == l) {
        continue;
      }
      followers++;
      KvServer f = stores[i];
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", f.port()).usePlaintext().build();
      try {
        TikvGrpc.TikvBlockingStub stub =
            TikvGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS);
        Kvrpcpb.Context ctx =
            Kvrpcpb.Context.newBuilder()
                .setRegionId(meta.id())
                .setRegionEpoch(region(f).meta().epoch().toProto())
                .setPeer(region(f).meta().peerOn(f.storeId()).toProto())
                .build();
        Kvrpcpb.RawGetResponse get =
            stub.rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(ctx)
                    .setKey(ByteString.copyFromUtf8("rep/1"))
                    .build());
        assertTrue(get.hasRegionError(), "a follower must not serve reads: " + get);
        assertTrue(get.getRegionError().hasNotLeader(), get.getRegionError().toString());
        assertEquals(meta.id(), get.getRegionError().getNotLeader().getRegionId());
        assertEquals(leaderPeer.toProto(), get.getRegionError().getNotLeader().getLeader());
        Kvrpcpb.RawPutResponse putResp =
            stub.rawPut(
                Kvrpcpb.RawPutRequest.newBuilder()
                    .setContext(ctx)
                    .setKey(ByteString.copyFromUtf8("rep/follower"))
                    .setValue(ByteString.copyFromUtf8("x"))
                    .build());
        assertTrue(putResp.getRegionError().hasNotLeader(), putResp.toString());
        assertEquals(null, engineValue(f, "rep/follower"));
      } finally {
        ch.shutdownNow();
      }
    }
    assertEquals(2, followers);
    // PD learned the leader from its heartbeats: the client's route.
    assertEquals(
        leaderPeer.toProto().getId(),
        session.getRegionManager().getRegionByKey(bs("rep/1")).getLeader().getId());
  }

  @Test
  @Order(3)
  void leaderStopsNewLeaderServesAndTheOldOneCatchesUp() throws Exception {
    int l = leader();
    int port = stores[l].port();
    int raftPort = stores[l].raft().port(); // peers know a store by its Raft address: keep it
    stores[l].close();
    stores[l] = null;
    // The client meets the dead store, refreshes its route and goes on with the new leader.
    for (int i = 0; i < 30; i++) {
      put("after/" + i);
    }
    int next = leader();
    assertTrue(next != l);
    for (String k : acknowledged) {
      assertEquals(Optional.of(bs("v-" + k)), raw.get(bs(k)), k);
    }
    // The old leader comes back as a follower and catches up from the log.
    stores[l] = KvServer.start(config(l, port, raftPort));
    KvServer back = stores[l];
    assertNotNull(back.raft());
    await(
        "the restarted store catching up",
        Duration.ofSeconds(30),
        () -> acknowledged.stream().allMatch(k -> engineValue(back, k) != null));
  }
}
