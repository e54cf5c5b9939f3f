package dev.patina.kv.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Where each gRPC call runs: point reads inline on the transport thread (the server's default
 * executor is direct), every other call on the worker pool.
 */
final class CallExecutors implements ServerCallExecutorSupplier {
  /**
   * Reads of single keys or a few keys: they never wait for a latch, a lock or the disk's fsync.
   */
  static final Set<String> INLINE =
      Set.of("RawGet", "RawBatchGet", "RawGetKeyTTL", "KvGet", "KvBatchGet");

  private final Executor pool;

  CallExecutors(Executor pool) {
    this.pool = pool;
  }

  @Override
  public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
    String service = call.getMethodDescriptor().getServiceName();
    String method = call.getMethodDescriptor().getBareMethodName();
    boolean inline = "tikvpb.Tikv".equals(service) && INLINE.contains(method);
    return inline ? null : pool;
  }
}
