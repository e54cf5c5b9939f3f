package dev.patina.kv.server;

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
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The store's Prometheus metrics under TiKV's names: gRPC messages by type ({@code
 * tikv_grpc_msg_duration_seconds}, {@code tikv_grpc_msg_fail_total}), region errors, splits, GC,
 * heartbeats, store gauges, and the JVM's own metrics.
 */
public final class KvMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Histogram grpcDuration =
      Histogram.builder()
          .name("tikv_grpc_msg_duration_seconds")
          .help("Duration of gRPC messages, by type.")
          .labelNames("type")
          .classicOnly()
          .classicUpperBounds(
              0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5,
              10)
          .register(registry);
  private final Counter grpcFail =
      Counter.builder()
          .name("tikv_grpc_msg_fail_total")
          .help("gRPC messages that failed (status other than OK), by type.")
          .labelNames("type")
          .register(registry);
  final Counter regionErrors =
      Counter.builder()
          .name("tikv_storage_region_errors_total")
          .help("Requests answered with a region error, by kind.")
          .labelNames("kind")
          .register(registry);
  final Counter splits =
      Counter.builder()
          .name("tikv_raftstore_region_split_total")
          .help("Region splits applied, by source (size/keys check or request).")
          .labelNames("source")
          .register(registry);
  final Counter gcKeys =
      Counter.builder()
          .name("tikv_gcworker_gc_keys_total")
          .help("MVCC versions removed by GC.")
          .register(registry);
  final Counter heartbeats =
      Counter.builder()
          .name("tikv_pd_heartbeat_message_total")
          .help("Heartbeats sent to PD, by kind (store, region) and result.")
          .labelNames("type", "result")
          .register(registry);

  private final ConcurrentHashMap<String, String> typeNames = new ConcurrentHashMap<>();

  public KvMetrics() {
    JvmMetrics.builder().register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** A gauge read when scraped. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  /**
   * TiKV's message type label: {@code KvGet} → {@code kv_get}, {@code RawGet} → {@code raw_get}.
   */
  String typeName(String method) {
    return typeNames.computeIfAbsent(
        method,
        m -> {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(m.charAt(i - 1))) {
              b.append('_');
            }
            b.append(Character.toLowerCase(c));
          }
          return b.toString().toLowerCase(Locale.ROOT);
        });
  }

  /** Records the duration and outcome of every call. */
  public ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> m = call.getMethodDescriptor();
        long start = System.nanoTime();
        String type = typeName(String.valueOf(m.getBareMethodName()));
        ServerCall<Q, R> recorded =
            new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
              @Override
              public void close(Status status, Metadata trailers) {
                if (!status.isOk()) {
                  grpcFail.labelValues(type).inc();
                }
                grpcDuration.labelValues(type).observe((System.nanoTime() - start) / 1e9);
                super.close(status, trailers);
              }
            };
        return next.startCall(recorded, headers);
      }
    };
  }
}
