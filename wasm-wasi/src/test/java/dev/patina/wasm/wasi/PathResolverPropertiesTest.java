package dev.patina.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.patina.wasm.wasi.internal.Errno;
import dev.patina.wasm.wasi.internal.ErrnoException;
import dev.patina.wasm.wasi.internal.PathResolver;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random paths of names, ".", "..", empty components, absolute starts and symbolic links (inside,
 * outside, absolute, looping) never resolve to anything outside the preopened directory.
 */
class PathResolverPropertiesTest {
  private static FileSystem fs;
  private static Path root;

  @BeforeContainer
  static void tree() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    Path outside = Files.createDirectories(fs.getPath("/outside"));
    Files.writeString(outside.resolve("secret"), "s");
    root = Files.createDirectories(fs.getPath("/root/box"));
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/file"), "f");
    Files.createSymbolicLink(root.resolve("up"), fs.getPath(".."));
    Files.createSymbolicLink(root.resolve("a/up2"), fs.getPath("../.."));
    Files.createSymbolicLink(root.resolve("a/b/toA"), fs.getPath(".."));
    Files.createSymbolicLink(root.resolve("abs"), fs.getPath("/outside"));
    Files.createSymbolicLink(root.resolve("in"), fs.getPath("a/b"));
    Files.createSymbolicLink(root.resolve("loop"), fs.getPath("loop"));
    Files.createSymbolicLink(root.resolve("a/sneaky"), fs.getPath("b/../../../outside/secret"));
  }

  @AfterContainer
  static void close() throws IOException {
    fs.close();
  }

  @Provide
  Arbitrary<List<String>> components() {
    return Arbitraries.of(
            "a", "b", "file", "..", ".", "", "up", "up2", "toA", "abs", "in", "loop", "sneaky",
            "missing", "outside", "secret", "box", "root")
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Property(tries = 2000)
  void nothingOutsideIsEverReached(
      @ForAll("components") List<String> parts,
      @ForAll boolean absolute,
      @ForAll boolean follow,
      @ForAll boolean startInSubdirectory)
      throws IOException {
    String path = (absolute ? "/" : "") + String.join("/", parts);
    Path base = startInSubdirectory ? root.resolve("a") : root;
    try {
      PathResolver.Resolved r = PathResolver.resolve(base, path, follow);
      Path p = r.path().normalize();
      assertTrue(p.startsWith(base), path + " resolved to " + p);
      if (follow && r.exists()) {
        assertTrue(!r.isSymbolicLink(), path + " followed ends at a link");
      }
    } catch (ErrnoException e) {
      assertTrue(
          Set.of(Errno.PERM, Errno.NOENT, Errno.NOTDIR, Errno.LOOP).contains(e.errno()),
          path + ": " + Errno.name(e.errno()));
      if (absolute) {
        assertTrue(e.errno() == Errno.PERM, path);
      }
    }
  }
}
