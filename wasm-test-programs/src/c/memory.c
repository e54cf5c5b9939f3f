/*
 * Linear memory: growth through malloc (about 26 MiB in total), realloc keeping contents, a large
 * qsort, memmove overlaps, and an allocation too big to satisfy (NULL and ENOMEM, not a crash).
 */
#include <stdint.h>

#include "common.h"

static int cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

int main(void) {
  enum { N = 1 << 15 };
  uint32_t *v = malloc(N * sizeof *v);
  uint32_t s = 12345;
  for (int i = 0; i < N; i++) v[i] = s = s * 1103515245u + 12345u;
  qsort(v, N, sizeof *v, cmp);
  int sorted = 1;
  for (int i = 1; i < N; i++) sorted &= v[i - 1] <= v[i];
  printf("qsort 32K: sorted=%d min=%u max=%u median=%u\n", sorted, v[0], v[N - 1], v[N / 2]);

  char *blocks[15];
  size_t total = 0;
  for (int i = 0; i < 15; i++) {
    size_t size = (size_t)(1 << 20) + i * 4096;
    blocks[i] = malloc(size);
    if (!blocks[i]) {
      printf("malloc %d failed\n", i);
      return 1;
    }
    memset(blocks[i], 'a' + i, size);
    total += size;
  }
  long bad = 0;
  for (int i = 0; i < 15; i++)
    for (size_t k = 0; k < (size_t)(1 << 20); k += 4093) bad += blocks[i][k] != 'a' + i;
  printf("allocated %zu KiB in 15 blocks, bad bytes: %ld\n", total >> 10, bad);
  for (int i = 0; i < 15; i += 2) free(blocks[i]);

  char *r = malloc(16);
  strcpy(r, "keep me");
  for (int i = 0; i < 20; i++) r = realloc(r, (size_t)16 << i);
  printf("realloc to 8 MiB kept: %s\n", r);
  free(r);

  char buf[32] = "abcdefghijklmnopqrstuvwxyz";
  memmove(buf + 3, buf, 10);
  printf("memmove forward: %s\n", buf);
  memmove(buf, buf + 5, 10);
  printf("memmove back: %s\n", buf);

  /* volatile pointer: compilers may otherwise assume malloc succeeds and drop the call */
  volatile size_t want = SIZE_MAX - 4096;
  void *volatile huge = malloc(want);
  printf("malloc SIZE_MAX - 4096: %s %s\n", huge ? "non-null" : "NULL", errno_name(errno));
  free(huge);
  free(v);
  return 0;
}
