package dev.patina.pd.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official client pings every 10 s, also on idle connections. grpc-java servers by default
 * answer such pings with GOAWAY "too_many_pings" after three of them, killing open streams; PD must
 * allow them. A stream kept open for 35 s with 10 s pings must still work.
 */
class KeepAliveTest {
  @TempDir Path dir;

  @Test
  void pingsEveryTenSecondsDoNotCloseTheConnection() throws Exception {
    try (PdServer server = PdServer.start(PdConfig.ephemeral(dir));
        PdClient client = new PdClient(server.port())) {
      var tso = client.tsoStream();
      Pdpb.TsoRequest request =
          Pdpb.TsoRequest.newBuilder().setHeader(client.header()).setCount(1).build();
      tso.requests.onNext(request);
      assertInstanceOf(Pdpb.TsoResponse.class, tso.next());
      Thread.sleep(35_000);
      tso.requests.onNext(request);
      assertInstanceOf(Pdpb.TsoResponse.class, tso.next(), "the stream survived the pings");
      tso.requests.onCompleted();
    }
  }
}
