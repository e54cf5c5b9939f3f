package dev.patina.kv.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.patina.kv.codec.ByteReader;
import dev.patina.kv.codec.ByteWriter;
import dev.patina.kv.codec.CodecException;
import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.region.RegionMeta;

/**
 * What a region's Raft log carries (TiKV's {@code RaftCmdRequest}, reduced to what Patina
 * proposes): a write batch computed by a command on the leader, or a new region meta after a
 * membership change. Every peer applies the same entries in the same order, so every store's engine
 * and region metas end up the same.
 */
public sealed interface RaftCommand {
  /** A command's write batch, applied atomically to the engine. */
  record Write(Batch batch) implements RaftCommand {}

  /** The region's meta after a peer was added (conf_ver bumped), stored by every peer. */
  record ChangePeers(RegionMeta meta) implements RaftCommand {}

  byte WRITE = 1;
  byte CHANGE_PEERS = 2;

  /** The entry's bytes: a tag, then the payload. */
  static byte[] encode(RaftCommand c) {
    return switch (c) {
      case Write w -> {
        ByteWriter out = new ByteWriter((int) Math.min(Integer.MAX_VALUE - 64, w.batch().size()));
        out.put(WRITE).putVarU64(w.batch().modifies().size());
        for (Batch.Modify m : w.batch().modifies()) {
          out.put(m.kind().ordinal()).put(m.cf().ordinal()).putCompactBytes(m.key());
          switch (m.kind()) {
            case PUT -> out.putCompactBytes(m.value());
            case DELETE_RANGE -> out.putCompactBytes(m.end() == null ? new byte[0] : m.end());
            case DELETE -> {}
          }
        }
        yield out.toByteArray();
      }
      case ChangePeers p ->
          new ByteWriter().put(CHANGE_PEERS).put(p.meta().toProto().toByteArray()).toByteArray();
    };
  }

  /**
   * Parses an entry written by {@link #encode}.
   *
   * @throws CodecException on bytes that are not a command (a corrupt or foreign log)
   */
  static RaftCommand decode(byte[] data) {
    if (data.length == 0) {
      throw new CodecException("empty raft command");
    }
    ByteReader in = new ByteReader(data);
    int tag = in.get();
    return switch (tag) {
      case WRITE -> {
        long n = in.getVarU64();
        if (n < 0 || n > data.length) {
          throw new CodecException("raft write command: bad count " + n);
        }
        Batch b = new Batch();
        for (long i = 0; i < n; i++) {
          Batch.Kind kind = enumAt(Batch.Kind.values(), in.get(), "kind");
          Cf cf = enumAt(Cf.values(), in.get(), "column family");
          byte[] key = in.getCompactBytes();
          switch (kind) {
            case PUT -> b.put(cf, key, in.getCompactBytes());
            case DELETE -> b.delete(cf, key);
            case DELETE_RANGE -> b.deleteRange(cf, key, in.getCompactBytes());
          }
        }
        if (in.hasRemaining()) {
          throw new CodecException("raft write command: " + in.remaining() + " trailing bytes");
        }
        yield new Write(b);
      }
      case CHANGE_PEERS -> {
        try {
          byte[] meta = in.getBytes(in.remaining());
          yield new ChangePeers(RegionMeta.fromProto(Metapb.Region.parseFrom(meta)));
        } catch (InvalidProtocolBufferException e) {
          throw new CodecException("raft change-peers command: " + e.getMessage());
        }
      }
      default -> throw new CodecException("unknown raft command tag " + tag);
    };
  }

  private static <E> E enumAt(E[] values, int ordinal, String what) {
    if (ordinal < 0 || ordinal >= values.length) {
      throw new CodecException("raft write command: bad " + what + " " + ordinal);
    }
    return values[ordinal];
  }
}
