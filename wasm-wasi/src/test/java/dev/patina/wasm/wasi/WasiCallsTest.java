package dev.patina.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.ExitException;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.wasi.Harness.Rights;
import dev.patina.wasm.wasi.internal.Errno;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each WASI call as a guest makes it: results in memory, errnos as wasmtime gives them. */
class WasiCallsTest {
  private static final int CREAT = 1;
  private static final int DIRECTORY = 2;
  private static final int EXCL = 4;
  private static final int TRUNC = 8;

  @Test
  void argsAndEnvironmentAreCountedAndCopiedWithNulTerminators() {
    try (Harness h =
        new Harness(
            WasiOptions.builder().args("prog", "héllo", "").env("A", "1").env("B", "x=y"))) {
      assertEquals(0, h.call("args_sizes_get", 0, 4));
      assertEquals(3, h.i32(0));
      assertEquals(5 + 7 + 1, h.i32(4));
      assertEquals(0, h.call("args_get", 100, 200));
      assertEquals(200, h.i32(100));
      assertEquals("prog\0héllo\0\0", h.string(200, 13));
      assertEquals(205, h.i32(104));
      assertEquals(0, h.call("environ_sizes_get", 0, 4));
      assertEquals(2, h.i32(0));
      assertEquals(4 + 6, h.i32(4));
      assertEquals(0, h.call("environ_get", 100, 200));
      assertEquals("A=1\0B=x=y\0", h.string(200, 10));
    }
  }

  @Test
  void nothingIsInheritedUnlessAsked() {
    try (Harness h = new Harness(WasiOptions.builder())) {
      assertEquals(0, h.call("environ_sizes_get", 0, 4));
      assertEquals(0, h.i32(0));
      assertEquals(0, h.call("args_sizes_get", 0, 4));
      assertEquals(0, h.i32(0));
      assertEquals(0, h.call("fd_read", 0, 0, 0, 8), "empty stdin reads nothing");
    }
  }

  @Test
  void stdioReadsAndWritesTheGivenStreams() {
    var in = new ByteArrayInputStream("typed".getBytes(StandardCharsets.UTF_8));
    try (Harness h = new Harness(WasiOptions.builder().stdin(in))) {
      assertEquals(0, h.write(1, "hello\n"));
      assertEquals(6, h.i32(8));
      assertEquals(0, h.write(2, "oops"));
      assertEquals("hello\n", h.stdout());
      assertEquals("oops", h.err.toString(StandardCharsets.UTF_8));
      assertEquals("typed", h.read(0, 100));
      assertEquals("", h.read(0, 100));
      assertEquals(Errno.BADF, h.write(0, "x"), "stdin is not writable");
      assertEquals(Errno.SPIPE, h.call("fd_seek", 1, 0, 0, 0));
      assertEquals(Errno.SPIPE, h.call("fd_tell", 1, 0));
      assertEquals(Errno.BADF, h.write(9, "x"));
    }
  }

  @Test
  void writesGatherEveryIovec() {
    try (Harness h = new Harness(WasiOptions.builder())) {
      h.string(300, "abc");
      h.string(400, "defg");
      h.memory.writeInt(0, 300);
      h.memory.writeInt(4, 3);
      h.memory.writeInt(8, 400);
      h.memory.writeInt(12, 0);
      h.memory.writeInt(16, 400);
      h.memory.writeInt(20, 4);
      assertEquals(0, h.call("fd_write", 1, 0, 3, 24));
      assertEquals(7, h.i32(24));
      assertEquals("abcdefg", h.stdout());
    }
  }

  @Test
  void badPointersTrapAsTheSpecificationSays() {
    try (Harness h = new Harness(WasiOptions.builder())) {
      TrapException trap =
          assertThrows(TrapException.class, () -> h.call("args_sizes_get", 0, 2 * 65536 - 2));
      assertTrue(trap.getMessage().contains("out of bounds"), trap.getMessage());
      h.memory.writeInt(0, 2 * 65536 - 2);
      h.memory.writeInt(4, 100);
      assertThrows(TrapException.class, () -> h.call("fd_write", 1, 0, 1, 8));
    }
  }

