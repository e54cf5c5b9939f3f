package dev.patina.bench.ycsb;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd through its Java client {@code jetcd-core} 0.8.6: get (etcd's default, linearizable), put,
 * scans as range reads from the start key to the end of the key space with a limit, and loading as
 * transactions of puts (at most etcd's default 128 operations each).
 */
public final class EtcdStore implements Store {
  private static final ByteSequence TO_THE_END = ByteSequence.from(new byte[] {0});
  private final Client client;
  private final KV kv;

  public EtcdStore(String endpoint) {
    this.client = Client.builder().endpoints("http://" + endpoint).build();
    this.kv = client.getKVClient();
  }

  @Override
  public byte[] read(byte[] key) throws Exception {
    var r = kv.get(ByteSequence.from(key)).get();
    return r.getKvs().isEmpty() ? null : r.getKvs().getFirst().getValue().getBytes();
  }

  @Override
  public void write(byte[] key, byte[] value) throws Exception {
    kv.put(ByteSequence.from(key), ByteSequence.from(value)).get();
  }

  @Override
  public int scan(byte[] start, int count) throws Exception {
    GetOption range = GetOption.builder().withRange(TO_THE_END).withLimit(count).build();
    return kv.get(ByteSequence.from(start), range).get().getKvs().size();
  }

  @Override
  public void writeBatch(List<byte[]> keys, List<byte[]> values) throws Exception {
    List<Op> puts = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      puts.add(
          Op.put(
              ByteSequence.from(keys.get(i)), ByteSequence.from(values.get(i)), PutOption.DEFAULT));
    }
    kv.txn().Then(puts.toArray(Op[]::new)).commit().get();
  }

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public void close() {
    kv.close();
    client.close();
  }
}
