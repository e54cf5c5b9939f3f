/*
 * Edge cases of the file API, each compared with Linux: reading a directory, writing or
 * truncating through a read-only descriptor, trailing slashes, renames between files and
 * directories, over-long names, rewinddir, inode numbers of hard links, seeking a pipe.
 * Where WASI hosts legitimately answer with another errno than Linux (read on a directory:
 * Linux EISDIR, wasmtime EBADF; ftruncate on a read-only descriptor: Linux EINVAL, wasmtime
 * EPERM), only the failure itself is compared.
 * Usage: edges DIR   (stdin is a pipe)
 */
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static const char *dir;

static void touch(const char *name, const char *content) {
  int fd = open(in_dir(dir, name), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, content, strlen(content));
  close(fd);
}

static int count_entries(DIR *d) {
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) n += e->d_name[0] != '.';
  return n;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  dir = argv[1];
  touch("file.txt", "0123456789");
  mkdir(in_dir(dir, "d1"), 0755);
  mkdir(in_dir(dir, "d2"), 0755);
  touch("d2/inside.txt", "x");
  mkdir(in_dir(dir, "empty"), 0755);

  char buf[16];
  int fd = open(in_dir(dir, "d1"), O_RDONLY);
  ssize_t n = read(fd, buf, sizeof buf);
  printf("read a directory: %zd\n", n);
  close(fd);

  fd = open(in_dir(dir, "file.txt"), O_RDONLY);
  n = write(fd, "x", 1);
  printf("write read-only fd: %zd %s\n", n, n < 0 ? errno_name(errno) : "");
  int rc = ftruncate(fd, 2);
  printf("ftruncate read-only fd: %d\n", rc);
  close(fd);
  fd = open(in_dir(dir, "file.txt"), O_WRONLY);
  n = read(fd, buf, sizeof buf);
  printf("read write-only fd: %zd %s\n", n, n < 0 ? errno_name(errno) : "");
  close(fd);

  report("open file.txt/ (trailing slash)", open(in_dir(dir, "file.txt/"), O_RDONLY));
  report("open d1/ (trailing slash)", open(in_dir(dir, "d1/"), O_RDONLY));
  report("mkdir d3/ (trailing slash)", mkdir(in_dir(dir, "d3/"), 0755));
  report("rmdir d3/ (trailing slash)", rmdir(in_dir(dir, "d3/")));
  report("stat ./d1/../file.txt", access(in_dir(dir, "./d1/../file.txt"), F_OK));
  report("access missing", access(in_dir(dir, "missing"), F_OK));

  report("rename dir over non-empty dir", rename(in_dir(dir, "d1"), in_dir(dir, "d2")));
  report("rename dir over file", rename(in_dir(dir, "d1"), in_dir(dir, "file.txt")));
  report("rename file over dir", rename(in_dir(dir, "file.txt"), in_dir(dir, "d1")));
  report("rename dir over empty dir", rename(in_dir(dir, "d1"), in_dir(dir, "empty")));
  report("rename dir into itself", rename(in_dir(dir, "d2"), in_dir(dir, "d2/sub")));
  report("rename to itself", rename(in_dir(dir, "file.txt"), in_dir(dir, "file.txt")));

  char longname[300];
  memset(longname, 'n', 255);
  longname[255] = 0;
  fd = open(in_dir(dir, longname), O_CREAT | O_WRONLY, 0644);
  report("create a 255-byte name", fd);
  close(fd);
  longname[255] = 'n';
  longname[256] = 0;
  report("create a 256-byte name", open(in_dir(dir, longname), O_CREAT | O_WRONLY, 0644));

  DIR *d = opendir(dir);
  int first = count_entries(d);
  touch("later.txt", "y");
  rewinddir(d);
  int second = count_entries(d);
  closedir(d);
  printf("entries before and after rewinddir: %d %d\n", first, second);

  struct stat a, b, c;
  link(in_dir(dir, "later.txt"), in_dir(dir, "later-link.txt"));
  stat(in_dir(dir, "later.txt"), &a);
  stat(in_dir(dir, "later-link.txt"), &b);
  stat(in_dir(dir, "empty"), &c);
  printf("hard links share the inode: %d, a directory has another: %d, same device: %d\n",
         a.st_ino == b.st_ino, a.st_ino != c.st_ino, a.st_dev == c.st_dev);

  off_t off = lseek(0, 0, SEEK_CUR);
  printf("lseek on a pipe: %lld %s\n", (long long)off, off < 0 ? errno_name(errno) : "");
  printf("sched_yield: %d\n", sched_yield());
  return 0;
}
