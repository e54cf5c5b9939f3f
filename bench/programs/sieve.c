// Sieve of Eratosthenes over a byte array: byte loads and stores, tight nested loops.
#include "common.h"

#define LIMIT 1000000
static unsigned char composite[LIMIT + 1];

// Counts the primes up to n (at most LIMIT).
EXPORT int run(int n) {
  int limit = n > LIMIT ? LIMIT : n;
  for (int i = 0; i <= limit; i++) composite[i] = 0;
  int count = 0;
  for (int i = 2; i <= limit; i++) {
    if (!composite[i]) {
      count++;
      for (int j = i + i; j <= limit; j += i) composite[j] = 1;
    }
  }
  return count;
}
