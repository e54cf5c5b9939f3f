package dev.patina.http;

import java.time.Duration;

/** The README's five-line JSON server, for wrk runs: {@code HelloServer [port]}. */
public final class HelloServer {
  private HelloServer() {}

  public static void main(String[] args) throws Exception {
    HttpServer server =
        HttpServer.builder()
            .get("/hello", req -> Response.json("{\"hello\":\"world\"}"))
            .bind(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
    System.out.println("listening on " + server.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(Duration.ofSeconds(2))));
    Thread.sleep(Long.MAX_VALUE);
  }
}
