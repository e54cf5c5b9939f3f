// A small C program over wasi-libc: arguments, environment, files under a preopen, a
// directory listing, stdin, stderr and the exit status. Built by build.sh (clang + wasi-libc).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("arg %s\n", argv[i]);
  const char *greeting = getenv("GREETING");
  printf("GREETING=%s\n", greeting ? greeting : "(unset)");
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  printf("clock %s\n", ts.tv_sec > 1600000000 ? "ok" : "wrong");

  FILE *f = fopen("/data/out.txt", "w");
  if (!f) { perror("fopen"); return 3; }
  for (int i = 0; i < 3; i++) fprintf(f, "line %d\n", i);
  fclose(f);
  f = fopen("/data/out.txt", "r");
  char line[64];
  int lines = 0;
  while (fgets(line, sizeof line, f)) lines++;
  fclose(f);
  printf("lines %d\n", lines);

  mkdir("/data/sub", 0755);
  struct stat st;
  printf("sub is a directory: %d\n", stat("/data/sub", &st) == 0 && S_ISDIR(st.st_mode));
  DIR *d = opendir("/data");
  int entries = 0;
  for (struct dirent *e; (e = readdir(d));) entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  closedir(d);
  printf("entries %d\n", entries);
  rmdir("/data/sub");
  unlink("/data/out.txt");

  int fd = open("/data/../../etc/passwd", O_RDONLY);
  printf("escape: %s\n", fd < 0 ? strerror(errno) : "OPENED");

  if (fgets(line, sizeof line, stdin)) printf("stdin %s", line);
  fprintf(stderr, "done\n");
  return argc > 1 ? atoi(argv[argc - 1]) : 0;
}
