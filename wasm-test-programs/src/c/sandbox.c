/*
 * Sandbox escapes (Wasm only): every attempt to reach outside the preopened directory must
 * fail, through "..", absolute paths, or symlinks pointing out; the same operations inside it
 * must work. Uses the raw WASI calls on the preopen's descriptor, so that the host, not
 * wasi-libc, is what says no, plus a few calls through libc.
 *
 * The test lays out, with DIR preopened as GUEST and OUT beside it (not preopened):
 *   DIR/inside.txt  DIR/sub/inner.txt  DIR/in_link -> inside.txt  DIR/sub/up -> ..
 *   DIR/out_abs -> /abs/path/OUT/secret.txt   DIR/out_rel -> ../outside/secret.txt
 *   DIR/out_dir -> ../outside   DIR/chain1 -> sub/chain2   DIR/sub/chain2 -> ../../outside/secret.txt
 *   OUT/secret.txt
 * Usage: sandbox GUEST   Prints one line per case; exits with the number of cases that went
 * wrong (an escape that succeeded, or an inside operation that failed).
 */
#include <fcntl.h>
#include <wasi/api.h>

#include "common.h"

static int wrong;
static __wasi_fd_t root = (__wasi_fd_t)-1;

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
/* what the preopen lets its children have (asking for more is refused by some hosts) */
static __wasi_rights_t RIGHTS;

static void escape(const char *what, __wasi_errno_t e) {
  if (e == 0) {
    printf("ESCAPED: %s\n", what);
    wrong++;
  } else {
    printf("blocked: %s\n", what);
  }
}

static void inside(const char *what, __wasi_errno_t e) {
  if (e == 0) {
    printf("ok: %s\n", what);
  } else {
    printf("FAILED (errno %d): %s\n", e, what);
    wrong++;
  }
}

/* Asks for no more than the operation needs, so that a refusal means the path, not the rights:
 * directories and files opened to read get no write rights. */
static __wasi_rights_t rights_for(__wasi_oflags_t oflags) {
  if (oflags & (__WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC)) return RIGHTS;
  return RIGHTS & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE |
                    __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_DATASYNC);
}

static __wasi_errno_t open_at(__wasi_fd_t dir, const char *path, __wasi_lookupflags_t look,
                              __wasi_oflags_t oflags, __wasi_fd_t *out) {
  __wasi_fd_t fd;
  __wasi_errno_t e =
      __wasi_path_open(dir, look, path, oflags, rights_for(oflags), RIGHTS, 0, &fd);
  if (e == 0) {
    if (out) *out = fd;
    else (void)__wasi_fd_close(fd);
  }
  return e;
}

