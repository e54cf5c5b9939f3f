// Dense f64 matrix multiply C = A * B (n x n, n <= 128): f64 loads, multiply-add, strided access.
#include "common.h"

#define MAX 128
static double a[MAX * MAX], b[MAX * MAX], c[MAX * MAX];

EXPORT int run(int n) {
  if (n > MAX) n = MAX;
  u32 seed = 12345;
  for (int i = 0; i < n * n; i++) {
    a[i] = (double)(xorshift32(&seed) % 1000) / 100.0 - 5.0;
    b[i] = (double)(xorshift32(&seed) % 1000) / 100.0 - 5.0;
  }
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      double sum = 0.0;
      for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
      c[i * n + j] = sum;
    }
  }
  double trace = 0.0, total = 0.0;
  for (int i = 0; i < n; i++) trace += c[i * n + i];
  for (int i = 0; i < n * n; i++) total += c[i];
  union { double d; u64 bits; } t = {trace * 1000.0 + total};
  return (int)(t.bits ^ (t.bits >> 32));
}
