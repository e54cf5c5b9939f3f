/*
 * Faults that end the program: natively a signal kills it; under Wasm the engine traps
 * (status 134, "error: wasm trap: ..."). What was printed and flushed before must arrive.
 * Usage: traps KIND   with KIND one of: unreachable divzero overflow oob stack recurse indirect
 */
#include <limits.h>
#include <stdint.h>

#include "common.h"

static volatile int zero = 0, minus_one = -1, big = INT_MIN;

static int depth(volatile int n) {
  volatile char pad[256];
  pad[n & 255] = (char)n;
  return depth(n + 1) + pad[(n + 1) & 255];
}

static int one_arg(int a) { return a + 1; }

/* Recursion through a function pointer: no frame in linear memory, so under Wasm it is the
 * engine's own call stack that runs out. */
static int recurse(int n);
static int (*volatile self)(int) = recurse;
static int recurse(int n) { return self(n + 1) * 3 + n; }

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  const char *kind = argv[1];
  printf("before %s\n", kind);
  fflush(stdout);
  fprintf(stderr, "stderr before %s\n", kind);
  int r = 0;
  if (!strcmp(kind, "unreachable")) __builtin_trap();
  else if (!strcmp(kind, "divzero")) r = 10 / zero;
  else if (!strcmp(kind, "overflow")) r = big / minus_one;
  else if (!strcmp(kind, "oob")) {
    /* Past the end of linear memory under Wasm; unmapped natively. */
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)0xFFFFFFF0u;
    r = (int)*p;
  } else if (!strcmp(kind, "stack")) r = depth(0);
  else if (!strcmp(kind, "recurse")) r = recurse(0);
  else if (!strcmp(kind, "indirect")) {
    /* A call through a pointer of the wrong type: a Wasm signature mismatch (Wasm only). */
    int (*volatile f)(int, int, int) = (int (*)(int, int, int))(void *)one_arg;
    r = f(1, 2, 3);
  } else {
    printf("unknown kind\n");
    return 2;
  }
  printf("not reached: %d\n", r);
  return 0;
}