  @Test
  void procExitUnwindsWithTheStatus() {
    try (Harness h = new Harness(WasiOptions.builder())) {
      ExitException exit =
          assertThrows(
              ExitException.class, () -> h.instance.function("proc_exit").call(valueOf(42)));
      assertEquals(42, exit.status());
      TrapException trap =
          assertThrows(
              TrapException.class, () -> h.instance.function("proc_exit").call(valueOf(200)));
      assertTrue(trap.getMessage().contains("invalid exit status"), trap.getMessage());
    }
  }

  private static dev.patina.wasm.Value valueOf(int i) {
    return dev.patina.wasm.Value.i32(i);
  }

  @Test
  void clocksAdvanceAndUnknownClocksAreInvalid() {
    try (Harness h = new Harness(WasiOptions.builder())) {
      for (int clock = 0; clock < 4; clock++) {
        assertEquals(0, h.call("clock_res_get", clock, 0));
        assertTrue(h.i64(0) > 0);
        assertEquals(0, h.call("clock_time_get", clock, 1, 8));
        assertTrue(h.i64(8) >= 0);
      }
      assertEquals(0, h.call("clock_time_get", 0, 1, 8));
      long now = System.currentTimeMillis() * 1_000_000L;
      assertTrue(Math.abs(h.i64(8) - now) < 5_000_000_000L);
      assertEquals(0, h.call("clock_time_get", 1, 1, 8));
      long t0 = h.i64(8);
      assertEquals(0, h.call("clock_time_get", 1, 1, 8));
      assertTrue(h.i64(8) >= t0);
      assertEquals(Errno.INVAL, h.call("clock_time_get", 4, 1, 8));
      assertEquals(Errno.INVAL, h.call("clock_res_get", 99, 0));
    }
  }

  @Test
  void randomFillsTheBuffer() {
    try (Harness h = new Harness(WasiOptions.builder())) {
      assertEquals(0, h.call("random_get", 0, 100_000));
      byte[] a = h.memory.read(0, 100_000);
      int zeros = 0;
      for (byte b : a) {
        zeros += b == 0 ? 1 : 0;
      }
      assertTrue(zeros < 1000, "about 1 in 256 bytes is zero, got " + zeros);
      assertEquals(0, h.call("sched_yield"));
      assertEquals(Errno.NOTSUP, h.call("proc_raise", 6));
    }
  }

  @Test
  void preopensAreDescribedFromFd3(@TempDir Path dir) throws Exception {
    Files.createDirectory(dir.resolve("b"));
    try (Harness h =
        new Harness(
            WasiOptions.builder().preopen(dir, "/sandbox").preopen(dir.resolve("b"), "."))) {
      assertEquals(0, h.call("fd_prestat_get", 3, 0));
      assertEquals(0, h.memory.readByte(0));
      assertEquals(8, h.i32(4));
      assertEquals(0, h.call("fd_prestat_dir_name", 3, 16, 8));
      assertEquals("/sandbox", h.string(16, 8));
      assertEquals(Errno.NAMETOOLONG, h.call("fd_prestat_dir_name", 3, 16, 7));
      assertEquals(0, h.call("fd_prestat_get", 4, 0));
      assertEquals(1, h.i32(4));
      assertEquals(Errno.BADF, h.call("fd_prestat_get", 5, 0));
      assertEquals(Errno.BADF, h.call("fd_prestat_get", 1, 0));
      assertEquals(0, h.call("fd_fdstat_get", 3, 0));
      assertEquals(3, h.memory.readByte(0), "directory");
    }
  }

