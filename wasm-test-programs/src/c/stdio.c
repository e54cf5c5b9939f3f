/*
 * Buffered C I/O on files: fopen modes, formatted writes, line reads, fseek/ftell, large
 * binary writes read back in odd-sized chunks, ungetc, remove.
 * Usage: stdio DIR
 */
#include <stdint.h>

#include "common.h"

static uint32_t fnv(const unsigned char *p, size_t n, uint32_t h) {
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  const char *dir = argv[1];

  FILE *f = fopen(in_dir(dir, "lines.txt"), "w");
  if (!f) {
    printf("fopen w: %s\n", errno_name(errno));
    return 1;
  }
  for (int i = 0; i < 5000; i++) fprintf(f, "line %5d: %08x %-10s|%+.3e\n", i, i * 2654435761u, "pad", i / 7.0);
  printf("ftell after writes: %ld\n", ftell(f));
  fclose(f);

  f = fopen(in_dir(dir, "lines.txt"), "r");
  char buf[256];
  int count = 0;
  uint32_t h = 2166136261u;
  while (fgets(buf, sizeof buf, f)) {
    count++;
    h = fnv((unsigned char *)buf, strlen(buf), h);
  }
  printf("lines: %d hash: %08x eof: %d\n", count, h, feof(f));
  fseek(f, -30, SEEK_END);
  printf("ftell near end: %ld\n", ftell(f));
  fgets(buf, sizeof buf, f);
  printf("tail: %s", buf);
  rewind(f);
  int c = fgetc(f);
  ungetc('L', f);
  fgets(buf, sizeof buf, f);
  printf("first char %c, after ungetc: %s", c, buf);
  int n = 0;
  fseek(f, 0, SEEK_SET);
  if (fscanf(f, "line %d:", &n) == 1) printf("fscanf: %d\n", n);
  fclose(f);

  /* append and read-update modes */
  f = fopen(in_dir(dir, "lines.txt"), "a");
  fputs("appended line\n", f);
  fclose(f);
  f = fopen(in_dir(dir, "lines.txt"), "r+");
  fseek(f, 0, SEEK_SET);
  fputs("LINE", f);
  fseek(f, 0, SEEK_END);
  printf("size after append: %ld\n", ftell(f));
  fclose(f);
  f = fopen(in_dir(dir, "lines.txt"), "r");
  fgets(buf, sizeof buf, f);
  printf("first line now: %s", buf);
  fclose(f);

  /* one MiB of binary data, read back in chunks of 4093 bytes */
  unsigned char *big = malloc(1 << 20);
  for (int i = 0; i < (1 << 20); i++) big[i] = (unsigned char)(i * 31 + (i >> 9));
  f = fopen(in_dir(dir, "big.bin"), "wb");
  printf("fwrite: %zu\n", fwrite(big, 1, 1 << 20, f));
  fclose(f);
  f = fopen(in_dir(dir, "big.bin"), "rb");
  unsigned char chunk[4093];
  size_t total = 0, got;
  h = 2166136261u;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
    total += got;
    h = fnv(chunk, got, h);
  }
  printf("fread: %zu hash: %08x expected: %08x\n", total, h, fnv(big, 1 << 20, 2166136261u));
  fseek(f, 500000, SEEK_SET);
  printf("byte at 500000: %d expected %d\n", fgetc(f), big[500000]);
  fclose(f);
  free(big);

  /* modes that must fail */
  f = fopen(in_dir(dir, "nope/x.txt"), "w");
  printf("fopen in missing dir: %s\n", f ? "opened" : errno_name(errno));
  f = fopen(in_dir(dir, "missing.txt"), "r");
  printf("fopen missing for read: %s\n", f ? "opened" : errno_name(errno));

  f = fopen(in_dir(dir, "gone.txt"), "w");
  fputs("x", f);
  fclose(f);
  printf("remove: %d\n", remove(in_dir(dir, "gone.txt")));
  int r = remove(in_dir(dir, "gone.txt"));
  printf("remove again: %d %s\n", r, errno_name(errno));
  fprintf(stderr, "stdio: a line on stderr\n");
  return 0;
}
