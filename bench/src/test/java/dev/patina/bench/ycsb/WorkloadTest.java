package dev.patina.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The harness's generators: in range, skewed as YCSB's, workload mixes as declared. */
class WorkloadTest {
  @Test
  void zipfianStaysInRangeAndIsSkewed() {
    int n = 10_000;
    Zipfian z = new Zipfian(n);
    SplittableRandom r = new SplittableRandom(1);
    int[] hits = new int[n];
    for (int i = 0; i < 200_000; i++) {
      long k = z.next(r);
      assertTrue(k >= 0 && k < n, "item " + k);
      hits[(int) k]++;
    }
    int max = java.util.Arrays.stream(hits).max().orElseThrow();
    // Rank 0 of a 0.99-Zipfian over 10,000 items takes about 1/zeta(n) ≈ 10% of the draws.
    assertTrue(max > 200_000 / 20, "most popular item drawn " + max + " times");
    long untouched = java.util.Arrays.stream(hits).filter(h -> h == 0).count();
    assertTrue(untouched > n / 10, "a long tail: " + untouched + " items never drawn");
  }

  @Test
  void workloadsPickTheirOperations() {
    assertEquals(Workload.Op.READ, Workload.A.pick(0.49));
    assertEquals(Workload.Op.UPDATE, Workload.A.pick(0.51));
    assertEquals(Workload.Op.READ, Workload.C.pick(0.999));
    assertEquals(Workload.Op.SCAN, Workload.E.pick(0.94));
    assertEquals(Workload.Op.INSERT, Workload.E.pick(0.96));
    assertThrows(IllegalArgumentException.class, () -> Workload.named("D"));
    assertThrows(IllegalArgumentException.class, () -> new Workload("X", 0.5, 0.4, 0, 0, 0));
  }

  @Test
  void keysAreYcsbNames() {
    assertTrue(
        new String(Keys.key(0), java.nio.charset.StandardCharsets.US_ASCII).startsWith("user"));
    assertTrue(Keys.fnv64(1) != Keys.fnv64(2));
  }
}