  @Test
  void filesAreCreatedWrittenSeekedAndRead(@TempDir Path dir) throws Exception {
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      int fd = h.open(3, "new.txt", CREAT | TRUNC, Rights.READ_WRITE, 0);
      assertTrue(fd > 3, "fd " + fd);
      assertEquals(0, h.write(fd, "hello world"));
      assertEquals("hello world", Files.readString(dir.resolve("new.txt")));
      assertEquals(0, h.call("fd_tell", fd, 0));
      assertEquals(11, h.i64(0));
      assertEquals(0, h.call("fd_seek", fd, 6, 0, 0));
      assertEquals(6, h.i64(0));
      assertEquals("world", h.read(fd, 100));
      assertEquals(0, h.call("fd_seek", fd, -5, 2, 0));
      assertEquals(6, h.i64(0));
      assertEquals(Errno.INVAL, h.call("fd_seek", fd, -100, 1, 0));
      assertEquals(Errno.INVAL, h.call("fd_seek", fd, 0, 3, 0));
      // pread/pwrite leave the position alone
      h.memory.writeInt(0, 100);
      h.memory.writeInt(4, 5);
      assertEquals(0, h.call("fd_pread", fd, 0, 1, 0, 8));
      assertEquals("hello", h.string(100, h.i32(8)));
      h.string(100, "HELLO");
      assertEquals(0, h.call("fd_pwrite", fd, 0, 1, 0, 8));
      assertEquals(0, h.call("fd_tell", fd, 0));
      assertEquals(6, h.i64(0));
      assertEquals("HELLO world", Files.readString(dir.resolve("new.txt")));
      // filestat and size changes
      assertEquals(0, h.call("fd_filestat_get", fd, 0));
      assertEquals(4, h.memory.readByte(16));
      assertEquals(11, h.i64(32));
      assertEquals(0, h.call("fd_filestat_set_size", fd, 5));
      assertEquals("HELLO", Files.readString(dir.resolve("new.txt")));
      assertEquals(0, h.call("fd_close", fd));
      assertEquals(Errno.BADF, h.call("fd_close", fd));
      assertEquals(-Errno.EXIST, h.open(3, "new.txt", CREAT | EXCL, Rights.READ_WRITE, 0));
      int ro = h.open(3, "new.txt");
      assertEquals(Errno.BADF, h.write(ro, "x"), "opened for reading only");
      int ap = h.open(3, "new.txt", 0, Rights.WRITE, 1);
      assertEquals(0, h.write(ap, "+"));
      assertEquals("HELLO+", Files.readString(dir.resolve("new.txt")));
      assertEquals(0, h.call("fd_fdstat_get", ap, 0));
      assertEquals(1, h.memory.readByte(2), "append flag");
    }
  }

  @Test
  void openErrorsAreWasmtimes(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("file"), "x");
    Files.createDirectory(dir.resolve("sub"));
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      assertEquals(-Errno.NOENT, h.open(3, "missing"));
      assertEquals(-Errno.NOENT, h.open(3, ""));
      assertEquals(-Errno.NOTDIR, h.open(3, "file/"));
      assertEquals(-Errno.NOTDIR, h.open(3, "file", DIRECTORY, Rights.READ, 0));
      assertEquals(-Errno.ISDIR, h.open(3, "sub", 0, Rights.READ_WRITE, 0));
      assertEquals(-Errno.INVAL, h.open(3, "sub", DIRECTORY | CREAT, Rights.READ, 0));
      assertEquals(-Errno.INVAL, h.open(3, "file\0"));
      int file = h.open(3, "file");
      assertEquals(-Errno.NOTDIR, h.open(file, "x"), "a file as the directory");
      assertEquals(-Errno.BADF, h.open(1, "x"));
      assertEquals(-Errno.BADF, h.open(42, "x"));
      int sub = h.open(3, "sub/", DIRECTORY, Rights.READ, 0);
      assertTrue(sub > 0);
      assertEquals(Errno.BADF, h.write(sub, "x"));
      assertEquals(Errno.BADF, h.call("fd_seek", sub, 0, 0, 0));
      assertEquals(Errno.BADF, h.call("fd_sync", sub));
      assertEquals(Errno.BADF, h.call("fd_allocate", sub, 0, 1));
      assertEquals(Errno.NOTSUP, h.call("fd_allocate", file, 0, 1));
      assertEquals(Errno.BADF, h.path("path_create_directory", file, "x"));
    }
  }

  @Test
  void escapesFailWithEperm(@TempDir Path root) throws Exception {
    Path dir = Files.createDirectory(root.resolve("box"));
    Files.writeString(root.resolve("secret"), "s");
    Files.createDirectory(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/inside"), "i");
    Files.createSymbolicLink(dir.resolve("out"), Path.of("../secret"));
    Files.createSymbolicLink(dir.resolve("abs"), root.resolve("secret"));
    Files.createSymbolicLink(dir.resolve("in"), Path.of("sub/inside"));
    Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "/box"))) {
      assertEquals(-Errno.PERM, h.open(3, "../secret"));
      assertEquals(-Errno.PERM, h.open(3, "sub/../../secret"));
      assertEquals(-Errno.PERM, h.open(3, "/etc/passwd"));
      assertEquals(-Errno.PERM, h.open(3, "out"));
      assertEquals(-Errno.PERM, h.open(3, "abs"));
      assertEquals(-Errno.LOOP, h.open(3, "loop"));
      assertEquals("i", h.read(h.open(3, "in"), 10));
      assertEquals("i", h.read(h.open(3, "sub/./../sub//inside"), 10));
      int sub = h.open(3, "sub", DIRECTORY, Rights.READ, 0);
      assertEquals(-Errno.PERM, h.open(sub, "../in"), "a directory fd is its own sandbox");
      assertEquals(Errno.PERM, h.path("path_create_directory", 3, "../made"));
      assertFalse(Files.exists(root.resolve("made")));
      // Not following the link: the link itself, not an escape.
      int len = h.string(Harness.SCRATCH, "out");
      assertEquals(0, h.call("path_filestat_get", 3, 0, Harness.SCRATCH, len, 0));
      assertEquals(7, h.memory.readByte(16), "symbolic link");
      assertEquals(Errno.PERM, h.call("path_filestat_get", 3, 1, Harness.SCRATCH, len, 0));
    }
  }

  @Test
  void readOnlyPreopensRefuseChanges(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("file"), "data");
    try (Harness h = new Harness(WasiOptions.builder().preopen(Preopen.readOnly(dir, ".")))) {
      assertEquals("data", h.read(h.open(3, "file"), 10));
      assertEquals(-Errno.PERM, h.open(3, "file", 0, Rights.WRITE, 0));
      assertEquals(-Errno.PERM, h.open(3, "new", CREAT, Rights.READ, 0));
      assertEquals(-Errno.PERM, h.open(3, "file", TRUNC, Rights.READ, 0));
      assertEquals(Errno.PERM, h.path("path_create_directory", 3, "d"));
      assertEquals(Errno.PERM, h.path("path_unlink_file", 3, "file"));
      int fd = h.open(3, "file");
      assertEquals(Errno.PERM, h.call("fd_filestat_set_size", fd, 0));
      assertEquals("data", Files.readString(dir.resolve("file")));
    }
  }

  @Test
  void directoriesAreCreatedListedRenamedAndRemoved(@TempDir Path dir) throws Exception {
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      assertEquals(0, h.path("path_create_directory", 3, "d"));
      assertEquals(Errno.EXIST, h.path("path_create_directory", 3, "d"));
      assertTrue(h.open(3, "d/f", CREAT, Rights.WRITE, 0) > 0);
      assertEquals(Errno.NOTEMPTY, h.path("path_remove_directory", 3, "d"));
      assertEquals(Errno.ISDIR, h.path("path_unlink_file", 3, "d"));
      assertEquals(Errno.NOTDIR, h.path("path_remove_directory", 3, "d/f"));
      assertEquals(Errno.NOTDIR, h.path("path_unlink_file", 3, "d/f/"));
      // readdir: ".", "..", "f"
      int d = h.open(3, "d", DIRECTORY, Rights.READ, 0);
      assertEquals(0, h.call("fd_readdir", d, 2000, 1000, 0, 0));
      int used = h.i32(0);
      assertEquals(3 * 24 + 1 + 2 + 1, used);
      assertEquals(1, h.i32(2016), "d_namlen of .");
      assertEquals(".", h.string(2024, 1));
      assertEquals("f", h.string(2000 + 2 * 24 + 3 + 24, 1));
      assertEquals(4, h.memory.readByte(2000 + 2 * 24 + 3 + 20), "regular file");
      // a small buffer is filled completely; the next read continues from the cookie
      assertEquals(0, h.call("fd_readdir", d, 2000, 30, 0, 0));
      assertEquals(30, h.i32(0));
      assertEquals(0, h.call("fd_readdir", d, 2000, 1000, 2, 0));
      assertEquals(25, h.i32(0));
      assertEquals(0, h.call("fd_readdir", d, 2000, 1000, 3, 0));
      assertEquals(0, h.i32(0));
      // rename across directories, then clean up
      int a = h.string(100, "d/f");
      int b = h.string(200, "g");
      assertEquals(0, h.call("path_rename", 3, 100, a, 3, 200, b));
      assertTrue(Files.exists(dir.resolve("g")));
      assertEquals(Errno.NOENT, h.call("path_rename", 3, 100, a, 3, 200, b));
      assertEquals(0, h.path("path_unlink_file", 3, "g"));
      assertEquals(0, h.path("path_remove_directory", 3, "d"));
      assertEquals(Errno.NOENT, h.path("path_remove_directory", 3, "d"));
    }
  }

  @Test
  void linksAndSymlinks(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("file"), "content");
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      int t = h.string(100, "file");
      int l = h.string(200, "link");
      assertEquals(0, h.call("path_symlink", 100, t, 3, 200, l));
      assertEquals(Errno.EXIST, h.call("path_symlink", 100, t, 3, 200, l));
      int abs = h.string(300, "/etc");
      assertEquals(Errno.PERM, h.call("path_symlink", 300, abs, 3, 200, l));
      assertEquals(0, h.call("path_readlink", 3, 200, l, 400, 100, 0));
      assertEquals("file", h.string(400, h.i32(0)));
      assertEquals(0, h.call("path_readlink", 3, 200, l, 400, 2, 0));
      assertEquals(2, h.i32(0), "truncated to the buffer");
      assertEquals(Errno.INVAL, h.call("path_readlink", 3, 100, t, 400, 100, 0));
      assertEquals("content", h.read(h.open(3, "link"), 100));
      int nofollow = h.string(Harness.SCRATCH, "link");
      assertEquals(
          Errno.LOOP,
          h.call("path_open", 3, 0, Harness.SCRATCH, nofollow, 0, Rights.READ, Rights.READ, 0, 0));
      int hard = h.string(500, "hard");
      assertEquals(0, h.call("path_link", 3, 0, 100, t, 3, 500, hard));
      assertEquals("content", Files.readString(dir.resolve("hard")));
      assertEquals(Errno.EXIST, h.call("path_link", 3, 0, 100, t, 3, 500, hard));
      assertEquals(Errno.INVAL, h.call("path_link", 3, 1, 100, t, 3, 600, h.string(600, "h2")));
      assertEquals(0, h.path("path_unlink_file", 3, "link"));
      assertTrue(Files.exists(dir.resolve("file")));
    }
  }

  @Test
  void fdBookkeeping(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a"), "A");
    Files.writeString(dir.resolve("b"), "B");
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      int a = h.open(3, "a");
      int b = h.open(3, "b");
      assertEquals(a + 1, b);
      assertEquals(0, h.call("fd_renumber", a, b));
      assertEquals("A", h.read(b, 10));
      assertEquals(Errno.BADF, h.call("fd_close", a));
      assertEquals(Errno.BADF, h.call("fd_renumber", b, 99));
      int c = h.open(3, "b");
      assertEquals(a, c, "the lowest free number");
      assertEquals(0, h.call("fd_close", 3), "a preopen can be closed");
      assertEquals(Errno.BADF, h.call("fd_fdstat_get", 3, 0));
      assertEquals(Errno.INVAL, h.call("fd_fdstat_set_flags", c, 2));
      assertEquals(0, h.call("fd_fdstat_set_flags", c, 4));
      assertEquals(Errno.BADF, h.call("fd_fdstat_set_flags", 1, 0));
      assertEquals(Errno.NOTSUP, h.call("fd_fdstat_set_rights", c, 0, 0));
      assertEquals(0, h.call("fd_advise", c, 0, 0, 1));
      assertEquals(Errno.INVAL, h.call("fd_advise", c, 0, 0, 9));
      assertEquals(0, h.call("fd_datasync", c));
      assertEquals(0, h.call("fd_sync", c));
    }
  }

  @Test
  void fileTimesAreSet(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("f"), "x");
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      int len = h.string(100, "f");
      long t = 1_000_000_000L * 1_000_000_000L;
      assertEquals(0, h.call("path_filestat_set_times", 3, 0, 100, len, t, t, 1 | 4));
      assertEquals(0, h.call("path_filestat_get", 3, 0, 100, len, 0));
      assertEquals(t, h.i64(48), "mtim");
      assertEquals(Errno.INVAL, h.call("path_filestat_set_times", 3, 0, 100, len, t, t, 1 | 2));
      int fd = h.open(3, "f");
      assertEquals(0, h.call("fd_filestat_set_times", fd, 0, 0, 8));
      assertEquals(0, h.call("fd_filestat_get", fd, 0));
      assertTrue(h.i64(48) > t);
    }
  }

  @Test
  void pollWaitsForClocksAndReportsReadyFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("f"), "abc");
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      assertEquals(Errno.INVAL, h.call("poll_oneoff", 0, 1000, 0, 2000));
      // one relative monotonic clock of 30 ms
      writeClock(h, 0, 7, 1, 30_000_000L, 0);
      long start = System.nanoTime();
      assertEquals(0, h.call("poll_oneoff", 0, 1000, 1, 2000));
      assertTrue(System.nanoTime() - start >= 29_000_000L);
      assertEquals(1, h.i32(2000));
      assertEquals(7, h.i64(1000));
      assertEquals(0, h.memory.readByte(1010), "clock event");
      // a file read subscription is ready at once, before a long clock
      int fd = h.open(3, "f");
      writeClock(h, 0, 1, 1, 10_000_000_000L, 0);
      h.memory.writeLong(48, 2);
      h.memory.write(56, new byte[] {1});
      h.memory.writeInt(64, fd);
      start = System.nanoTime();
      assertEquals(0, h.call("poll_oneoff", 0, 1000, 2, 2000));
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
      assertEquals(1, h.i32(2000));
      assertEquals(2, h.i64(1000));
      assertEquals(3, h.i64(1016), "bytes available");
      h.memory.writeInt(64, 77);
      assertEquals(Errno.BADF, h.call("poll_oneoff", 0, 1000, 2, 2000));
      writeClock(h, 0, 1, 9, 1, 0);
      assertEquals(Errno.INVAL, h.call("poll_oneoff", 0, 1000, 1, 2000));
    }
  }

  private static void writeClock(Harness h, long at, long userdata, int clock, long ns, int flags) {
    h.memory.writeLong(at, userdata);
    h.memory.write(at + 8, new byte[] {0});
    h.memory.writeInt(at + 16, clock);
    h.memory.writeLong(at + 24, ns);
    h.memory.writeLong(at + 32, 0);
    h.memory.write(at + 40, new byte[] {(byte) flags, 0});
  }

  @Test
  void unknownSubscriptionTagsAndNonUtf8PathsAreErrors(@TempDir Path dir) {
    try (Harness h = new Harness(WasiOptions.builder().preopen(dir, "."))) {
      h.memory.write(Harness.SCRATCH, new byte[] {(byte) 0xff, (byte) 0xfe});
      assertEquals(Errno.ILSEQ, h.call("path_create_directory", 3, Harness.SCRATCH, 2));
      byte[] sub = new byte[48];
      sub[8] = 5;
      h.memory.write(0, sub);
      assertEquals(Errno.INVAL, h.call("poll_oneoff", 0, 1000, 1, 2000));
      assertArrayEquals(new byte[0], dir.toFile().list() == null ? null : new byte[0]);
    }
  }
}
