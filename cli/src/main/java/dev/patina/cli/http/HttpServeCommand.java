package dev.patina.cli.http;

import dev.patina.cli.UserError;
import dev.patina.http.Body;
import dev.patina.http.Handler;
import dev.patina.http.Headers;
import dev.patina.http.HttpServer;
import dev.patina.http.Response;
import dev.patina.runtime.RuntimeMetrics;
import dev.patina.runtime.net.NetMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patina http serve}: a small server to try the HTTP library with curl, nghttp, wrk. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a few endpoints over HTTP/1.1 and HTTP/2 (h2c: prior knowledge or Upgrade)",
      "until Ctrl-C, which stops it gracefully (in-flight requests finish, up to 5 s).",
    },
    footer = {
      "",
      "Endpoints:",
      "  GET  /hello              Hello, World! (text/plain)",
      "  GET  /json               {\"message\":\"Hello, World!\"}",
      "  POST /echo               the request body back",
      "  GET  " + MetricsText.PATH + "    the runtime's metrics (Prometheus text)",
      "",
      "Examples:",
      "  patina http serve --port 8080",
      "  curl http://127.0.0.1:8080/json",
      "  curl --http2-prior-knowledge http://127.0.0.1:8080/hello",
      "  patina http metrics --url http://127.0.0.1:8080 --watch 1",
    })
public final class HttpServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserError("--port: " + port + " is not a TCP port");
    }
    HttpServer server = start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("http-shutdown")
                .unstarted(
                    () -> {
                      server.shutdown(Duration.ofSeconds(5));
                      stopped.countDown();
                    }));
    PrintStream out = System.out;
    String base = "http://" + host + ":" + server.port();
    out.println("Patina http is serving HTTP/1.1 and h2c on " + base);
    out.println("  try:      curl " + base + "/json");
    out.println("  metrics:  patina http metrics --url " + base);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** The server with this command's endpoints, listening on {@code host:port}. */
  static HttpServer start(String host, int port) throws IOException {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (IOException e) {
      throw new UserError("--host: cannot resolve " + host);
    }
    try {
      return HttpServer.builder()
          .address(address)
          // answered from memory: the server's I/O loops may run them
          .get("/hello", Handler.nonBlocking(req -> Response.text("Hello, World!")))
          .get(
              "/json", Handler.nonBlocking(req -> Response.json("{\"message\":\"Hello, World!\"}")))
          .post(
              "/echo",
              req ->
                  new Response(
                      200,
                      Headers.of(
                          "Content-Type",
                          req.headers().get("content-type") == null
                              ? "application/octet-stream"
                              : req.headers().get("content-type")),
                      new Body.Fixed(req.body())))
          .get(
              MetricsText.PATH,
              req ->
                  Response.text(
                      200,
                      "text/plain; version=0.0.4",
                      MetricsText.render(RuntimeMetrics.snapshot(), NetMetrics.snapshot())))
          .bind(port);
    } catch (java.net.BindException e) {
      throw new UserError(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage() + " (try --port)");
    }
  }
}
