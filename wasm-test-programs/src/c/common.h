/*
 * Helpers shared by the test programs. Every program is built twice from the same source:
 * natively with gcc (glibc) and for wasm32-wasi with clang (wasi-libc), and both builds must
 * print the same bytes. So nothing printed may depend on the C library: errno values differ
 * between Linux and WASI (print errno_name), and strerror texts differ (never print them).
 */
#ifndef PATINA_COMMON_H
#define PATINA_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline const char *errno_name(int e) {
  switch (e) {
    case 0: return "OK";
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EPERM: return "EPERM";
    case ESPIPE: return "ESPIPE";
    case EXDEV: return "EXDEV";
    case EROFS: return "EROFS";
    case ENOSYS: return "ENOSYS";
    case ENOMEM: return "ENOMEM";
#ifdef ENOTCAPABLE
    case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
    default: return "E?";
  }
}

/* Joins the work directory given on the command line and a relative name. */
static inline const char *in_dir(const char *dir, const char *name) {
  static char buf[4][4096];
  static int next;
  char *b = buf[next++ & 3];
  snprintf(b, sizeof buf[0], "%s/%s", dir, name);
  return b;
}

/* Prints "label: OK" when rc is not negative, else "label: <errno name>". */
static inline void report(const char *label, long rc) {
  printf("%s: %s\n", label, rc < 0 ? errno_name(errno) : "OK");
}

#endif
