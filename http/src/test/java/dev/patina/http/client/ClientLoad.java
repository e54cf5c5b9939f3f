package dev.patina.http.client;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator built on the client, for measurements in docs/benchmarks.md (not a test): {@code
 * ClientLoad URL h1|h2 REQUESTS CONCURRENCY}. Each of CONCURRENCY virtual threads sends GETs one
 * after another, reading each body to its end, until REQUESTS were sent; a first pass of the same
 * size warms up. Prints requests/s, bytes read and connections opened.
 */
public final class ClientLoad {
  private ClientLoad() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    HttpClient.Version version =
        args[1].equals("h2") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    int requests = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    try (HttpClient client =
        HttpClient.builder().version(version).maxConnectionsPerOrigin(concurrency).build()) {
      run(client, uri, requests, concurrency); // warm-up
      long opened = client.openedConnections();
      long start = System.nanoTime();
      long bytes = run(client, uri, requests, concurrency);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%s %d requests, %d threads: %.0f req/s, %.1f MB/s, %d bytes, %d connections%n",
          args[1],
          requests,
          concurrency,
          requests / seconds,
          bytes / seconds / 1e6,
          bytes,
          client.openedConnections() - opened);
      System.out.println(
          "connections opened in all (warm-up included): " + client.openedConnections());
    }
  }

  private static long run(HttpClient client, URI uri, int requests, int concurrency)
      throws Exception {
    AtomicLong left = new AtomicLong(requests);
    AtomicLong bytes = new AtomicLong();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            pool.submit(
                () -> {
                  byte[] buf = new byte[64 * 1024];
                  while (left.getAndDecrement() > 0) {
                    try (ClientResponse res = client.get(uri.toString())) {
                      InputStream in = res.body();
                      for (int n; (n = in.read(buf)) >= 0; ) {
                        bytes.addAndGet(n);
                      }
                      if (res.status() != 200) {
                        throw new IllegalStateException("status " + res.status());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    }
    return bytes.get();
  }
}
