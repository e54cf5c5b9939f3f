// Quicksort (median of three, insertion sort for short runs) of n PRNG i32s: i32 loads and
// stores, compares and data-dependent branches, recursion.
#include "common.h"

#define MAX 1000000
static int values[MAX];

static void insertion(int *v, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    int x = v[i];
    int j = i - 1;
    while (j >= lo && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}

static inline void swap(int *v, int i, int j) {
  int t = v[i];
  v[i] = v[j];
  v[j] = t;
}

static void quicksort(int *v, int lo, int hi) {
  while (hi - lo > 16) {
    int mid = lo + (hi - lo) / 2;
    if (v[mid] < v[lo]) swap(v, mid, lo);
    if (v[hi] < v[lo]) swap(v, hi, lo);
    if (v[hi] < v[mid]) swap(v, hi, mid);
    int pivot = v[mid];
    int i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        swap(v, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller half, loop on the larger: O(log n) stack.
    if (j - lo < hi - i) {
      quicksort(v, lo, j);
      lo = i;
    } else {
      quicksort(v, i, hi);
      hi = j;
    }
  }
  insertion(v, lo, hi);
}

// Sorts n (at most MAX) PRNG values; returns a position-weighted checksum (0 if unsorted).
EXPORT int run(int n) {
  if (n > MAX) n = MAX;
  u32 seed = 88172645u;
  for (int i = 0; i < n; i++) values[i] = (int)xorshift32(&seed);
  quicksort(values, 0, n - 1);
  u32 sum = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && values[i - 1] > values[i]) return 0;
    sum = sum * 31 + (u32)values[i];
  }
  return (int)sum;
}
