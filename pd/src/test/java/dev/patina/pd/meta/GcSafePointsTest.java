package dev.patina.pd.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.pd.PdException;
import dev.patina.pd.storage.MemoryBackend;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GcSafePointsTest {
  private final MemoryBackend backend = new MemoryBackend();
  private final AtomicLong seconds = new AtomicLong(1_700_000_000L);
  private final GcSafePoints gc = new GcSafePoints(backend, seconds::get);

  @Test
  void gcSafePointNeverGoesBackwards() {
    assertEquals(0, gc.gcSafePoint());
    assertEquals(100, gc.updateGcSafePoint(100));
    assertEquals(100, gc.updateGcSafePoint(50), "a smaller value leaves it unchanged");
    assertEquals(100, gc.gcSafePoint());
    assertEquals(200, gc.updateGcSafePoint(200));
    assertEquals(200, new GcSafePoints(backend, seconds::get).gcSafePoint(), "durable");
  }

  @Test
  void gcWorkerHoldsZeroUntilSomeoneSetsOne() {
    GcSafePoints.ServiceSafePoint min = gc.updateServiceSafePoint("br", 60, 500);
    // The first call finds no service: gc_worker gets 0, which is the minimum, so "br" may set
    // 500, and the minimum stays gc_worker's 0.
    assertEquals(GcSafePoints.GC_WORKER, min.serviceId());
    assertEquals(0, min.safePoint());
    assertEquals(Long.MAX_VALUE, min.expiredAt());
  }

  @Test
  void minimumOverServicesAndNoServiceBelowIt() {
    gc.updateServiceSafePoint(GcSafePoints.GC_WORKER, Long.MAX_VALUE, 100);
    GcSafePoints.ServiceSafePoint min = gc.updateServiceSafePoint("cdc", 600, 150);
    assertEquals(GcSafePoints.GC_WORKER, min.serviceId());
    assertEquals(100, min.safePoint());
    // Below the minimum: refused silently, the minimum is answered.
    min = gc.updateServiceSafePoint("br", 600, 50);
    assertEquals(100, min.safePoint());
    assertEquals(2, gc.serviceSafePoints().size(), "br was not saved");
    // gc_worker moves past cdc: cdc becomes the minimum.
    min = gc.updateServiceSafePoint(GcSafePoints.GC_WORKER, Long.MAX_VALUE, 300);
    assertEquals("cdc", min.serviceId());
    assertEquals(150, min.safePoint());
    assertEquals(seconds.get() + 600, min.expiredAt());
  }

  @Test
  void expiredServicesAreDroppedAndTtlZeroRemoves() {
    gc.updateServiceSafePoint(GcSafePoints.GC_WORKER, Long.MAX_VALUE, 100);
    gc.updateServiceSafePoint("cdc", 10, 120);
    gc.updateServiceSafePoint("br", 1000, 130);
    assertEquals(
        "cdc", gc.updateServiceSafePoint(GcSafePoints.GC_WORKER, Long.MAX_VALUE, 125).serviceId());
    seconds.addAndGet(11);
    GcSafePoints.ServiceSafePoint min = gc.updateServiceSafePoint("br", 1000, 130);
    assertEquals(GcSafePoints.GC_WORKER, min.serviceId(), "cdc expired");
    assertEquals(125, min.safePoint());
    gc.updateServiceSafePoint("br", 0, 0);
    assertEquals(1, gc.serviceSafePoints().size(), "ttl 0 removed br");
  }

  @Test
  void gcWorkerRules() {
    assertThrows(
        PdException.class, () -> gc.updateServiceSafePoint(GcSafePoints.GC_WORKER, 60, 10));
    assertThrows(PdException.class, () -> gc.updateServiceSafePoint(GcSafePoints.GC_WORKER, 0, 10));
    assertThrows(PdException.class, () -> gc.updateServiceSafePoint("", 60, 10));
  }
}