static __wasi_errno_t read_file(const char *path, __wasi_lookupflags_t look) {
  __wasi_fd_t fd;
  __wasi_errno_t e = open_at(root, path, look, 0, &fd);
  if (e) return e;
  char buf[64];
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
  __wasi_size_t n = 0;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  (void)__wasi_fd_close(fd);
  return e;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  /* find the preopen named GUEST */
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
    char name[256] = {0};
    if (ps.u.dir.pr_name_len < sizeof name &&
        __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len) == 0 &&
        strcmp(name, argv[1]) == 0) {
      root = fd;
    }
  }
  if (root == (__wasi_fd_t)-1) {
    printf("no preopen named %s\n", argv[1]);
    return 100;
  }
  __wasi_fdstat_t fdstat;
  if (__wasi_fd_fdstat_get(root, &fdstat) != 0) {
    printf("fd_fdstat_get failed\n");
    return 100;
  }
  RIGHTS = fdstat.fs_rights_inheriting;

  /* inside: these must work */
  inside("read inside.txt", read_file("inside.txt", FOLLOW));
  inside("read sub/../inside.txt", read_file("sub/../inside.txt", FOLLOW));
  inside("read ./sub/inner.txt", read_file("./sub/inner.txt", FOLLOW));
  inside("read through symlink in_link", read_file("in_link", FOLLOW));
  inside("read through symlink sub/up/inside.txt", read_file("sub/up/inside.txt", FOLLOW));
  __wasi_filestat_t st;
  inside("stat sub", __wasi_path_filestat_get(root, FOLLOW, "sub", &st));
  char link[256];
  __wasi_size_t len;
  inside("readlink out_abs (reading a link is not following it)",
         __wasi_path_readlink(root, "out_abs", (uint8_t *)link, sizeof link, &len));
  inside("stat out_abs without following",
         __wasi_path_filestat_get(root, 0, "out_abs", &st));

  /* "..": up and out */
  escape("read ../outside/secret.txt", read_file("../outside/secret.txt", FOLLOW));
  escape("read sub/../../outside/secret.txt", read_file("sub/../../outside/secret.txt", FOLLOW));
  escape("open .. as a directory", open_at(root, "..", FOLLOW, __WASI_OFLAGS_DIRECTORY, NULL));
  escape("open sub/../.. as a directory",
         open_at(root, "sub/../..", FOLLOW, __WASI_OFLAGS_DIRECTORY, NULL));
  escape("stat ..", __wasi_path_filestat_get(root, FOLLOW, "..", &st));
  escape("stat ../outside/secret.txt",
         __wasi_path_filestat_get(root, FOLLOW, "../outside/secret.txt", &st));
  escape("create ../created.txt",
         open_at(root, "../created.txt", FOLLOW, __WASI_OFLAGS_CREAT, NULL));
  escape("mkdir ../newdir", __wasi_path_create_directory(root, "../newdir"));
  escape("rename inside.txt -> ../moved.txt",
         __wasi_path_rename(root, "inside.txt", root, "../moved.txt"));
  escape("rename ../outside/secret.txt -> stolen.txt",
         __wasi_path_rename(root, "../outside/secret.txt", root, "stolen.txt"));
  escape("link inside.txt -> ../hardlink", __wasi_path_link(root, 0, "inside.txt", root, "../hardlink"));
  escape("link ../outside/secret.txt -> stolen-link",
         __wasi_path_link(root, 0, "../outside/secret.txt", root, "stolen-link"));
  escape("unlink ../outside/secret.txt", __wasi_path_unlink_file(root, "../outside/secret.txt"));
  escape("rmdir ../outside", __wasi_path_remove_directory(root, "../outside"));
  escape("set times of ../outside/secret.txt",
         __wasi_path_filestat_set_times(root, FOLLOW, "../outside/secret.txt", 0, 0,
                                        __WASI_FSTFLAGS_MTIM_NOW));
  escape("symlink sub/../../escape -> inside.txt",
         __wasi_path_symlink("inside.txt", root, "sub/../../escape"));

  /* absolute paths */
  escape("read /etc/passwd", read_file("/etc/passwd", FOLLOW));
  escape("open / as a directory", open_at(root, "/", FOLLOW, __WASI_OFLAGS_DIRECTORY, NULL));
  escape("stat /etc", __wasi_path_filestat_get(root, FOLLOW, "/etc", &st));
  escape("create /tmp/patina-escape.txt",
         open_at(root, "/tmp/patina-escape.txt", FOLLOW, __WASI_OFLAGS_CREAT, NULL));

  /* symlinks pointing outside */
  escape("read through out_abs", read_file("out_abs", FOLLOW));
  escape("read through out_rel", read_file("out_rel", FOLLOW));
  escape("read out_dir/secret.txt", read_file("out_dir/secret.txt", FOLLOW));
  escape("read through chain1 -> sub/chain2 -> outside", read_file("chain1", FOLLOW));
  escape("stat following out_rel", __wasi_path_filestat_get(root, FOLLOW, "out_rel", &st));
  escape("open out_dir as a directory",
         open_at(root, "out_dir", FOLLOW, __WASI_OFLAGS_DIRECTORY, NULL));
  escape("truncate through out_rel",
         open_at(root, "out_rel", FOLLOW, __WASI_OFLAGS_TRUNC, NULL));
  escape("create out_dir/new.txt",
         open_at(root, "out_dir/new.txt", FOLLOW, __WASI_OFLAGS_CREAT, NULL));
  escape("set times through out_abs",
         __wasi_path_filestat_set_times(root, FOLLOW, "out_abs", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  /* a link the guest makes itself; making it may be allowed, following it must not be */
  (void)__wasi_path_symlink("../outside/secret.txt", root, "made_rel");
  escape("read through a symlink the guest made (relative)", read_file("made_rel", FOLLOW));
  (void)__wasi_path_symlink("/etc/passwd", root, "made_abs");
  escape("read through a symlink the guest made (absolute)", read_file("made_abs", FOLLOW));

  /* from a directory opened inside, ".." still cannot leave the preopen */
  __wasi_fd_t sub;
  __wasi_errno_t sub_e = open_at(root, "sub", FOLLOW, __WASI_OFLAGS_DIRECTORY, &sub);
  if (sub_e == 0) {
    __wasi_fd_t f;
    __wasi_errno_t e = __wasi_path_open(sub, FOLLOW, "../../outside/secret.txt", 0,
                                        rights_for(0), RIGHTS, 0, &f);
    escape("read ../../outside/secret.txt from sub", e);
    if (e == 0) (void)__wasi_fd_close(f);
    (void)__wasi_fd_close(sub);
  } else {
    inside("open sub", sub_e);
  }

  /* through libc: the same answers */
  char path[512];
  snprintf(path, sizeof path, "%s/../outside/secret.txt", argv[1]);
  escape("fopen GUEST/../outside/secret.txt", fopen(path, "r") ? 0 : 1);
  escape("fopen /etc/passwd", fopen("/etc/passwd", "r") ? 0 : 1);
  snprintf(path, sizeof path, "%s/out_rel", argv[1]);
  escape("fopen GUEST/out_rel", fopen(path, "r") ? 0 : 1);
  snprintf(path, sizeof path, "%s/inside.txt", argv[1]);
  inside("fopen GUEST/inside.txt", fopen(path, "r") ? 0 : 1);

  printf("%d wrong\n", wrong);
  return wrong;
}
