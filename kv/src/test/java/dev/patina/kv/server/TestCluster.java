package dev.patina.kv.server;

import dev.patina.kv.ApiVersion;
import dev.patina.pd.HostPort;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;

/** A PD and one store, in this JVM, on free ports; closed together. */
final class TestCluster implements AutoCloseable {
  final Path dir;
  final PdServer pd;
  KvServer kv;
  private final UnaryOperator<KvConfig.Builder> tweak;

  TestCluster(Path dir, UnaryOperator<KvConfig.Builder> tweak) throws Exception {
    this.dir = dir;
    this.tweak = tweak;
    this.pd = PdServer.start(PdConfig.ephemeral(dir.resolve("pd")));
    try {
      this.kv = KvServer.start(config());
    } catch (Exception e) {
      pd.close();
      throw e;
    }
  }

  static TestCluster start(Path dir) throws Exception {
    return new TestCluster(dir, b -> b);
  }

  static TestCluster start(Path dir, UnaryOperator<KvConfig.Builder> tweak) throws Exception {
    return new TestCluster(dir, tweak);
  }

  KvConfig config() {
    KvConfig.Builder b =
        KvConfig.ephemeral(dir.resolve("kv"), pdAddress()).toBuilder().syncWrite(false);
    return tweak.apply(b).build();
  }

  ApiVersion api() {
    return kv.config().apiVersion();
  }

  String pdAddress() {
    return "127.0.0.1:" + pd.port();
  }

  /** Stops the store and starts it again on the same data and port (as a restarted TiKV). */
  void restartStore() throws Exception {
    int port = kv.port();
    kv.close();
    kv = KvServer.start(config().toBuilder().addr(new HostPort("127.0.0.1", port)).build());
  }

  TiSession rawSession() {
    TiConfiguration conf = TiConfiguration.createRawDefault(pdAddress());
    if (api() == ApiVersion.V2) {
      conf.setApiVersion(TiConfiguration.ApiVersion.V2);
    }
    return TiSession.create(conf);
  }

  TiSession txnSession() {
    TiConfiguration conf = TiConfiguration.createDefault(pdAddress());
    if (api() == ApiVersion.V2) {
      conf.setApiVersion(TiConfiguration.ApiVersion.V2);
    }
    return TiSession.create(conf);
  }

  @Override
  public void close() {
    try {
      if (kv != null) {
        kv.close();
      }
    } finally {
      pd.close();
    }
  }
}
