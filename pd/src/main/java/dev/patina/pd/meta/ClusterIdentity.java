package dev.patina.pd.meta;

import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.Keys;
import dev.patina.pd.storage.WriteBatch;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * The cluster id and this member's id, chosen at first start and kept forever: every reply's header
 * carries the cluster id, and clients refuse a PD whose id changed.
 *
 * @param clusterId as PD makes it: Unix seconds in the high 32 bits, random low bits
 * @param memberId non-zero, random
 */
public record ClusterIdentity(long clusterId, long memberId) {

  /** Loads the identity, or creates and durably stores a new one. */
  public static ClusterIdentity loadOrCreate(Backend backend, LongSupplier clockMillis) {
    byte[] cluster = backend.get(Keys.CLUSTER_ID);
    byte[] member = backend.get(Keys.MEMBER_ID);
    if (cluster != null && member != null) {
      return new ClusterIdentity(
          Keys.readU64(cluster, "cluster id"), Keys.readU64(member, "member id"));
    }
    SecureRandom random = new SecureRandom();
    long clusterId =
        cluster != null
            ? Keys.readU64(cluster, "cluster id")
            : (clockMillis.getAsLong() / 1000) << 32 | (random.nextInt() & 0xffff_ffffL);
    long memberId;
    do {
      memberId = random.nextLong() & Long.MAX_VALUE;
    } while (memberId == 0);
    backend.write(
        new WriteBatch()
            .put(Keys.CLUSTER_ID, Keys.u64(clusterId))
            .put(Keys.MEMBER_ID, Keys.u64(memberId)));
    return new ClusterIdentity(clusterId, memberId);
  }
}
