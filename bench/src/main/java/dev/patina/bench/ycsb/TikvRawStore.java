package dev.patina.bench.ycsb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * Patina's (or TiKV's) RawKV through the official {@code tikv-client-java} 3.3.5, as go-ycsb's
 * {@code tikv} binding in raw mode: get, put, scan with a limit, batch put for loading.
 */
public final class TikvRawStore implements Store {
  private final TiSession session;
  private final RawKVClient raw;

  public TikvRawStore(String pdEndpoint) {
    TiConfiguration conf = TiConfiguration.createRawDefault(pdEndpoint);
    // The client's slow-request log fails with ConcurrentModificationException when a batch put
    // from one of many threads is slow (client 3.3.5 bug, seen while loading): switch it off.
    int hour = 3_600_000;
    conf.setRawKVReadSlowLogInMS(hour);
    conf.setRawKVWriteSlowLogInMS(hour);
    conf.setRawKVBatchReadSlowLogInMS(hour);
    conf.setRawKVBatchWriteSlowLogInMS(hour);
    conf.setRawKVScanSlowLogInMS(hour);
    // The client's defaults give each RPC 200 ms and a health check 100 ms; on a shared, loaded
    // 2-core box a slow scheduler tick exceeds them, and the client then backs off for longer
    // than the request takes. etcd's client sets no deadline at all: give both sides the time.
    conf.setTimeout(5_000);
    conf.setGrpcHealthCheckTimeout(5_000);
    conf.setRawKVReadTimeoutInMS(20_000);
    conf.setRawKVWriteTimeoutInMS(20_000);
    conf.setRawKVBatchReadTimeoutInMS(20_000);
    conf.setRawKVBatchWriteTimeoutInMS(20_000);
    conf.setRawKVScanTimeoutInMS(20_000);
    conf.setEnableGrpcForward(false); // one store: there is no follower to forward through
    this.session = TiSession.create(conf);
    this.raw = session.createRawClient();
  }

  @Override
  public byte[] read(byte[] key) {
    return raw.get(ByteString.copyFrom(key)).map(ByteString::toByteArray).orElse(null);
  }

  @Override
  public void write(byte[] key, byte[] value) {
    raw.put(ByteString.copyFrom(key), ByteString.copyFrom(value));
  }

  @Override
  public int scan(byte[] start, int count) {
    return raw.scan(ByteString.copyFrom(start), count).size();
  }

  @Override
  public void writeBatch(List<byte[]> keys, List<byte[]> values) {
    Map<ByteString, ByteString> m = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      m.put(ByteString.copyFrom(keys.get(i)), ByteString.copyFrom(values.get(i)));
    }
    raw.batchPut(m);
  }

  @Override
  public String name() {
    return "patina";
  }

  @Override
  public void close() throws Exception {
    raw.close();
    session.close();
  }
}
