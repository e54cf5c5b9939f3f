/* The smallest WASI program: a line on each of stdout and stderr. Also the probe that tells
 * whether the CLI under test runs WASI programs at all. */
#include <stdio.h>

int main(void) {
  printf("hello, world\n");
  fprintf(stderr, "hello, stderr\n");
  return 0;
}
