package dev.patina.kv.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.kv.codec.CodecException;
import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.region.Peer;
import dev.patina.kv.region.RegionEpoch;
import dev.patina.kv.region.RegionMeta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The log entries' encoding: round trips, and precise errors for bytes that are not entries. */
class RaftCommandTest {
  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writeBatchesRoundTrip() {
    Batch batch =
        new Batch()
            .put(Cf.DEFAULT, b("k1"), b("v1"))
            .put(Cf.WRITE, new byte[0], new byte[300])
            .delete(Cf.LOCK, b("k2"))
            .deleteRange(Cf.DEFAULT, b("a"), b("z"))
            .deleteRange(Cf.WRITE, b("m"), new byte[0])
            .put(Cf.RAFT, new byte[] {1, 2, 3}, new byte[] {(byte) 0xff});
    RaftCommand.Write back =
        assertInstanceOf(
            RaftCommand.Write.class,
            RaftCommand.decode(RaftCommand.encode(new RaftCommand.Write(batch))));
    List<Batch.Modify> want = batch.modifies();
    List<Batch.Modify> got = back.batch().modifies();
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).kind(), got.get(i).kind());
      assertEquals(want.get(i).cf(), got.get(i).cf());
      assertArrayEquals(want.get(i).key(), got.get(i).key());
      assertArrayEquals(want.get(i).value(), got.get(i).value());
      if (want.get(i).kind() == Batch.Kind.DELETE_RANGE) {
        assertArrayEquals(want.get(i).end(), got.get(i).end());
      }
    }
    assertEquals(batch.size(), back.batch().size());
  }

  @Test
  void changePeersRoundTrip() {
    RegionMeta meta =
        new RegionMeta(
            7, b("a"), b(""), new RegionEpoch(3, 2), List.of(new Peer(8, 1), new Peer(9, 2)));
    RaftCommand.ChangePeers back =
        assertInstanceOf(
            RaftCommand.ChangePeers.class,
            RaftCommand.decode(RaftCommand.encode(new RaftCommand.ChangePeers(meta))));
    assertEquals(meta.toProto(), back.meta().toProto());
  }

  @Test
  void garbageIsRefusedPrecisely() {
    assertEquals(
        "empty raft command",
        assertThrows(CodecException.class, () -> RaftCommand.decode(new byte[0])).getMessage());
    assertEquals(
        "unknown raft command tag 9",
        assertThrows(CodecException.class, () -> RaftCommand.decode(new byte[] {9})).getMessage());
    byte[] ok =
        RaftCommand.encode(new RaftCommand.Write(new Batch().put(Cf.DEFAULT, b("k"), b("v"))));
    byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 1);
    assertThrows(CodecException.class, () -> RaftCommand.decode(trailing));
    byte[] badCf = ok.clone();
    badCf[3] = 42; // the column family of the first change
    assertEquals(
        "raft write command: bad column family 42",
        assertThrows(CodecException.class, () -> RaftCommand.decode(badCf)).getMessage());
    // Random bytes and every truncation: a CodecException, never another exception or a hang.
    Random r = new Random(5);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[1 + r.nextInt(40)];
      r.nextBytes(junk);
      junk[0] = (byte) (1 + r.nextInt(2));
      try {
        RaftCommand.decode(junk);
      } catch (CodecException expected) {
        // fine
      }
    }
    for (int n = 1; n < ok.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(ok, n);
      assertThrows(CodecException.class, () -> RaftCommand.decode(cut), "cut at " + n);
    }
  }
}
