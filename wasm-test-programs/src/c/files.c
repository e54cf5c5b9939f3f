/*
 * POSIX file API on a work directory: create, write, seek, pread/pwrite, truncate, append,
 * rename, mkdir/rmdir, readdir, stat, utimens, unlink, and the errors each one must give.
 * Usage: files DIR   (DIR exists and is empty; what is left in it is compared too)
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "common.h"

static const char *dir;

static void show_stat(const char *label, const char *name) {
  struct stat st;
  if (stat(in_dir(dir, name), &st) < 0) {
    printf("stat %s: %s\n", label, errno_name(errno));
    return;
  }
  printf("stat %s: %s size=%lld nlink>0=%d\n", label,
         S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : "other",
         S_ISREG(st.st_mode) ? (long long)st.st_size : -1LL, st.st_nlink > 0);
}

static void show_bytes(const char *label, int fd, off_t at, size_t n) {
  unsigned char b[256];
  ssize_t got = pread(fd, b, n, at);
  printf("%s: %zd [", label, got);
  for (ssize_t i = 0; i < got; i++) {
    if (b[i] >= 32 && b[i] < 127) putchar(b[i]);
    else printf("\\x%02x", b[i]);
  }
  printf("]\n");
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *label, const char *name) {
  DIR *d = opendir(in_dir(dir, name));
  if (!d) {
    printf("list %s: %s\n", label, errno_name(errno));
    return;
  }
  char *names[1024];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 1024) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char *s = malloc(strlen(e->d_name) + 3);
    sprintf(s, "%s%s", e->d_name,
            e->d_type == DT_DIR ? "/" : e->d_type == DT_REG ? "" : e->d_type == DT_LNK ? "@" : "?");
    names[n++] = s;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("list %s: %d entries", label, n);
  for (int i = 0; i < n && i < 12; i++) printf(" %s", names[i]);
  if (n > 12) printf(" ... %s", names[n - 1]);
  printf("\n");
  for (int i = 0; i < n; i++) free(names[i]);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: files DIR\n");
    return 2;
  }
  dir = argv[1];

  /* create, exclusive create, write, seek */
  int fd = open(in_dir(dir, "a.txt"), O_CREAT | O_EXCL | O_RDWR, 0644);
  report("create a.txt", fd);
  report("create a.txt again (O_EXCL)", open(in_dir(dir, "a.txt"), O_CREAT | O_EXCL | O_RDWR, 0644));
  printf("write: %zd\n", write(fd, "hello, world\n", 13));
  printf("seek cur: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("seek set 7: %lld\n", (long long)lseek(fd, 7, SEEK_SET));
  printf("write: %zd\n", write(fd, "WASI!", 5));
  printf("seek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
  printf("seek end-3: %lld\n", (long long)lseek(fd, -3, SEEK_END));
  char rb[16] = {0};
  printf("read: %zd [%s]\n", read(fd, rb, sizeof rb - 1), rb);
  long long neg = (long long)lseek(fd, -100, SEEK_SET);
  printf("seek negative: %lld %s\n", neg, errno_name(errno));
  /* a hole: write past the end, the gap reads as zeros */
  printf("seek 20: %lld\n", (long long)lseek(fd, 20, SEEK_SET));
  printf("write: %zd\n", write(fd, "tail", 4));
  show_bytes("after hole", fd, 10, 20);
  show_stat("a.txt", "a.txt");

  /* pread/pwrite leave the offset alone */
  printf("pwrite: %zd\n", pwrite(fd, "PW", 2, 0));
  printf("offset after pwrite: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  show_bytes("pread", fd, 0, 13);

  /* truncate: shrink, then grow (zero-filled) */
  report("ftruncate 5", ftruncate(fd, 5));
  show_stat("a.txt after shrink", "a.txt");
  report("ftruncate 9", ftruncate(fd, 9));
  show_bytes("after grow", fd, 0, 64);
  report("truncate path 3", truncate(in_dir(dir, "a.txt"), 3));
  show_stat("a.txt after truncate", "a.txt");
  report("fsync", fsync(fd));
  report("fdatasync", fdatasync(fd));
  report("close", close(fd));
  report("close again", close(fd));
  ssize_t w = write(fd, "x", 1);
  printf("write closed fd: %zd %s\n", w, errno_name(errno));

  /* append mode writes at the end whatever the offset */
  fd = open(in_dir(dir, "a.txt"), O_WRONLY | O_APPEND);
  report("open append", fd);
  lseek(fd, 0, SEEK_SET);
  printf("append: %zd\n", write(fd, "++", 2));
  close(fd);
  fd = open(in_dir(dir, "a.txt"), O_RDONLY);
  show_bytes("appended", fd, 0, 64);
  w = write(fd, "x", 1);
  printf("write to read-only fd: %zd %s\n", w, errno_name(errno));
  close(fd);

  /* O_TRUNC */
  fd = open(in_dir(dir, "b.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  printf("b write: %zd\n", write(fd, "0123456789", 10));
  close(fd);
  fd = open(in_dir(dir, "b.txt"), O_WRONLY | O_TRUNC);
  printf("b write after O_TRUNC: %zd\n", write(fd, "xy", 2));
  close(fd);
  show_stat("b.txt", "b.txt");

  /* opening what is not there, or not a file */
  report("open missing", open(in_dir(dir, "missing.txt"), O_RDONLY));
  report("open missing/child", open(in_dir(dir, "missing/child"), O_RDONLY));
  report("open file as dir", open(in_dir(dir, "b.txt/child"), O_RDONLY));
  report("open O_DIRECTORY on file", open(in_dir(dir, "b.txt"), O_RDONLY | O_DIRECTORY));

  /* directories */
  report("mkdir sub", mkdir(in_dir(dir, "sub"), 0755));
  report("mkdir sub again", mkdir(in_dir(dir, "sub"), 0755));
  report("mkdir sub/deep", mkdir(in_dir(dir, "sub/deep"), 0755));
  report("mkdir no/parent", mkdir(in_dir(dir, "no/parent"), 0755));
  report("open dir for write", open(in_dir(dir, "sub"), O_WRONLY));
  show_stat("sub", "sub");
  show_stat("missing", "missing");

  /* rename: plain, over an existing file, into a directory, missing source */
  report("rename a->c", rename(in_dir(dir, "a.txt"), in_dir(dir, "c.txt")));
  show_stat("a.txt gone", "a.txt");
  report("rename c over b", rename(in_dir(dir, "c.txt"), in_dir(dir, "b.txt")));
  fd = open(in_dir(dir, "b.txt"), O_RDONLY);
  show_bytes("b.txt now", fd, 0, 64);
  close(fd);
  report("rename missing", rename(in_dir(dir, "nope"), in_dir(dir, "x")));
  report("rename b into sub", rename(in_dir(dir, "b.txt"), in_dir(dir, "sub/b.txt")));
  report("rename dir sub/deep -> deeper", rename(in_dir(dir, "sub/deep"), in_dir(dir, "deeper")));

  /* many entries: readdir needs several host calls */
  for (int i = 0; i < 300; i++) {
    char name[64];
    snprintf(name, sizeof name, "sub/entry-%03d-with-a-fairly-long-name.dat", i);
    fd = open(in_dir(dir, name), O_CREAT | O_WRONLY, 0644);
    if (fd < 0) {
      printf("create %s: %s\n", name, errno_name(errno));
      return 1;
    }
    char content[32];
    int len = snprintf(content, sizeof content, "%d\n", i * i);
    write(fd, content, len);
    close(fd);
  }
  list("root", ".");
  list("sub", "sub");
  list("missing", "missing");

  /* unlink and rmdir, with their errors */
  report("rmdir non-empty", rmdir(in_dir(dir, "sub")));
  report("unlink a directory", unlink(in_dir(dir, "deeper")));
  report("rmdir a file", rmdir(in_dir(dir, "sub/b.txt")));
  report("unlink missing", unlink(in_dir(dir, "missing")));
  int removed = 0;
  for (int i = 0; i < 300; i += 2) {
    char name[64];
    snprintf(name, sizeof name, "sub/entry-%03d-with-a-fairly-long-name.dat", i);
    removed += unlink(in_dir(dir, name)) == 0;
  }
  printf("unlinked: %d\n", removed);
  list("sub after unlink", "sub");
  report("rmdir deeper", rmdir(in_dir(dir, "deeper")));
  show_stat("deeper", "deeper");

  /* an unlinked file stays readable through an open descriptor */
  fd = open(in_dir(dir, "temp.txt"), O_CREAT | O_RDWR, 0644);
  write(fd, "still here", 10);
  report("unlink open file", unlink(in_dir(dir, "temp.txt")));
  show_bytes("read unlinked", fd, 0, 32);
  close(fd);
  show_stat("temp.txt", "temp.txt");

  /* timestamps: set them, read them back */
  fd = open(in_dir(dir, "stamped.txt"), O_CREAT | O_WRONLY, 0644);
  write(fd, "t", 1);
  struct timespec times[2] = {{1000000000, 0}, {1234567890, 500000000}};
  report("futimens", futimens(fd, times));
  close(fd);
  struct stat st;
  stat(in_dir(dir, "stamped.txt"), &st);
  printf("mtime: %lld.%09ld atime: %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
         (long long)st.st_atim.tv_sec);
  struct timespec t2[2] = {{0, UTIME_OMIT}, {2000000000, 0}};
  report("utimensat", utimensat(AT_FDCWD, in_dir(dir, "stamped.txt"), t2, 0));
  stat(in_dir(dir, "stamped.txt"), &st);
  printf("mtime: %lld atime: %lld\n", (long long)st.st_mtim.tv_sec, (long long)st.st_atim.tv_sec);

  /* fstat on descriptors */
  fd = open(in_dir(dir, "sub"), O_RDONLY | O_DIRECTORY);
  report("open dir", fd);
  fstat(fd, &st);
  printf("fstat dir: isdir=%d\n", S_ISDIR(st.st_mode));
  close(fd);
  printf("done\n");
  return 0;
}
