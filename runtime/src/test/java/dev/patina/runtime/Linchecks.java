package dev.patina.runtime;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Shared Lincheck settings. The defaults keep the module's tests short on two shared cores; a
 * deeper run is {@code mvn verify -pl runtime -Dlincheck.iterations=100
 * -Dlincheck.invocations=5000}.
 */
final class Linchecks {
  private Linchecks() {}

  private static final int ITERATIONS = Integer.getInteger("lincheck.iterations", 5);
  private static final int INVOCATIONS = Integer.getInteger("lincheck.invocations", 50);

  static void modelCheck(Class<?> test, Class<?> spec) {
    modelCheck(test, spec, 3);
  }

  static void stress(Class<?> test, Class<?> spec) {
    stress(test, spec, 3);
  }

  /**
   * With {@code actors} operations per thread: channels with few legal operations per side (a
   * oneshot's sender acts once) need fewer, or the scenario generator spends its time on repeats.
   */
  static void modelCheck(Class<?> test, Class<?> spec, int actors) {
    new ModelCheckingOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(INVOCATIONS)
        .threads(3)
        .actorsPerThread(actors)
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(spec)
        .check(test);
  }

  static void stress(Class<?> test, Class<?> spec, int actors) {
    new StressOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(2 * INVOCATIONS)
        .threads(3)
        .actorsPerThread(actors)
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(spec)
        .check(test);
  }
}
