/*
 * Symbolic and hard links inside the work directory: create, read, follow, stat vs lstat,
 * dangling links, links to directories, rename and unlink of links.
 * Usage: links DIR
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static const char *dir;

static void show(const char *label, const char *name, int follow) {
  struct stat st;
  int rc = follow ? stat(in_dir(dir, name), &st) : lstat(in_dir(dir, name), &st);
  if (rc < 0) {
    printf("%s %s: %s\n", follow ? "stat" : "lstat", label, errno_name(errno));
    return;
  }
  printf("%s %s: %s nlink=%ld size=%lld\n", follow ? "stat" : "lstat", label,
         S_ISLNK(st.st_mode) ? "symlink" : S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other",
         S_ISDIR(st.st_mode) ? -1L : (long)st.st_nlink, S_ISDIR(st.st_mode) ? -1LL : (long long)st.st_size);
}

static void cat(const char *label, const char *name) {
  char buf[128] = {0};
  int fd = open(in_dir(dir, name), O_RDONLY);
  if (fd < 0) {
    printf("cat %s: %s\n", label, errno_name(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  printf("cat %s: %zd [%s]\n", label, n, buf);
}

static void rl(const char *name) {
  char buf[256];
  ssize_t n = readlink(in_dir(dir, name), buf, sizeof buf - 1);
  if (n < 0) {
    printf("readlink %s: %s\n", name, errno_name(errno));
    return;
  }
  buf[n] = 0;
  printf("readlink %s: [%s]\n", name, buf);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  dir = argv[1];
  int fd = open(in_dir(dir, "target.txt"), O_CREAT | O_WRONLY, 0644);
  write(fd, "the target\n", 11);
  close(fd);
  mkdir(in_dir(dir, "d"), 0755);
  fd = open(in_dir(dir, "d/in-d.txt"), O_CREAT | O_WRONLY, 0644);
  write(fd, "in d\n", 5);
  close(fd);

  report("symlink link -> target.txt", symlink("target.txt", in_dir(dir, "link")));
  report("symlink again", symlink("target.txt", in_dir(dir, "link")));
  report("symlink d/up -> ../target.txt", symlink("../target.txt", in_dir(dir, "d/up")));
  report("symlink dlink -> d", symlink("d", in_dir(dir, "dlink")));
  report("symlink dangling -> nowhere", symlink("nowhere", in_dir(dir, "dangling")));
  rl("link");
  rl("d/up");
  rl("target.txt");
  rl("missing");
  show("link", "link", 1);
  show("link", "link", 0);
  show("dangling", "dangling", 1);
  show("dangling", "dangling", 0);
  show("dlink", "dlink", 1);
  cat("link", "link");
  cat("d/up", "d/up");
  cat("dlink/in-d.txt", "dlink/in-d.txt");
  cat("dangling", "dangling");
  report("open O_NOFOLLOW on a link", open(in_dir(dir, "link"), O_RDONLY | O_NOFOLLOW));

  /* writing through a link writes the target */
  fd = open(in_dir(dir, "link"), O_WRONLY | O_APPEND);
  write(fd, "appended via link\n", 18);
  close(fd);
  cat("target.txt", "target.txt");

  /* hard links share the data */
  report("link hard -> target.txt", link(in_dir(dir, "target.txt"), in_dir(dir, "hard")));
  show("target.txt", "target.txt", 1);
  show("hard", "hard", 1);
  report("link onto an existing name", link(in_dir(dir, "target.txt"), in_dir(dir, "hard")));

  /* rename and unlink act on the link, not the target */
  report("rename link -> renamed", rename(in_dir(dir, "link"), in_dir(dir, "renamed")));
  rl("renamed");
  report("unlink renamed", unlink(in_dir(dir, "renamed")));
  show("target.txt after unlinking a link to it", "target.txt", 1);
  report("unlink dangling", unlink(in_dir(dir, "dangling")));
  report("rmdir dlink (a link)", rmdir(in_dir(dir, "dlink")));
  report("unlink dlink", unlink(in_dir(dir, "dlink")));
  show("d", "d", 1);
  report("unlink target.txt", unlink(in_dir(dir, "target.txt")));
  cat("hard", "hard");
  show("hard", "hard", 1);
  cat("d/up (now dangling)", "d/up");
  return 0;
}
