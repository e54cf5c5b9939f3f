/*
 * Standard input to the end: counts lines, words and bytes, and echoes the lines in reverse
 * order upper-cased; binary bytes pass through intact.
 */
#include <ctype.h>

#include "common.h"

int main(void) {
  size_t cap = 1 << 16, len = 0;
  char *data = malloc(cap);
  size_t got;
  while ((got = fread(data + len, 1, cap - len, stdin)) > 0) {
    len += got;
    if (len == cap) data = realloc(data, cap *= 2);
  }
  long lines = 0, words = 0, zeros = 0;
  int inword = 0;
  for (size_t i = 0; i < len; i++) {
    if (data[i] == '\n') lines++;
    if (data[i] == 0) zeros++;
    if (isspace((unsigned char)data[i])) inword = 0;
    else if (!inword) inword = 1, words++;
  }
  printf("%ld lines, %ld words, %zu bytes, %ld NULs, eof: %d\n", lines, words, len, zeros, feof(stdin));
  /* the lines in reverse order, upper-cased, NULs shown as '0' */
  size_t end = len;
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && data[start - 1] != '\n') start--;
    for (size_t k = start; k < end; k++) {
      int ch = toupper((unsigned char)data[k]);
      putchar(ch == 0 ? '0' : ch);
    }
    if (data[end - 1] != '\n') putchar('\n');
    end = start;
  }
  free(data);
  return 0;
}
