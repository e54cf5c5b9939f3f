package dev.patina.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.server.PdClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting a PD; refusals at start. */
class PdServerTest {
  @TempDir Path dir;

  @Test
  void aSecondStartReusesTheData() throws Exception {
    long clusterId;
    try (PdServer pd = PdServer.start(PdConfig.ephemeral(dir));
        PdClient c = new PdClient(pd.port())) {
      clusterId = pd.clusterId();
      long store = c.allocId();
      long region = c.allocId();
      long peer = c.allocId();
      c.pd()
          .bootstrap(
              Pdpb.BootstrapRequest.newBuilder()
                  .setHeader(c.header())
                  .setStore(Metapb.Store.newBuilder().setId(store).setAddress("h:1"))
                  .setRegion(
                      Metapb.Region.newBuilder()
                          .setId(region)
                          .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setVersion(1))
                          .addPeers(Metapb.Peer.newBuilder().setId(peer).setStoreId(store)))
                  .build());
    }
    try (PdServer pd = PdServer.start(PdConfig.ephemeral(dir))) {
      assertEquals(clusterId, pd.clusterId());
      assertTrue(pd.isBootstrapped());
    }
  }

  @Test
  void aDataDirectoryInUseIsRefusedPrecisely() throws Exception {
    try (PdServer pd = PdServer.start(PdConfig.ephemeral(dir))) {
      StorageException e =
          assertThrows(StorageException.class, () -> PdServer.start(PdConfig.ephemeral(dir)));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
      assertTrue(pd.clientUrl().startsWith("http://127.0.0.1:"), "the first one still serves");
    }
  }

  @Test
  void aTakenPortIsRefusedPreciselyAndReleasesTheDataDirectory() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      PdConfig config =
          PdConfig.ephemeral(dir)
              .withClientAddress(new HostPort("127.0.0.1", taken.getLocalPort()));
      IOException e = assertThrows(IOException.class, () -> PdServer.start(config));
      assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:"), e.getMessage());
    }
    try (PdServer pd = PdServer.start(PdConfig.ephemeral(dir))) {
      assertFalse(pd.isBootstrapped());
    }
  }
}
