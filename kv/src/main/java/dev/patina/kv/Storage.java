package dev.patina.kv;

import dev.patina.kv.engine.Engine;
import dev.patina.kv.raw.HybridClock;
import dev.patina.kv.raw.KeyMode;
import dev.patina.kv.raw.RawStore;
import dev.patina.kv.region.SplitChecker;
import dev.patina.kv.txn.ConcurrencyManager;
import dev.patina.kv.txn.Latches;
import dev.patina.kv.txn.TxnStore;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The storage core of a TiKV store: one RocksDB engine with TiKV's column families, RawKV ({@link
 * #raw()}) and Percolator transactions ({@link #txn()}). Thread-safe. Every operation takes the
 * region range it may touch, in the storage key space, so a server can split ranges freely.
 */
public final class Storage implements AutoCloseable {
  private final StorageOptions options;
  private final Engine engine;
  private final Latches latches;
  private final RawStore raw;
  private final TxnStore txn;
  // The engine itself until a server replicates writes through Raft (useWritePath).
  private volatile WritePath writePath;

  private Storage(StorageOptions options) {
    this.options = options;
    this.engine = Engine.open(options.path(), options.engineOptions());
    this.latches = new Latches(options.latchSlots());
    this.writePath = (range, batch) -> engine.write(batch);
    WritePath writes = (range, batch) -> writePath.write(range, batch);
    Limits limits = new Limits(options.maxKeySize(), options.maxWriteBytes());
    LongSupplier rawTs =
        options.rawTs() != null ? options.rawTs() : new HybridClock(options.clockMillis());
    this.raw =
        new RawStore(
            engine, writes, latches, options.apiVersion(), limits, options.clockMillis(), rawTs);
    this.txn =
        new TxnStore(
            engine, writes, latches, new ConcurrencyManager(), options.apiVersion(), limits);
  }

  /** Opens (creating if needed) the storage. */
  public static Storage open(StorageOptions options) {
    return new Storage(options);
  }

  public StorageOptions options() {
    return options;
  }

  /**
   * TiKV's {@code check_api_version}: whether a request of {@code requestVersion} (kvrpcpb.Context
   * api_version; V1TTL clients send V1) may run here. Storage V1 takes V1; V1TTL takes V1 raw
   * requests; V2 takes V2, and V1 transactional requests from TiDB (keys starting with 'm' or 't').
   * Key modes of V2 requests are checked by the commands themselves.
   */
  public void checkApiVersion(
      ApiVersion requestVersion, boolean rawCommand, String cmd, List<byte[]> keys) {
    ApiVersion storage = options.apiVersion();
    boolean ok =
        switch (storage) {
          case V1 -> requestVersion == ApiVersion.V1;
          case V1TTL -> requestVersion == ApiVersion.V1 && rawCommand;
          case V2 ->
              requestVersion == ApiVersion.V2
                  || (requestVersion == ApiVersion.V1
                      && !rawCommand
                      && keys.stream().allMatch(k -> KeyMode.of(k) == KeyMode.TIDB));
        };
    if (!ok) {
      throw new InvalidRequestException(
          "Api version in request does not match with TiKV storage, cmd: "
              + cmd
              + ", storage: "
              + tikvName(storage)
              + ", request: "
              + tikvName(requestVersion));
    }
  }

  private static String tikvName(ApiVersion v) {
    return switch (v) {
      case V1 -> "V1";
      case V1TTL -> "V1ttl";
      case V2 -> "V2";
    };
  }

  /**
   * Sends every write batch of the raw and transactional commands through {@code path} from now on
   * (a replicated store: the region's Raft log, which applies the batch to {@link #engine()}).
   */
  public void useWritePath(WritePath path) {
    this.writePath = Objects.requireNonNull(path);
  }

  /** RawKV. */
  public RawStore raw() {
    return raw;
  }

  /** Percolator transactions. */
  public TxnStore txn() {
    return txn;
  }

  /** Split checks with the given thresholds ({@link SplitChecker.Config#tikvDefaults()}). */
  public SplitChecker splitChecker(SplitChecker.Config config) {
    return new SplitChecker(engine, config);
  }

  /** The engine underneath (for the server: region meta in the {@code raft} column family). */
  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}
