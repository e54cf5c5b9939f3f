/*
 * Arguments and environment: every argument but argv[0] (whose spelling is the runner's), and
 * the whole environment sorted, plus getenv/setenv/unsetenv; and whether stdin, stdout and stderr
 * are terminals (in the tests they are pipes: a runner must not claim a terminal, or stdio would
 * buffer by lines).
 * Usage: args_env ARGS...   (run with a controlled environment)
 */
#include <unistd.h>

#include "common.h"

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc: %d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]: [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
  int n = 0;
  while (environ[n]) n++;
  char **sorted = malloc((n + 1) * sizeof *sorted);
  memcpy(sorted, environ, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, cmp);
  printf("environ: %d\n", n);
  for (int i = 0; i < n; i++) printf("  %s\n", sorted[i]);
  const char *g = getenv("GREETING");
  printf("getenv GREETING: %s\n", g ? g : "(null)");
  g = getenv("NOT_SET_ANYWHERE");
  printf("getenv NOT_SET_ANYWHERE: %s\n", g ? g : "(null)");
  setenv("ADDED", "yes", 1);
  unsetenv("GREETING");
  printf("after setenv/unsetenv: ADDED=%s GREETING=%s\n", getenv("ADDED"),
         getenv("GREETING") ? getenv("GREETING") : "(null)");
  printf("isatty: %d %d %d\n", isatty(0), isatty(1), isatty(2));
  return 0;
}
