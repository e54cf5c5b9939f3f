package dev.patina.pd.server;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.DoubleSupplier;

/**
 * PD's Prometheus metrics: gRPC calls by method and status (the names of go-grpc-prometheus, which
 * PD uses), TSO and heartbeat counters, cluster gauges, and the JVM's own metrics.
 */
public final class PdMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Counter handled =
      Counter.builder()
          .name("grpc_server_handled")
          .help("RPCs completed on the server, by method and status code.")
          .labelNames("grpc_type", "grpc_service", "grpc_method", "grpc_code")
          .register(registry);
  private final Histogram handling =
      Histogram.builder()
          .name("grpc_server_handling_seconds")
          .help("Time to handle unary RPCs.")
          .labelNames("grpc_type", "grpc_service", "grpc_method")
          .classicOnly()
          .register(registry);
  final Counter tsoTimestamps =
      Counter.builder()
          .name("pd_tso_timestamps")
          .help("Timestamps handed out by the timestamp oracle.")
          .register(registry);
  final Counter tsoRequests =
      Counter.builder()
          .name("pd_tso_requests")
          .help("TSO requests answered (one per message on the Tso stream).")
          .register(registry);
  final Counter regionHeartbeats =
      Counter.builder()
          .name("pd_region_heartbeats")
          .help("Region heartbeats by result (ok, refused).")
          .labelNames("result")
          .register(registry);

  public PdMetrics() {
    JvmMetrics.builder().register(registry);
  }

  /** A gauge read when scraped. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Records every call's outcome, and the duration of unary calls. */
  public ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> m = call.getMethodDescriptor();
        long start = System.nanoTime();
        String type = type(m.getType());
        String service = String.valueOf(m.getServiceName());
        String method = String.valueOf(m.getBareMethodName());
        ServerCall<Q, R> recorded =
            new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
              @Override
              public void close(Status status, Metadata trailers) {
                handled.labelValues(type, service, method, status.getCode().name()).inc();
                if (m.getType() == MethodDescriptor.MethodType.UNARY) {
                  handling
                      .labelValues(type, service, method)
                      .observe((System.nanoTime() - start) / 1e9);
                }
                super.close(status, trailers);
              }
            };
        return next.startCall(recorded, headers);
      }
    };
  }

  private static String type(MethodDescriptor.MethodType t) {
    return switch (t) {
      case UNARY -> "unary";
      case CLIENT_STREAMING -> "client_stream";
      case SERVER_STREAMING -> "server_stream";
      case BIDI_STREAMING -> "bidi_stream";
      case UNKNOWN -> "unknown";
    };
  }
}
