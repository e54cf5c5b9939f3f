package dev.patina.pd.meta;

import dev.patina.pd.PdException;
import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.Keys;
import dev.patina.pd.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * GC safe points, with PD's rules.
 *
 * <ul>
 *   <li>The GC safe point (below which TiKV may drop old versions) never goes backwards: an update
 *       to a smaller value leaves it unchanged, and the reply says so.
 *   <li>Service safe points: each service (BR, CDC, TiDB's GC worker "gc_worker" ...) holds one,
 *       with a TTL in seconds; expired ones are dropped. The reply carries the minimum over all
 *       services. A service may not set a value below the current minimum (it would protect data
 *       that may already be gone); a TTL &lt;= 0 removes the service's safe point. When no service
 *       holds one, "gc_worker" gets 0 with an infinite TTL, so the minimum always exists.
 * </ul>
 */
public final class GcSafePoints {
  public static final String GC_WORKER = "gc_worker";

  /** One service's safe point; {@code expiredAt} is in Unix seconds, Long.MAX_VALUE for never. */
  public record ServiceSafePoint(String serviceId, long expiredAt, long safePoint) {}

  private final Backend backend;
  private final LongSupplier clockSeconds;

  /**
   * @param clockSeconds wall clock in Unix seconds (TTL reference)
   */
  public GcSafePoints(Backend backend, LongSupplier clockSeconds) {
    this.backend = backend;
    this.clockSeconds = clockSeconds;
  }

  public synchronized long gcSafePoint() {
    byte[] v = backend.get(Keys.GC_SAFE_POINT);
    return v == null ? 0 : Keys.readU64(v, "gc safe point");
  }

  /** Raises the GC safe point to {@code safePoint} if higher; returns the one in force. */
  public synchronized long updateGcSafePoint(long safePoint) {
    long old = gcSafePoint();
    if (Long.compareUnsigned(safePoint, old) > 0) {
      backend.put(Keys.GC_SAFE_POINT, Keys.u64(safePoint));
      return safePoint;
    }
    return old;
  }

  /**
   * Sets, refreshes or (ttl &lt;= 0) removes a service's safe point, and returns the minimum over
   * all services afterwards.
   */
  public synchronized ServiceSafePoint updateServiceSafePoint(
      String serviceId, long ttlSeconds, long safePoint) {
    if (serviceId.isEmpty()) {
      throw PdException.invalid("service id of service safepoint cannot be empty");
    }
    long now = clockSeconds.getAsLong();
    if (ttlSeconds <= 0) {
      if (serviceId.equals(GC_WORKER)) {
        throw PdException.invalid("cannot remove service safe point of " + GC_WORKER);
      }
      backend.write(new WriteBatch().delete(Keys.serviceSafePoint(serviceId)));
    }
    ServiceSafePoint min = minimum(now);
    if (ttlSeconds <= 0 || Long.compareUnsigned(safePoint, min.safePoint()) < 0) {
      return min;
    }
    long expiredAt = Long.MAX_VALUE - now <= ttlSeconds ? Long.MAX_VALUE : now + ttlSeconds;
    if (serviceId.equals(GC_WORKER) && expiredAt != Long.MAX_VALUE) {
      throw PdException.invalid("TTL of " + GC_WORKER + "'s service safe point must be infinity");
    }
    save(new ServiceSafePoint(serviceId, expiredAt, safePoint));
    return serviceId.equals(min.serviceId()) ? minimum(now) : min;
  }

  /** The live service safe points (expired ones are dropped first). */
  public synchronized List<ServiceSafePoint> serviceSafePoints() {
    long now = clockSeconds.getAsLong();
    minimum(now);
    return load();
  }

  /** Drops expired entries and returns the minimum, creating gc_worker's at 0 if none is left. */
  private ServiceSafePoint minimum(long now) {
    WriteBatch expired = new WriteBatch();
    ServiceSafePoint min = null;
    for (ServiceSafePoint s : load()) {
      if (s.expiredAt() < now) {
        expired.delete(Keys.serviceSafePoint(s.serviceId()));
      } else if (min == null || Long.compareUnsigned(s.safePoint(), min.safePoint()) < 0) {
        min = s;
      }
    }
    backend.write(expired);
    if (min == null) {
      min = new ServiceSafePoint(GC_WORKER, Long.MAX_VALUE, 0);
      save(min);
    }
    return min;
  }

  private List<ServiceSafePoint> load() {
    List<ServiceSafePoint> out = new ArrayList<>();
    backend.scan(
        Keys.SERVICE_SAFE_POINT_PREFIX,
        (k, v) -> {
          if (v.length != 16) {
            throw new dev.patina.pd.StorageException(
                "corrupt service safe point record for " + Keys.serviceId(k));
          }
          ByteBuffer b = ByteBuffer.wrap(v);
          out.add(new ServiceSafePoint(Keys.serviceId(k), b.getLong(), b.getLong()));
        });
    return out;
  }

  private void save(ServiceSafePoint s) {
    backend.put(
        Keys.serviceSafePoint(s.serviceId()),
        ByteBuffer.allocate(16).putLong(s.expiredAt()).putLong(s.safePoint()).array());
  }
}
