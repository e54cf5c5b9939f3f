package dev.patina.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.server.PdClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PD in a separate JVM, killed with SIGKILL ({@link Process#destroyForcibly}) while requests are in
 * flight, then restarted on the same data: nothing it acknowledged is lost, no id or timestamp is
 * handed out twice.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  /** A PD process and its port. */
  record Pd(Process process, int port) {}

  private Pd launch(Path data, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-cp",
            System.getProperty("java.class.path"),
            PdProcess.class.getName(),
            data.toString());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      if (line.startsWith("READY ")) {
        return new Pd(p, Integer.parseInt(line.substring(6).strip()));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("PD did not start; its log:\n" + Files.readString(log));
  }

  private static void kill(Pd pd) throws InterruptedException {
    pd.process().destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush
    assertTrue(pd.process().waitFor(30, TimeUnit.SECONDS));
  }

  @Test
  void acknowledgedWorkSurvivesKillMinus9() throws Exception {
    Path data = dir.resolve("pd");
    Path log = dir.resolve("pd.log");
    AtomicLong maxId = new AtomicLong();
    AtomicLong maxTs = new AtomicLong();
    long clusterId;
    long storeId;
    long leftId;
    long regionId;

    Pd first = launch(data, log);
    try (PdClient c = new PdClient(first.port())) {
      clusterId = c.clusterId;
      storeId = c.allocId();
      regionId = c.allocId();
      long peerId = c.allocId();
      Metapb.Region whole =
          Metapb.Region.newBuilder()
              .setId(regionId)
              .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setConfVer(1).setVersion(1))
              .addPeers(Metapb.Peer.newBuilder().setId(peerId).setStoreId(storeId))
              .build();
      assertFalse(
          c.pd()
              .bootstrap(
                  Pdpb.BootstrapRequest.newBuilder()
                      .setHeader(c.header())
                      .setStore(
                          Metapb.Store.newBuilder().setId(storeId).setAddress("127.0.0.1:20160"))
                      .setRegion(whole)
                      .build())
              .getHeader()
              .hasError());
      Pdpb.SplitID ids =
          c.pd()
              .askBatchSplit(
                  Pdpb.AskBatchSplitRequest.newBuilder()
                      .setHeader(c.header())
                      .setRegion(whole)
                      .setSplitCount(1)
                      .build())
              .getIds(0);
      leftId = ids.getNewRegionId();
      Metapb.RegionEpoch v2 = Metapb.RegionEpoch.newBuilder().setConfVer(1).setVersion(2).build();
      ByteString k = ByteString.copyFromUtf8("k");
      assertFalse(
          c.pd()
              .reportBatchSplit(
                  Pdpb.ReportBatchSplitRequest.newBuilder()
                      .setHeader(c.header())
                      .addRegions(
                          whole.toBuilder()
                              .setId(leftId)
                              .setEndKey(k)
                              .setRegionEpoch(v2)
                              .setPeers(
                                  0, whole.getPeers(0).toBuilder().setId(ids.getNewPeerIds(0))))
                      .addRegions(whole.toBuilder().setStartKey(k).setRegionEpoch(v2))
                      .build())
              .getHeader()
              .hasError());
      c.pd()
          .updateGCSafePoint(
              Pdpb.UpdateGCSafePointRequest.newBuilder()
                  .setHeader(c.header())
                  .setSafePoint(4242)
                  .build());
      maxId.set(Math.max(ids.getNewRegionId(), ids.getNewPeerIds(0)));

      // Hammer ids and timestamps, and kill the process in the middle of it.
      AtomicBoolean stop = new AtomicBoolean();
      Thread idLoop =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        long id = c.allocId();
                        maxId.accumulateAndGet(id, Math::max);
                      } catch (RuntimeException e) {
                        return;
                      }
                    }
                  });
      var tso = c.tsoStream();
      Thread tsoLoop =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (!stop.get()) {
                        tso.requests.onNext(
                            Pdpb.TsoRequest.newBuilder().setHeader(c.header()).setCount(7).build());
                        Object r = tso.next();
                        if (!(r instanceof Pdpb.TsoResponse t)) {
                          return;
                        }
                        long ts =
                            t.getTimestamp().getPhysical() << 18 | t.getTimestamp().getLogical();
                        maxTs.accumulateAndGet(ts, Math::max);
                      }
                    } catch (Exception e) {
                      // the stream died with the process
                    }
                  });
      Thread.sleep(1500);
      kill(first);
      stop.set(true);
      idLoop.join(30_000);
      tsoLoop.join(30_000);
    }
    assertTrue(maxId.get() > 10, "ids were allocated before the kill");
    assertTrue(maxTs.get() > 0, "timestamps were handed out before the kill");

    for (int round = 0; round < 2; round++) {
      Pd again = launch(data, log);
      try (PdClient c = new PdClient(again.port())) {
        assertEquals(clusterId, c.clusterId, "the cluster id is kept");
        long id = c.allocId();
        assertTrue(id > maxId.get(), "id " + id + " was already handed out (max " + maxId + ")");
        maxId.set(id);
        var tso = c.tsoStream();
        tso.requests.onNext(Pdpb.TsoRequest.newBuilder().setHeader(c.header()).setCount(1).build());
        Pdpb.TsoResponse t = (Pdpb.TsoResponse) tso.next();
        long ts = t.getTimestamp().getPhysical() << 18 | t.getTimestamp().getLogical();
        assertTrue(ts > maxTs.get(), "timestamp went back after the crash");
        maxTs.set(ts);
        tso.requests.onCompleted();

        assertTrue(
            c.pd()
                .isBootstrapped(
                    Pdpb.IsBootstrappedRequest.newBuilder().setHeader(c.header()).build())
                .getBootstrapped());
        assertEquals(
            "127.0.0.1:20160",
            c.pd()
                .getStore(
                    Pdpb.GetStoreRequest.newBuilder()
                        .setHeader(c.header())
                        .setStoreId(storeId)
                        .build())
                .getStore()
                .getAddress());
        List<Metapb.Region> regions =
            c.pd()
                .scanRegions(Pdpb.ScanRegionsRequest.newBuilder().setHeader(c.header()).build())
                .getRegionMetasList();
        assertEquals(
            List.of(leftId, regionId), regions.stream().map(Metapb.Region::getId).toList());
        assertEquals(
            4242,
            c.pd()
                .getGCSafePoint(
                    Pdpb.GetGCSafePointRequest.newBuilder().setHeader(c.header()).build())
                .getSafePoint());
      }
      kill(again);
    }
  }
}
