package dev.patina.kv.raft;

import dev.patina.kv.engine.Engine;
import dev.patina.kv.region.Peer;
import dev.patina.kv.region.RegionEpoch;
import dev.patina.kv.region.RegionError;
import dev.patina.kv.region.RegionException;
import dev.patina.kv.region.RegionMeta;
import dev.patina.pd.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's side of multi-Raft (TiKV's raftstore): one Ratis server per store, listening on the
 * store's Raft address, with one Raft group per region whose members are the region's peers. Peer
 * ids in Ratis are store ids (a store holds at most one peer of a region); a store's Raft address
 * comes from PD ({@code metapb.Store.peer_address}). Writes are proposed to the region's group and
 * return once applied here; only the leader serves requests, others answer NotLeader.
 */
public final class MultiRaft implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MultiRaft.class);

  /** High bits of every region's group id ("PATINA"), the low 64 bits are the region id. */
  private static final long GROUP_ID_HIGH = 0x5041_5449_4E41_0000L;

  /**
   * The shortest election timeout (the longest is twice it). TiKV waits 10 ticks of 1 s; Patina
   * elects faster so that a failover costs a few seconds, not tens.
   */
  public static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);

  private final long storeId;
  private final RaftServer server;
  private final RaftProperties properties;
  private final LongFunction<String> raftAddressOfStore;
  private final Duration proposeTimeout;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  private MultiRaft(
      long storeId,
      RaftServer server,
      RaftProperties properties,
      LongFunction<String> raftAddressOfStore,
      Duration proposeTimeout) {
    this.storeId = storeId;
    this.server = server;
    this.properties = properties;
    this.raftAddressOfStore = raftAddressOfStore;
    this.proposeTimeout = proposeTimeout;
  }

  /**
   * Starts the store's Raft server; groups of regions it had before a restart come back from the
   * log directory.
   *
   * @param listen the Raft transport's address (port 0: any free port)
   * @param dir where Ratis keeps the logs (one directory per group)
   * @param raftAddressOfStore a store's Raft address ({@code host:port}), or null if unknown
   */
  public static MultiRaft start(
      long storeId,
      HostPort listen,
      Path dir,
      Engine engine,
      RegionHost host,
      LongFunction<String> raftAddressOfStore,
      Duration electionTimeout)
      throws IOException {
    Files.createDirectories(dir);
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
    GrpcConfigKeys.Server.setHost(p, listen.host());
    GrpcConfigKeys.Server.setPort(p, listen.port());
    long ms = electionTimeout.toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * ms, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(
        p, TimeDuration.valueOf(Math.max(3000, 3 * ms), TimeUnit.MILLISECONDS));
    // Many small groups: do not preallocate megabytes of log per region.
    RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("64KB"));
    RaftServer server =
        RaftServer.newBuilder()
            .setServerId(peerId(storeId))
            .setProperties(p)
            .setStateMachineRegistry(gid -> new RegionStateMachine(regionIdOf(gid), engine, host))
            .build();
    server.start();
    MultiRaft m =
        new MultiRaft(
            storeId, server, p, raftAddressOfStore, Duration.ofMillis(Math.max(10_000, 10 * ms)));
    log.info("store {}: Raft on port {}, logs in {}", storeId, m.port(), dir);
    return m;
  }

  /** The port the Raft transport listens on. */
  public int port() {
    return server.getServerRpc().getInetSocketAddress().getPort();
  }

  static RaftPeerId peerId(long storeId) {
    return RaftPeerId.valueOf(Long.toString(storeId));
  }

  static RaftGroupId groupId(long regionId) {
    return RaftGroupId.valueOf(new UUID(GROUP_ID_HIGH, regionId));
  }

  static long regionIdOf(RaftGroupId gid) {
    return gid.getUuid().getLeastSignificantBits();
  }

  private RaftPeer raftPeer(long store) {
    String address = raftAddressOfStore.apply(store);
    if (address == null) {
      throw new RegionException(
          new RegionError.Other("store " + store + " has no known Raft address"));
    }
    return RaftPeer.newBuilder().setId(peerId(store)).setAddress(address).build();
  }

  private RaftGroup group(RegionMeta meta) {
    List<RaftPeer> peers = new ArrayList<>();
    for (Peer p : meta.peers()) {
      peers.add(raftPeer(p.storeId()));
    }
    return RaftGroup.valueOf(groupId(meta.id()), peers);
  }

  private RaftServer.Division division(long regionId) {
    try {
      return server.getDivision(groupId(regionId));
    } catch (GroupMismatchException e) {
      return null;
    } catch (IOException e) {
      throw new RegionException(new RegionError.Other("raft: " + e.getMessage()));
    }
  }

  /**
   * Makes sure this store runs its member of the region's group (a bootstrapped region, or one this
   * store already had: then nothing happens).
   */
  public void ensureGroup(RegionMeta meta) throws IOException {
    if (division(meta.id()) != null) {
      return;
    }
    RaftClientReply r;
    try {
      r =
          server.groupManagement(
              GroupManagementRequest.newAdd(
                  clientId, server.getId(), callIds.incrementAndGet(), group(meta)));
    } catch (AlreadyExistsException e) {
      return; // started concurrently (by the leader adding this store)
    }
    if (!r.isSuccess()) {
      throw new IOException("cannot start the Raft group of region " + meta.id() + ": " + r);
    }
  }

  /** Whether this store's peer leads the region and has applied every earlier term's entries. */
  public boolean isLeader(long regionId) {
    RaftServer.Division d = division(regionId);
    if (d == null) {
      return false;
    }
    DivisionInfo i = d.getInfo();
    return i.isLeader() && i.isLeaderReady();
  }

  /**
   * Throws NotLeader (with the leader's peer when known) unless this store's peer leads the region.
   * Ratis's leader is ready once it has applied an entry of its own term, so it serves every write
   * committed before it took over.
   */
  public void checkLeader(RegionMeta meta) {
    if (!isLeader(meta.id())) {
      throw new RegionException(new RegionError.NotLeader(meta.id(), leaderPeer(meta)));
    }
  }

  /** The current Raft term of this store's member of the region (0 when it has none). */
  public long term(long regionId) {
    RaftServer.Division d = division(regionId);
    return d == null ? 0 : d.getInfo().getCurrentTerm();
  }

  /** The region's leader as this store last heard of it, or null. */
  public Peer leaderPeer(RegionMeta meta) {
    RaftServer.Division d = division(meta.id());
    if (d == null) {
      return null;
    }
    RaftPeerId leader = d.getInfo().getLeaderId();
    if (leader == null) {
      return null;
    }
    try {
      return meta.peerOn(Long.parseLong(leader.toString()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Appends {@code command} to the region's log and waits until it is committed and applied here.
   *
   * @throws RegionException NotLeader when this peer does not lead (or lost leadership meanwhile),
   *     or Other when Raft fails or times out (the command's outcome is then unknown, as TiKV's
   *     "timeout" errors)
   */
  public void propose(RegionMeta meta, RaftCommand command) {
    RaftClientRequest req =
        RaftClientRequest.newBuilder()
            .setClientId(clientId)
            .setServerId(server.getId())
            .setGroupId(groupId(meta.id()))
            .setCallId(callIds.incrementAndGet())
            .setMessage(
                Message.valueOf(UnsafeByteOperations.unsafeWrap(RaftCommand.encode(command))))
            .setType(RaftClientRequest.writeRequestType())
            .build();
    RaftClientReply reply;
    try {
      reply =
          server
              .submitClientRequestAsync(req)
              .get(proposeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      throw failure(meta, e);
    } catch (ExecutionException e) {
      throw failure(meta, e.getCause());
    } catch (TimeoutException e) {
      throw new RegionException(
          new RegionError.Other("raft: proposal to region " + meta.id() + " timed out"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegionException(new RegionError.Other("raft: interrupted"));
    }
    if (!reply.isSuccess()) {
      throw failure(meta, reply.getException());
    }
  }

  private RegionException failure(RegionMeta meta, Throwable e) {
    if (e instanceof NotLeaderException
        || e instanceof LeaderNotReadyException
        || e instanceof LeaderSteppingDownException
        || e instanceof GroupMismatchException) {
      return new RegionException(new RegionError.NotLeader(meta.id(), leaderPeer(meta)));
    }
    return new RegionException(new RegionError.Other("raft: region " + meta.id() + ": " + e));
  }

  /**
   * Adds {@code peer} (on another store) to the region this store leads, as TiKV does for PD's
   * ChangePeer: the target store starts an empty member of the group, the leader changes the
   * group's configuration (Ratis catches the new member up first), then the new region meta (one
   * more peer, conf_ver + 1) goes through the log so every peer, the new one too, stores it.
   *
   * @return the new meta
   */
  public RegionMeta addPeer(RegionMeta meta, Peer peer) throws IOException {
    if (meta.peerOn(peer.storeId()) != null) {
      return meta;
    }
    checkLeader(meta);
    List<Peer> peers = new ArrayList<>(meta.peers());
    peers.add(peer);
    RegionEpoch e = meta.epoch();
    RegionMeta next =
        new RegionMeta(
            meta.id(),
            meta.startKey(),
            meta.endKey(),
            new RegionEpoch(e.confVer() + 1, e.version()),
            peers);
    RaftGroup newGroup = group(next);
    try (RaftClient client =
        RaftClient.newBuilder()
            .setProperties(properties)
            .setRaftGroup(newGroup)
            .setLeaderId(server.getId())
            // Not Ratis's default (retry forever): a failed order is dropped, PD repeats it.
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    10, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
            .build()) {
      RaftClientReply added;
      try {
        added = client.getGroupManagementApi(peerId(peer.storeId())).add(newGroup);
      } catch (IOException ex) {
        // Most likely an earlier attempt got this far (the group exists there); if the target
        // really lacks the group, the configuration change below fails and PD asks again.
        log.debug("region {}: group add on store {}: {}", meta.id(), peer.storeId(), ex.toString());
        added = null;
      }
      if (added != null && !added.isSuccess()) {
        throw new IOException("store " + peer.storeId() + " refused the group: " + added);
      }
      RaftClientReply conf = client.admin().setConfiguration(newGroup.getPeers().stream().toList());
      if (!conf.isSuccess()) {
        throw new IOException("configuration change refused: " + conf);
      }
    }
    propose(meta, new RaftCommand.ChangePeers(next));
    log.info("region {}: added peer {} (peers now {})", meta.id(), peer, next.peers());
    return next;
  }

  public long storeId() {
    return storeId;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      log.warn("closing Raft: {}", e.toString());
    }
  }
}
