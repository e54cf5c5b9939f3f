package dev.patina.runtime;

/** The time source behind {@link Interval}: the system one, or a manual one in tests. */
interface Clock {
  long nanoTime();

  void sleepUntil(long deadlineNanos) throws InterruptedException;

  Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
          Time.sleepUntil(deadlineNanos);
        }
      };
}
