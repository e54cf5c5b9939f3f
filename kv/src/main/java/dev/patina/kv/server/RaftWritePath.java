package dev.patina.kv.server;

import dev.patina.kv.KeyRange;
import dev.patina.kv.WritePath;
import dev.patina.kv.engine.Batch;
import dev.patina.kv.raft.MultiRaft;
import dev.patina.kv.raft.RaftCommand;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionError;
import dev.patina.kv.region.RegionException;
import dev.patina.kv.region.RegionRouter;
import java.util.Arrays;

/**
 * The write path of a replicated store: a command's batch is proposed to the Raft group of the
 * region whose range the command ran on, and the command returns once the batch is committed and
 * applied (TiKV's scheduler handing a write to raftstore).
 */
final class RaftWritePath implements WritePath {
  private final RegionRouter router;
  private final MultiRaft raft;

  RaftWritePath(RegionRouter router, MultiRaft raft) {
    this.router = router;
    this.raft = raft;
  }

  @Override
  public void write(KeyRange range, Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    byte[] start = range.start();
    Region r = router.byKey(start);
    if (r == null || !Arrays.equals(r.meta().startKey(), start)) {
      // Commands run on a region's whole range; anything else means the region changed meanwhile.
      throw new RegionException(
          new RegionError.Other("no region starts at the range of this write: " + range));
    }
    raft.propose(r.meta(), new RaftCommand.Write(batch));
  }
}
