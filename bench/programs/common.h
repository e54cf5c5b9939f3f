// Shared by the benchmark programs: freestanding C, no libc, no imports.
// Each program exports `int run(int n)` that does O(n)-ish work and returns a checksum.
#ifndef PATINA_BENCH_COMMON_H
#define PATINA_BENCH_COMMON_H

#define EXPORT __attribute__((visibility("default")))

typedef unsigned int u32;
typedef unsigned long long u64;

// xorshift32: a tiny deterministic PRNG, so that every engine sees the same data.
static inline u32 xorshift32(u32 *state) {
  u32 x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

#endif
