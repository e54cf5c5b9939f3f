package dev.patina.bench.ycsb;

import java.util.random.RandomGenerator;

/**
 * YCSB's scrambled Zipfian distribution over {@code [0, n)} with constant 0.99: item ranks follow
 * Zipf's law (Gray et al., "Quickly generating billion-record synthetic databases", SIGMOD 1994),
 * and ranks are hashed onto items so that the popular items are spread over the key space.
 * Immutable; each caller passes its own random generator.
 */
public final class Zipfian {
  private static final double THETA = 0.99;
  private final long n;
  private final double zetaN;
  private final double alpha;
  private final double eta;
  private final double half;

  public Zipfian(long n) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 items, got " + n);
    }
    this.n = n;
    double z = 0;
    for (long i = 1; i <= n; i++) {
      z += 1 / Math.pow(i, THETA);
    }
    this.zetaN = z;
    double zeta2 = 1 + 1 / Math.pow(2, THETA);
    this.alpha = 1 / (1 - THETA);
    this.eta = (1 - Math.pow(2.0 / n, 1 - THETA)) / (1 - zeta2 / zetaN);
    this.half = 1 + Math.pow(0.5, THETA);
  }

  /** A rank: 0 is the most popular. */
  long rank(RandomGenerator r) {
    double u = r.nextDouble();
    double uz = u * zetaN;
    if (uz < 1) {
      return 0;
    }
    if (uz < half) {
      return 1;
    }
    return Math.min(n - 1, (long) (n * Math.pow(eta * u - eta + 1, alpha)));
  }

  /** An item in {@code [0, n)}. */
  public long next(RandomGenerator r) {
    return Keys.fnv64(rank(r)) % n;
  }
}
