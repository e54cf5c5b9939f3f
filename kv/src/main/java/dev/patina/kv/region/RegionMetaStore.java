package dev.patina.kv.region;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.patina.kv.ApiVersion;
import dev.patina.kv.StorageFailureException;
import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.Engine;
import dev.patina.kv.engine.EngineIterator;
import dev.patina.kv.engine.EngineSnapshot;
import dev.patina.kv.proto.Kvrpcpb;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.RaftServerpb;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a store keeps its identity and its regions, in TiKV's formats and keys under the {@code
 * raft} column family: {@code StoreIdent} at {@code 01 01}, the prepared first region at {@code 01
 * 02}, and one {@code RegionLocalState} per region at {@code 01 03 <region id, 8 bytes BE> 01}.
 * Every change is one atomic write batch, durable as the engine's policy says; data keys are never
 * touched, so a split only rewrites region metas.
 */
public final class RegionMetaStore {
  static final byte LOCAL_PREFIX = 0x01;
  static final byte[] STORE_IDENT_KEY = {LOCAL_PREFIX, 0x01};
  static final byte[] PREPARE_BOOTSTRAP_KEY = {LOCAL_PREFIX, 0x02};
  static final byte REGION_META_PREFIX = 0x03;
  static final byte REGION_STATE_SUFFIX = 0x01;

  private final Engine engine;

  public RegionMetaStore(Engine engine) {
    this.engine = engine;
  }

  /** A store's identity: the cluster it joined, its id, the API version its data is in. */
  public record StoreIdent(long clusterId, long storeId, ApiVersion apiVersion) {}

  /** TiKV's {@code keys::region_state_key}. */
  static byte[] regionStateKey(long regionId) {
    byte[] k = new byte[11];
    k[0] = LOCAL_PREFIX;
    k[1] = REGION_META_PREFIX;
    for (int i = 0; i < 8; i++) {
      k[2 + i] = (byte) (regionId >>> (56 - 8 * i));
    }
    k[10] = REGION_STATE_SUFFIX;
    return k;
  }

  private byte[] get(byte[] key) {
    try (EngineSnapshot s = engine.snapshot()) {
      return s.get(Cf.RAFT, key);
    }
  }

  private static <T extends Message> T parse(byte[] b, Parser<T> p, String what) {
    try {
      return p.parseFrom(b);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageFailureException("corrupt " + what + ": " + e.getMessage(), e);
    }
  }

  public StoreIdent ident() {
    byte[] b = get(STORE_IDENT_KEY);
    if (b == null) {
      return null;
    }
    RaftServerpb.StoreIdent id = parse(b, RaftServerpb.StoreIdent.parser(), "store ident");
    return new StoreIdent(id.getClusterId(), id.getStoreId(), fromProto(id.getApiVersion()));
  }

  public void saveIdent(StoreIdent ident) {
    RaftServerpb.StoreIdent id =
        RaftServerpb.StoreIdent.newBuilder()
            .setClusterId(ident.clusterId())
            .setStoreId(ident.storeId())
            .setApiVersion(toProto(ident.apiVersion()))
            .build();
    engine.write(new Batch().put(Cf.RAFT, STORE_IDENT_KEY, id.toByteArray()));
  }

  static Kvrpcpb.APIVersion toProto(ApiVersion v) {
    return switch (v) {
      case V1 -> Kvrpcpb.APIVersion.V1;
      case V1TTL -> Kvrpcpb.APIVersion.V1TTL;
      case V2 -> Kvrpcpb.APIVersion.V2;
    };
  }

  static ApiVersion fromProto(Kvrpcpb.APIVersion v) {
    return switch (v) {
      case V1TTL -> ApiVersion.V1TTL;
      case V2 -> ApiVersion.V2;
      default -> ApiVersion.V1;
    };
  }

  /** Every region of this store (state Normal), in no particular order. */
  public List<RegionMeta> regions() {
    List<RegionMeta> out = new ArrayList<>();
    byte[] lo = {LOCAL_PREFIX, REGION_META_PREFIX};
    byte[] hi = {LOCAL_PREFIX, REGION_META_PREFIX + 1};
    try (EngineSnapshot s = engine.snapshot()) {
      EngineIterator it = s.iterator(Cf.RAFT, lo, hi);
      for (boolean ok = it.seekToFirst(); ok; ok = it.next()) {
        byte[] k = it.key();
        if (k.length != 11 || k[10] != REGION_STATE_SUFFIX) {
          continue;
        }
        RaftServerpb.RegionLocalState st =
            parse(it.value(), RaftServerpb.RegionLocalState.parser(), "region state");
        if (st.getState() == RaftServerpb.PeerState.Normal) {
          out.add(RegionMeta.fromProto(st.getRegion()));
        }
      }
    }
    return out;
  }

  private static byte[] state(RegionMeta r) {
    return RaftServerpb.RegionLocalState.newBuilder()
        .setState(RaftServerpb.PeerState.Normal)
        .setRegion(r.toProto())
        .build()
        .toByteArray();
  }

  /** Writes the states of {@code regions} in one atomic batch (a split's result). */
  public void write(List<RegionMeta> regions) {
    write(regions, new Batch());
  }

  /** Writes the states of {@code regions} atomically with {@code b} (a Raft apply state). */
  public void write(List<RegionMeta> regions, Batch b) {
    for (RegionMeta r : regions) {
      b.put(Cf.RAFT, regionStateKey(r.id()), state(r));
    }
    engine.write(b);
  }

  /** The first region prepared for bootstrapping the cluster, or null. */
  public RegionMeta preparedBootstrap() {
    byte[] b = get(PREPARE_BOOTSTRAP_KEY);
    return b == null ? null : RegionMeta.fromProto(parse(b, Metapb.Region.parser(), "region"));
  }

  /** TiKV's {@code prepare_bootstrap_cluster}: the first region and the marker, atomically. */
  public void prepareBootstrap(RegionMeta first) {
    engine.write(
        new Batch()
            .put(Cf.RAFT, PREPARE_BOOTSTRAP_KEY, first.toProto().toByteArray())
            .put(Cf.RAFT, regionStateKey(first.id()), state(first)));
  }

  /** TiKV's {@code clear_prepare_bootstrap_key}: PD took the first region. */
  public void clearPrepareBootstrapKey() {
    engine.write(new Batch().delete(Cf.RAFT, PREPARE_BOOTSTRAP_KEY));
  }

  /** TiKV's {@code clear_prepare_bootstrap_cluster}: another store bootstrapped the cluster. */
  public void clearPrepareBootstrapCluster(long regionId) {
    engine.write(
        new Batch()
            .delete(Cf.RAFT, PREPARE_BOOTSTRAP_KEY)
            .delete(Cf.RAFT, regionStateKey(regionId)));
  }

  /** Whether the data column families hold anything (a store must start empty). */
  public boolean hasData() {
    try (EngineSnapshot s = engine.snapshot()) {
      for (Cf cf : new Cf[] {Cf.DEFAULT, Cf.LOCK, Cf.WRITE}) {
        if (s.iterator(cf, null, null).seekToFirst()) {
          return true;
        }
      }
    }
    return false;
  }
}
