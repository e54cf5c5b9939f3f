/*
 * Exit statuses and what happens to buffered output on the way out.
 * Usage: exit MODE CODE
 *   exit CODE     printf without newline, then exit(CODE): stdio is flushed
 *   return CODE   return CODE from main
 *   atexit CODE   an atexit handler prints, then exit(CODE)
 *   _Exit CODE    buffered output is lost
 *   abort 0       abort(): killed (native SIGABRT, Wasm trap)
 */
#include <unistd.h>

#include "common.h"

static void handler(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  const char *mode = argv[1];
  int code = atoi(argv[2]);
  printf("mode %s code %d", mode, code);
  if (!strcmp(mode, "exit")) exit(code);
  if (!strcmp(mode, "return")) return code;
  if (!strcmp(mode, "atexit")) {
    atexit(handler);
    printf("\n");
    exit(code);
  }
  if (!strcmp(mode, "_Exit")) _Exit(code);
  if (!strcmp(mode, "abort")) {
    printf("\n");
    fflush(stdout);
    abort();
  }
  return 99;
}
