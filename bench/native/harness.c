// The native twin of the JMH benchmark: calls the program's run(n), built from the same C source
// with gcc -O2, in a timed loop. Usage: harness N WARMUP_SECONDS MEASURE_SECONDS
// Prints one line: "calls=... wall_ms_per_op=... cpu_ms_per_op=... checksum=..." (the checksum of
// the last call; every call must return the same one, else it exits with status 3).
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int run(int n);

static double now(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s N WARMUP_SECONDS MEASURE_SECONDS\n", argv[0]);
    return 2;
  }
  int n = atoi(argv[1]);
  double warmup = atof(argv[2]), measure = atof(argv[3]);
  int first = run(n);
  double end = now(CLOCK_MONOTONIC) + warmup;
  while (now(CLOCK_MONOTONIC) < end) {
    if (run(n) != first) return 3;
  }
  long calls = 0;
  double wall0 = now(CLOCK_MONOTONIC), cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
  end = wall0 + measure;
  do {
    if (run(n) != first) return 3;
    calls++;
  } while (now(CLOCK_MONOTONIC) < end);
  double wall = now(CLOCK_MONOTONIC) - wall0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  printf("calls=%ld wall_ms_per_op=%.6f cpu_ms_per_op=%.6f checksum=%d\n", calls,
         wall * 1e3 / calls, cpu * 1e3 / calls, first);
  return 0;
}
