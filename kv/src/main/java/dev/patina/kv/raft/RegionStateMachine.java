package dev.patina.kv.raft;

import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Engine;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region's Raft state machine (TiKV's apply FSM): committed entries are applied, in log order
 * on Ratis's apply thread, to the store's shared RocksDB engine, each entry as one atomic batch
 * that also records the applied index. The leader's proposer is answered once its entry is applied
 * here, so an acknowledged write is both committed on a majority and visible on the leader.
 */
final class RegionStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(RegionStateMachine.class);

  private final long regionId;
  private final Engine engine;
  private final RegionHost host;
  private long durableApplied;

  RegionStateMachine(long regionId, Engine engine, RegionHost host) {
    this.regionId = regionId;
    this.engine = engine;
    this.host = host;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage)
      throws IOException {
    super.initialize(server, groupId, storage);
    durableApplied = ApplyState.read(engine, regionId);
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeader) {
    if (member.getPeerId().equals(newLeader)) {
      host.becameLeader(regionId);
    }
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    long term = entry.getTerm();
    if (index <= durableApplied) {
      // Replayed after a restart: the engine holds this entry's changes already.
      updateLastAppliedTermIndex(term, index);
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    try {
      byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
      RaftCommand c = RaftCommand.decode(data);
      Batch applied = ApplyState.put(new Batch(), regionId, term, index);
      switch (c) {
        case RaftCommand.Write w -> engine.write(w.batch().addAll(applied));
        case RaftCommand.ChangePeers p -> host.applyMeta(p.meta(), applied);
      }
      durableApplied = index;
      updateLastAppliedTermIndex(term, index);
      return CompletableFuture.completedFuture(Message.EMPTY);
    } catch (RuntimeException e) {
      log.error("region {}: cannot apply entry {}: {}", regionId, index, e.toString());
      return CompletableFuture.failedFuture(e);
    }
  }
}
