package dev.patina.pd.server;

import dev.patina.kv.proto.Pdpb;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Request header checks and response headers, as PD writes them. */
final class Headers {
  private final long clusterId;
  private final Pdpb.ResponseHeader ok;

  Headers(long clusterId) {
    this.clusterId = clusterId;
    this.ok = Pdpb.ResponseHeader.newBuilder().setClusterId(clusterId).build();
  }

  Pdpb.ResponseHeader ok() {
    return ok;
  }

  Pdpb.ResponseHeader error(Pdpb.ErrorType type, String message) {
    return Pdpb.ResponseHeader.newBuilder()
        .setClusterId(clusterId)
        .setError(Pdpb.Error.newBuilder().setType(type).setMessage(message))
        .build();
  }

  /**
   * Refuses a request meant for another cluster (or with no header), as PD does: gRPC status
   * FAILED_PRECONDITION.
   */
  void check(Pdpb.RequestHeader header) {
    if (header.getClusterId() != clusterId) {
      throw mismatch(header.getClusterId());
    }
  }

  StatusRuntimeException mismatch(long got) {
    return Status.FAILED_PRECONDITION
        .withDescription(
            "mismatch cluster id, need "
                + Long.toUnsignedString(clusterId)
                + " but got "
                + Long.toUnsignedString(got))
        .asRuntimeException();
  }
}
