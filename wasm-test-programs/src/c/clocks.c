/*
 * Clocks: the realtime clock agrees with the host's (the test passes the host's time in
 * seconds), the monotonic clock never goes back, nanosleep sleeps at least as asked, the
 * resolution is sane, and calendar conversion of fixed instants is exact.
 * Prints verdicts, not times, so that the native and the Wasm runs print the same.
 * Usage: clocks HOST_EPOCH_SECONDS
 */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  long long host = atoll(argv[1]);
  struct timespec rt, mono, res;
  clock_gettime(CLOCK_REALTIME, &rt);
  printf("realtime within 120 s of the host: %d\n", llabs(rt.tv_sec - host) < 120);
  printf("time() agrees with CLOCK_REALTIME: %d\n", llabs((long long)time(NULL) - rt.tv_sec) <= 1);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday agrees: %d\n", llabs((long long)tv.tv_sec - rt.tv_sec) <= 1);

  clock_gettime(CLOCK_MONOTONIC, &mono);
  long long prev = ns(mono), backwards = 0;
  for (int i = 0; i < 10000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &mono);
    if (ns(mono) < prev) backwards++;
    prev = ns(mono);
  }
  printf("monotonic went back: %lld times\n", backwards);

  printf("clock_getres(REALTIME): %d\n", clock_getres(CLOCK_REALTIME, &res) == 0 && ns(res) > 0 && ns(res) <= 10000000);
  printf("clock_getres(MONOTONIC): %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 10000000);

  struct timespec before, after, req = {0, 50 * 1000000};
  clock_gettime(CLOCK_MONOTONIC, &before);
  int rc = nanosleep(&req, NULL);
  clock_gettime(CLOCK_MONOTONIC, &after);
  long long slept = ns(after) - ns(before);
  printf("nanosleep(50 ms): rc=%d at least 50 ms: %d under 5 s: %d\n", rc, slept >= 50000000, slept < 5000000000LL);

  clock_gettime(CLOCK_REALTIME, &before);
  usleep(20000);
  clock_gettime(CLOCK_REALTIME, &after);
  printf("usleep(20 ms) advanced realtime: %d\n", ns(after) - ns(before) >= 15000000);

  time_t fixed[] = {0, 951782400, 1234567890, 2147483647, 4102444800};
  for (int i = 0; i < 5; i++) {
    struct tm tm;
    gmtime_r(&fixed[i], &tm);
    char s[64];
    strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S %a %j", &tm);
    printf("gmtime %lld: %s -> %lld\n", (long long)fixed[i], s, (long long)timegm(&tm));
  }
  printf("difftime: %.1f\n", difftime(1234567890, 1000000000));
  return 0;
}
