/*
 * Randomness from the host: getentropy fills buffers with bytes that are not constant, differ
 * between calls, and look uniform (a chi-square test over 256 KiB, generous bounds).
 */
#include <unistd.h>

#include "common.h"

int main(void) {
  unsigned char a[32] = {0}, b[32] = {0};
  printf("getentropy: %d %d\n", getentropy(a, sizeof a), getentropy(b, sizeof b));
  int zeros = 0;
  for (int i = 0; i < 32; i++) zeros += a[i] == 0;
  printf("not all zero: %d\n", zeros < 32);
  printf("two draws differ: %d\n", memcmp(a, b, sizeof a) != 0);
  unsigned char big[512];
  printf("getentropy(257 bytes) refused: %d\n", getentropy(big, 257) != 0);
  long counts[256] = {0};
  int total = 0;
  for (int round = 0; round < 1024; round++) {
    getentropy(big, 256);
    for (int i = 0; i < 256; i++) counts[big[i]]++;
    total += 256;
  }
  double expected = total / 256.0, chi = 0;
  for (int i = 0; i < 256; i++) chi += (counts[i] - expected) * (counts[i] - expected) / expected;
  /* 255 degrees of freedom: mean 255, the bounds below are about 6 standard deviations out */
  printf("chi-square plausible: %d\n", chi > 120 && chi < 400);
  return 0;
}
